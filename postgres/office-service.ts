// The shell's side of the office's PostgreSQL store (街道 mode, 设置 → 街道数据存放): holds the connection and
// its password (in the app's data folder, readable by this user only; never handed back to the page), checks a
// server before it is used (it answers, the password is right, the office migrations run), and answers the
// 街道 page's calls with postgres/office-store.ts, whose verification and review are the shared ones.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { fromBase64 } from '../shared/claims/signing';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import { OfficeInputError } from '../shared/office/canteen-registration';
import { OfficeSnapshotSchema } from '../shared/office/office-snapshot';
import {
  OfficeServerSchema,
  OfficeStoreConfigSchema,
  OfficeStoreRequestSchema,
  type ImportedFile,
  type OfficeServer,
  type OfficeStoreAnswers,
  type OfficeStoreConfigResult,
  type OfficeStoreRequest,
  type OfficeStoreResult,
  type OfficeStoreStatus,
} from '../shared/office/office-store-wire';
import { moveIntoPostgres } from './office-move';
import * as store from './office-store';

const SAVED = 'office-store.json';

type Saved = { server: OfficeServer; password: string; configuredBy: string; configuredAt: string };

/** A pg error in words an office clerk can act on. */
export function describeConnectError(error: unknown, server: Pick<OfficeServer, 'host' | 'port' | 'database' | 'user'>): string {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const where = `${server.host}:${server.port}`;
  switch (code) {
    case '28P01':
      return `用户名或密码不对：服务器 ${where} 拒绝了用户“${server.user}”的登录`;
    case '28000':
      return `服务器 ${where} 不允许用户“${server.user}”从本机连接数据库“${server.database}”（请 IT 人员检查 pg_hba.conf）`;
    case '3D000':
      return `服务器 ${where} 上没有数据库“${server.database}”：请 IT 人员先建好`;
    case '42501':
      return `用户“${server.user}”在数据库“${server.database}”中没有建表的权限：请 IT 人员授权后再连接`;
    case 'ECONNREFUSED':
      return `连不上 ${where}：该地址没有 PostgreSQL 服务在运行，请核对地址和端口`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `找不到服务器“${server.host}”：请核对地址`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `连接 ${where} 超时：请检查网络和地址`;
  }
  if (/password must be a string|SASL/i.test(message ?? '')) return '请填写密码：该服务器要求密码登录';
  if (/does not support SSL/i.test(message ?? '')) return `服务器 ${where} 不支持加密连接：请选择“服务器支持时加密”`;
  if (/timeout/i.test(message ?? '')) return `连接 ${where} 超时：请检查网络和地址`;
  return `无法连接 PostgreSQL 服务器 ${where}：${message ?? String(error)}`;
}

const poolConfig = (server: OfficeServer, password: string, ssl: boolean): pg.PoolConfig => ({
  host: server.host.replace(/^\[(.*)\]$/, '$1'),
  port: server.port,
  database: server.database,
  user: server.user,
  password,
  // Encrypted where asked; the office's own server rarely has a certificate a PC could check, so the
  // channel is encrypted without pinning one (as libpq's sslmode=require).
  ssl: ssl ? { rejectUnauthorized: false } : false,
  connectionTimeoutMillis: 5000,
  query_timeout: 600_000,
});

/** Connects as asked: with TLS (prefer: TLS when the server offers it, else plain), answering which worked. */
async function probe(server: OfficeServer, password: string): Promise<{ ssl: boolean }> {
  const attempt = async (ssl: boolean) => {
    const client = new pg.Client(poolConfig(server, password, ssl));
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  if (server.tls === 'disable') {
    await attempt(false);
    return { ssl: false };
  }
  try {
    await attempt(true);
    return { ssl: true };
  } catch (error) {
    if (server.tls === 'prefer' && /does not support SSL/i.test((error as Error).message ?? '')) {
      await attempt(false);
      return { ssl: false };
    }
    throw error;
  }
}

export class OfficeService {
  private open: { store: store.OfficeStore; saved: Saved; ssl: boolean } | null = null;
  private opening: Promise<void> | null = null;
  private problem: string | undefined;

  /** `dataDir`: the app's data folder (the desktop's userData, or the web shell's folder for one browser). */
  constructor(private readonly dataDir: string) {}

  private saved(): Saved | null {
    const file = join(this.dataDir, SAVED);
    if (!existsSync(file)) return null;
    try {
      const raw = JSON.parse(readFileSync(file, 'utf8')) as Saved;
      return { ...raw, server: OfficeServerSchema.parse(raw.server) };
    } catch {
      return null;
    }
  }

  private save(saved: Saved | null): void {
    mkdirSync(this.dataDir, { recursive: true });
    const file = join(this.dataDir, SAVED);
    // Written whole, then renamed: a crash leaves the old choice, never half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(saved ?? { mode: 'local' }), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }

  private async connect(saved: Saved): Promise<{ store: store.OfficeStore; ssl: boolean }> {
    const { ssl } = await probe(saved.server, saved.password);
    try {
      return { store: await store.openOfficeStore(poolConfig(saved.server, saved.password, ssl)), ssl };
    } catch (error) {
      throw new OfficeInputError(describeConnectError((error as { cause?: unknown }).cause ?? error, saved.server));
    }
  }

  /** The saved choice connected (once; again after a failure, at the next call). */
  private async ready(): Promise<store.OfficeStore | null> {
    if (this.open) return this.open.store;
    const saved = this.saved();
    if (!saved?.server) return null;
    this.opening ??= this.connect(saved).then(
      (opened) => {
        this.open = { ...opened, saved };
        this.problem = undefined;
      },
      (error: unknown) => {
        this.problem = error instanceof OfficeInputError ? error.message : describeConnectError(error, saved.server);
      },
    );
    await this.opening;
    this.opening = null;
    return this.current();
  }

  /** Read again after an await: the callbacks above set it. */
  private current(): store.OfficeStore | null {
    return this.open?.store ?? null;
  }

  async status(): Promise<OfficeStoreStatus> {
    const saved = this.saved();
    if (!saved?.server) return { mode: 'local' };
    await this.ready();
    return {
      mode: 'postgres',
      server: saved.server,
      connected: !!this.open,
      ...(this.problem && !this.open ? { problem: this.problem } : {}),
      configuredBy: saved.configuredBy,
      configuredAt: saved.configuredAt,
    };
  }

  /**
   * Chooses the store. A server is checked first (it answers, the password is right, the office migrations run);
   * one that fails is refused with its reason and the choice before stays as it was.
   */
  async configure(raw: unknown, nowMs = Date.now()): Promise<OfficeStoreConfigResult> {
    const parsed = OfficeStoreConfigSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: `设置不完整：${parsed.error.issues[0]?.message ?? ''}` };
    const config = parsed.data;
    if (config.mode === 'local') {
      await this.close();
      this.save(null);
      return { ok: true, status: { mode: 'local' } };
    }
    const saved: Saved = { server: config.server, password: config.password, configuredBy: config.by.trim(), configuredAt: chinaIsoFromEpochMs(nowMs) };
    let opened: { store: store.OfficeStore; ssl: boolean };
    try {
      opened = await this.connect(saved);
    } catch (error) {
      return { ok: false, message: `未改动：${error instanceof OfficeInputError ? error.message : describeConnectError(error, saved.server)}` };
    }
    await opened.store.pool.query('INSERT INTO office_events (at, by, what, details) VALUES ($1, $2, $3, $4)', [
      saved.configuredAt,
      saved.configuredBy,
      'connected',
      JSON.stringify({ tls: opened.ssl }),
    ]);
    await this.close();
    this.open = { ...opened, saved };
    this.problem = undefined;
    this.save(saved);
    return { ok: true, status: await this.status() };
  }

  /** One call of the 街道 page on the PostgreSQL store; failures are answered in Chinese, never thrown. */
  async call(raw: unknown): Promise<OfficeStoreResult> {
    const parsed = OfficeStoreRequestSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, message: `请求无效：${parsed.error.issues[0]?.message ?? ''}` };
    const opened = await this.ready();
    if (!opened) return { ok: false, message: this.problem ?? '尚未选择 PostgreSQL 服务器：请在“设置 › 街道数据存放”中连接' };
    try {
      return { ok: true, value: await this.answer(opened, parsed.data) };
    } catch (error) {
      if (error instanceof OfficeInputError) return { ok: false, message: error.message };
      const { code } = error as { code?: string };
      // The server went away: the next call connects again.
      if (code && /^(08|57P|EC|ETIMEDOUT|EPIPE)/.test(code)) await this.close();
      return { ok: false, message: code ? describeConnectError(error, this.saved()?.server ?? { host: '?', port: 0, database: '?', user: '?' }) : `操作没有完成：${(error as Error).message}` };
    }
  }

  private async answer(opened: store.OfficeStore, request: OfficeStoreRequest): Promise<OfficeStoreAnswers[keyof OfficeStoreAnswers]> {
    switch (request.op) {
      case 'version':
        return store.storeVersion(opened);
      case 'canteens':
        return store.canteens(opened);
      case 'registerCanteen':
        return store.registerCanteen(opened, request.input, request.by);
      case 'importPackage': {
        const { files, alreadyHeld } = await store.importPackageFiles(opened, [{ name: request.file.name, bytes: fromBase64(request.file.bytesBase64) }], request.by);
        const [file] = files;
        const answer: ImportedFile = file!.ok
          ? { fileName: file!.fileName, ok: true, canteenName: file!.claim.canteen.name, month: file!.claim.month, revision: file!.claim.revision, meals: file!.claim.totals.meals, netClaimFen: file!.claim.totals.netClaimFen }
          : { fileName: file!.fileName, ok: false, message: file!.problem.message, ...(alreadyHeld ? { alreadyHeld: true } : {}) };
        return answer;
      }
      case 'months':
        return store.months(opened);
      case 'monthOverview': {
        const { reviews, decisions, summary } = await store.monthOverview(opened, request.month);
        return { reviews, decisions: [...decisions.values()], summary };
      }
      case 'decide': {
        const { op: _op, ...input } = request;
        await store.decide(opened, input);
        return null;
      }
      case 'acceptRevision':
        await store.acceptRevision(opened, request);
        return null;
      case 'issuedPolicies':
        return store.issuedPolicies(opened);
      case 'issuePolicy':
        return store.issuePolicy(opened, request.text, request.source, request.fileName, request.by);
      case 'rosterCount':
        return store.rosterCount(opened);
      case 'replaceRoster': {
        const people = OfficeSnapshotSchema.shape.roster.safeParse(request.people);
        if (!people.success) throw new OfficeInputError(`名册格式不对：${people.error.issues[0]?.path.join('.')} ${people.error.issues[0]?.message}`);
        await store.replaceRoster(opened, people.data);
        await opened.pool.query('INSERT INTO office_events (at, by, what, details) VALUES ($1, $2, $3, $4)', [chinaIsoFromEpochMs(Date.now()), request.by.trim(), 'roster', JSON.stringify({ people: people.data.length })]);
        return null;
      }
      case 'move': {
        const report = await moveIntoPostgres(opened, request.snapshot, request.by);
        await opened.pool.query('INSERT INTO office_events (at, by, what, details) VALUES ($1, $2, $3, $4)', [chinaIsoFromEpochMs(Date.now()), request.by.trim(), 'moved', JSON.stringify(report)]);
        return report;
      }
    }
  }

  async close(): Promise<void> {
    const open = this.open;
    this.open = null;
    await open?.store.close().catch(() => undefined);
  }
}
