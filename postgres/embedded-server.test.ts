import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startEmbeddedServer, type EmbeddedServer } from './embedded-server';

async function selectOne(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
  } finally {
    await client.end();
  }
}

const occupy = (port: number) =>
  new Promise<Server>((done) => {
    const server = createServer();
    server.listen(port, '127.0.0.1', () => done(server));
  });

const base = mkdtempSync(join(tmpdir(), 'pg-server-test-'));
chmodSync(base, 0o755); // the postgres user must reach the data directory when the run is root's
const dataDir = join(base, 'data');
const started: EmbeddedServer[] = [];
afterAll(async () => {
  for (const server of started) await server.stop();
  rmSync(base, { recursive: true, force: true });
});

describe('embedded server', () => {
  // One initdb for the whole file (it is the slow part); the rest restarts from the same data directory.
  it('starts, checks the password, stops by its own handle, refuses a taken port, restarts from its data', async () => {
    const password = 'pässwörd:@/?';
    const first = await startEmbeddedServer({ dataDir, port: await freePort(), password, throwaway: true });
    started.push(first);
    expect(await selectOne(first.url())).toBe(1);
    await expect(selectOne(first.url().replace(encodeURIComponent(password), 'wrong'))).rejects.toThrow(/password/);

    await first.stop();
    await first.stop(); // twice is harmless
    await expect(selectOne(first.url())).rejects.toThrow();

    const taken = await occupy(await freePort());
    try {
      const port = (taken.address() as { port: number }).port;
      await expect(startEmbeddedServer({ dataDir, port, password, throwaway: true })).rejects.toThrow('启动失败');
    } finally {
      taken.close();
    }

    const again = await startEmbeddedServer({ dataDir, port: await freePort(), password, throwaway: true });
    started.push(again);
    expect(await selectOne(again.url())).toBe(1);
  }, 120_000);
});
