// The browser till's shell for sync: the local server that serves the page (`npm run web`, the e2e
// setup) answers at /api/sync/… on the same origin. Unreachable means offline, never an error at a sale.

export async function localShell<T>(method: 'configure' | 'push' | 'pull' | 'push-master' | 'pull-master', body: unknown): Promise<T> {
  try {
    const response = await fetch(`./api/sync/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) return { ok: false, code: 'offline', message: `本机服务无应答（${response.status}）` } as T;
    return (await response.json()) as T;
  } catch {
    return { ok: false, code: 'offline', message: '本机服务无应答' } as T;
  }
}
