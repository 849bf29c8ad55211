// The browser build's shell for the office's PostgreSQL store, on the preview server beside /api/sync (see
// web-shell.ts). One preview server may serve several browser profiles (an office's PCs reaching one server, or
// the e2e's browser contexts), each its own office PC: each sends its own id, kept in its localStorage, and has
// its own OfficeService and its own saved choice, in a folder of its own under the data folder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { bridgeArgs } from '../shared/bridge';
import { OfficeService } from './office-service';

export const OFFICE_CLIENT_HEADER = 'x-canteen-office-pc';
const CLIENT_ID = /^[a-z0-9]{16,64}$/;
const MAX_BODY = 800 * 1024 * 1024;

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('请求太大');
    chunks.push(chunk as Buffer);
  }
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
}

export function officeHandler(dataDir: string) {
  const services = new Map<string, OfficeService>();
  const handler = async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const method = ({ '/status': 'officeStoreStatus', '/configure': 'officeStoreConfigure', '/call': 'officeStoreCall' } as const)[(request.url ?? '').split('?')[0] as '/status'];
    if (!method || request.method !== 'POST') return next();
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    const client = String(request.headers[OFFICE_CLIENT_HEADER] ?? '');
    if (!CLIENT_ID.test(client)) return reply(400, { ok: false, message: '请求无效：缺少本机编号' });
    let service = services.get(client);
    if (!service) services.set(client, (service = new OfficeService(join(dataDir, 'office-pcs', client))));
    try {
      const raw = await body(request);
      if (method === 'officeStoreStatus') return reply(200, await service.status());
      // Checked against the bridge's contract, as the desktop shell's IPC checks it.
      const parsed = (bridgeArgs[method] as unknown as { safeParse(value: unknown): { success: true; data: [unknown] } | { success: false; error: { issues: { message: string }[] } } }).safeParse([raw]);
      if (!parsed.success) return reply(200, { ok: false, message: `请求无效：${parsed.error.issues[0]?.message ?? ''}` });
      reply(200, method === 'officeStoreConfigure' ? await service.configure(parsed.data[0]) : await service.call(parsed.data[0]));
    } catch (error) {
      reply(500, { ok: false, message: `本机服务出错：${error instanceof Error ? error.message : String(error)}` });
    }
  };
  return Object.assign(handler, { close: () => Promise.all([...services.values()].map((service) => service.close())) });
}
