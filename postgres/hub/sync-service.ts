// The shell's side of sync (the desktop main process, or the browser build's local server): holds the
// connection to the canteen's hub, starts the embedded hub when this PC is the host, and answers the
// till's push and pull. A hub that cannot be reached is an answer ("offline"), never a thrown error.
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { MasterPullRequest, MasterPullResult, MasterPush, MasterPushResult, PullRequest, PullResult, PushRequest, PushResult, SyncConfig, SyncConfigResult } from '../../shared/sync/wire';
import { MasterPullRequestSchema, MasterPushSchema, PullRequestSchema, PushRequestSchema, SyncConfigSchema } from '../../shared/sync/wire';
import { startEmbeddedServer, type EmbeddedServer } from '../embedded-server';
import { migrate } from '../migrations';
import { pullEntries, pushEntries } from './hub-store';
import { pullMaster, pushMaster } from './master-store';
import { HUB_LEDGER, HUB_MIGRATIONS } from './schema';

export const HUB_DATABASE = 'canteen_hub';
export const HOST_PORT = 54_321;

/** A connection address for the hub: a full postgres:// URL as given, or host[:port] of a canteen host PC. */
export function hubUrl(address: string, pairingCode: string): string {
  if (/^postgres(ql)?:\/\//i.test(address)) {
    const url = new URL(address);
    if (!url.password && pairingCode) url.password = pairingCode;
    return url.href;
  }
  const [host, port] = address.split(':');
  return `postgres://postgres:${encodeURIComponent(pairingCode)}@${host}:${port || HOST_PORT}/${HUB_DATABASE}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function lanAddress(): string {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return '127.0.0.1';
}

export class SyncService {
  private pool: pg.Pool | null = null;
  private host: EmbeddedServer | null = null;
  private configuring: Promise<SyncConfigResult> | null = null;
  private key = '';

  /** `dataDir`: the app's data folder, where a host PC keeps the hub's database and its password. */
  constructor(private readonly dataDir: string) {}

  configure(raw: SyncConfig): Promise<SyncConfigResult> {
    const config = SyncConfigSchema.parse(raw);
    const key = JSON.stringify(config);
    // The same configuration again (a till reloaded): keep the connection.
    if (key === this.key && this.configuring) return this.configuring;
    this.key = key;
    this.configuring = this.apply(config).catch((error: unknown) => {
      this.key = '';
      return { ok: false as const, message: `无法连接主机：${message(error)}` };
    });
    return this.configuring;
  }

  private async apply(config: ReturnType<typeof SyncConfigSchema.parse>): Promise<SyncConfigResult> {
    await this.close();
    if (config.mode === 'single') return { ok: true };
    if (config.mode === 'connect') {
      await this.connect(hubUrl(config.address, config.pairingCode));
      return { ok: true };
    }
    const { password } = this.hostSecret();
    const dataDir = join(this.dataDir, 'hub');
    const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
    this.host = await startEmbeddedServer({ dataDir, port: HOST_PORT, password, settings: config.lan ? { listen_addresses: '*' } : {} });
    if (fresh) appendFileSync(join(dataDir, 'pg_hba.conf'), '\nhost all all 0.0.0.0/0 scram-sha-256\n');
    const admin = new pg.Client({ connectionString: this.host.url('postgres') });
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [HUB_DATABASE]);
      if (!exists.rowCount) await admin.query(`CREATE DATABASE ${HUB_DATABASE}`);
    } finally {
      await admin.end();
    }
    await this.connect(this.host.url(HUB_DATABASE));
    return { ok: true, host: { address: `${config.lan ? lanAddress() : '127.0.0.1'}:${HOST_PORT}`, pairingCode: password } };
  }

  /** The host's password, made once at set-up and kept in the data folder (readable by this user only). */
  private hostSecret(): { password: string } {
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, 'hub-secret.json');
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { password: string };
    const secret = { password: randomBytes(6).toString('hex') };
    writeFileSync(file, JSON.stringify(secret), { mode: 0o600 });
    return secret;
  }

  private async connect(url: string) {
    // Short timeouts: a hub that is away must show as 离线 within a round, not hang the till's sync.
    const pool = new pg.Pool({ connectionString: url, max: 3, connectionTimeoutMillis: 2000, idleTimeoutMillis: 10_000, query_timeout: 20_000 });
    // An idle connection cut by a stopped hub must not crash the shell; the next query reconnects.
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await migrate(client, HUB_LEDGER, HUB_MIGRATIONS);
    } finally {
      client.release();
    }
    this.pool = pool;
  }

  /**
   * One hub call: not configured and an unreachable hub are answers the till handles (连接中, 离线), never
   * thrown; a request that fails its schema is thrown, as the IPC layer refuses it.
   */
  private async call<T>(work: (pool: pg.Pool) => Promise<T>): Promise<T | { ok: false; code: 'not_configured' | 'offline'; message: string }> {
    const pool = this.pool;
    if (!pool) return { ok: false, code: 'not_configured', message: '尚未连接主机' };
    try {
      return await work(pool);
    } catch (error) {
      return { ok: false, code: 'offline', message: message(error) };
    }
  }

  push(raw: PushRequest): Promise<PushResult> {
    const request = PushRequestSchema.parse(raw);
    return this.call((pool) => pushEntries(pool, request));
  }

  pull(raw: PullRequest): Promise<PullResult> {
    const request = PullRequestSchema.parse(raw);
    return this.call(async (pool) => ({ ok: true as const, ...(await pullEntries(pool, request.tillId, request.cursors, request.limit)) }));
  }

  pushMaster(raw: MasterPush): Promise<MasterPushResult> {
    const request = MasterPushSchema.parse(raw);
    return this.call(async (pool) => ({ ok: true as const, pushed: await pushMaster(pool, request) }));
  }

  pullMaster(raw: MasterPullRequest): Promise<MasterPullResult> {
    const request = MasterPullRequestSchema.parse(raw);
    return this.call(async (pool) => ({ ok: true as const, ...(await pullMaster(pool, request.after)) }));
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.end().catch(() => undefined);
    const host = this.host;
    this.host = null;
    await host?.stop();
  }
}
