// The browser build's shell for sync, attached to the Vite preview server (see vite.config.ts), so the local server that `npm run web` (and
// the e2e setup) starts answers the till's sync messages at /api/sync/… beside the page it serves. Every
// message is validated against the bridge's contract, as the desktop shell's IPC handlers do.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { PreviewServer } from 'vite';
import { bridgeArgs } from '../shared/bridge';
import { SyncService } from './hub/sync-service';
import { officeHandler } from './office-web-shell';

const METHODS = { configure: 'syncConfigure', push: 'syncPush', pull: 'syncPull', 'push-master': 'syncPushMaster', 'pull-master': 'syncPullMaster' } as const;

async function body(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export function syncHandler(service: SyncService) {
  return async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    const method = METHODS[(request.url ?? '').replace(/^\//, '') as keyof typeof METHODS];
    if (!method || request.method !== 'POST') return next();
    const reply = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    try {
      const parsed = bridgeArgs[method].safeParse([await body(request)]);
      if (!parsed.success) return reply(400, { ok: false, code: 'refused', message: parsed.error.issues[0]?.message ?? '请求无效' });
      const [argument] = parsed.data;
      const answer = { syncConfigure: 'configure', syncPush: 'push', syncPull: 'pull', syncPushMaster: 'pushMaster', syncPullMaster: 'pullMaster' } as const;
      const result = await service[answer[method]](argument as never);
      reply(200, result);
    } catch (error) {
      reply(500, { ok: false, code: 'offline', message: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** Answers sync at /api/sync/… on a preview server. `CANTEEN_DATA_DIR`: where a browser-build host keeps the hub (default ~/.canteen-till). */
export function attachWebShell(server: PreviewServer): void {
  const dataDir = process.env.CANTEEN_DATA_DIR ?? join(homedir(), '.canteen-till');
  const service = new SyncService(dataDir);
  server.middlewares.use('/api/sync', syncHandler(service));
  // 街道 mode: the office's PostgreSQL store, at /api/office/… (office-web-shell.ts).
  const office = officeHandler(dataDir);
  server.middlewares.use('/api/office', office);
  server.httpServer?.on('close', () => {
    void service.close();
    void office.close();
  });
}
