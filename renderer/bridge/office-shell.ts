// The browser build's way to the office's PostgreSQL store: the local server that serves the page answers at
// /api/office/… (postgres/office-web-shell.ts). This browser profile is one office PC, named by an id kept in
// its localStorage, so two profiles on one server keep their own choice of store.
import type { OfficeStoreConfig, OfficeStoreConfigResult, OfficeStoreRequest, OfficeStoreResult, OfficeStoreStatus } from '../../shared/office/office-store-wire';

const ID_KEY = 'canteen-till.office-pc';
const HEADER = 'x-canteen-office-pc';

function pcId(): string {
  let id = localStorage.getItem(ID_KEY);
  if (!id) {
    id = [...crypto.getRandomValues(new Uint8Array(16))].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    localStorage.setItem(ID_KEY, id);
  }
  return id;
}

async function post<T>(path: string, body: unknown, unreachable: T): Promise<T> {
  try {
    const response = await fetch(`./api/office/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', [HEADER]: pcId() }, body: JSON.stringify(body ?? null) });
    if (!response.ok && response.status !== 500) return unreachable;
    return (await response.json()) as T;
  } catch {
    return unreachable;
  }
}

const NO_SHELL = '本机服务无应答：浏览器版要由 npm run web 启动的本机服务连接 PostgreSQL';

export const officeStoreStatus = (): Promise<OfficeStoreStatus> => post<OfficeStoreStatus>('status', null, { mode: 'local' });
export const officeStoreConfigure = (config: OfficeStoreConfig): Promise<OfficeStoreConfigResult> => post('configure', config, { ok: false, message: NO_SHELL });
export const officeStoreCall = (request: OfficeStoreRequest): Promise<OfficeStoreResult> => post('call', request, { ok: false, message: NO_SHELL });
