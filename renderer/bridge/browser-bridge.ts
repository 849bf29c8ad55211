// The bridge in a plain browser: files become downloads and file pickers, printing is the browser's
// dialog, secrets are sealed with a non-extractable AES key kept in IndexedDB, and the ledger's journal is
// a file in the origin-private file system (browser-journal.ts).
import type { Bridge, FileResult, OpenFilesRequest, PickedFile } from '../../shared/bridge';
import { browserJournal } from './browser-journal';
import { browserSupportInfo, downloadBrowserLog, writeBrowserLog } from './browser-log';
import { localShell } from './local-shell';

const CANCELLED = { ok: false, code: 'cancelled', message: '已取消' } as const;

function download(name: string, bytes: Uint8Array): FileResult<{ path?: string }> {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  // Revoked later: Chromium reads the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { ok: true };
}

function pickFiles({ filters = [], multiple = false }: OpenFilesRequest): Promise<FileResult<{ files: PickedFile[] }>> {
  return new Promise((resolve) => {
    const input = Object.assign(document.createElement('input'), { type: 'file', multiple });
    input.accept = filters.flatMap((filter) => filter.extensions.map((extension) => `.${extension}`)).join(',');
    input.addEventListener('cancel', () => resolve(CANCELLED));
    input.addEventListener('change', async () => {
      const files = await Promise.all([...(input.files ?? [])].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })));
      resolve(files.length ? { ok: true, files } : CANCELLED);
    });
    input.click();
  });
}

const KEY_DB = 'canteen-keystore';
const KEY_ID = 'seal-v1';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let sealingKey: Promise<CryptoKey> | undefined;

/** One AES-GCM key per browser profile; non-extractable, so script can use it but never read it out. */
function getSealingKey(): Promise<CryptoKey> {
  sealingKey ??= (async () => {
    const open = indexedDB.open(KEY_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('keys');
    const db = await request(open);
    const existing = await request<CryptoKey | undefined>(db.transaction('keys').objectStore('keys').get(KEY_ID));
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    // add() rather than put(): if another tab raced us, keep its key and use that one.
    const tx = db.transaction('keys', 'readwrite', { durability: 'strict' });
    tx.objectStore('keys').add(key, KEY_ID);
    try {
      await new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
      return key;
    } catch {
      return (await request<CryptoKey | undefined>(db.transaction('keys').objectStore('keys').get(KEY_ID)))!;
    }
  })();
  return sealingKey;
}

const IV_BYTES = 12;

export const browserBridge: Bridge = {
  appInfo: async () => ({ name: '助餐收银台', version: __APP_VERSION__, shell: 'browser', platform: navigator.platform }),
  saveFile: async ({ suggestedName, bytes }) => download(suggestedName, bytes),
  openFiles: pickFiles,
  pickFolder: async () => ({ ok: true, folder: null }),
  // A browser cannot write into a folder: the file becomes a download instead.
  writeInFolder: async ({ name, bytes }) => download(name, bytes),
  listFolder: async () => ({ ok: true, entries: [] }),
  removeFromFolder: async () => ({ ok: true }),
  listPrinters: async () => [],
  print: async () => {
    window.print();
    return { ok: true };
  },
  printToPdf: async () => null,
  sealSecret: async (plain) => {
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await getSealingKey(), plain as Uint8Array<ArrayBuffer>));
    const out = new Uint8Array(IV_BYTES + sealed.length);
    out.set(iv);
    out.set(sealed, IV_BYTES);
    return out;
  },
  unsealSecret: async (sealed) => {
    const iv = sealed.slice(0, IV_BYTES);
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, await getSealingKey(), sealed.slice(IV_BYTES)));
  },
  ...browserJournal,
  writeLog: writeBrowserLog,
  supportInfo: browserSupportInfo,
  copySupportFiles: async () => downloadBrowserLog(download),
  // The local server that serves the browser till plays the shell's part for sync.
  syncConfigure: (config) => localShell('configure', config),
  syncPush: (request) => localShell('push', request),
  syncPull: (request) => localShell('pull', request),
};
