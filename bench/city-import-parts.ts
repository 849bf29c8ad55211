// Iterating on city_import_1m_lines_s: CITY_CANTEENS packages (default 20) imported by the command line into a
// fresh embedded server (the city bench's settings), start to exit, with the import's own CPU (user+sys of the
// child) and the PostgreSQL server's CPU (postmaster and its children, from /proc). PARTS=1 also times, in this
// process without a database, reading, verifying, and building the insert payloads with the own findings.
// CANTEEN_IMPORT_WORKERS=<n> passes through to the command line (0: one file after another on one thread).
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmbeddedServer, freePort } from '../postgres/embedded-server';
import { openOfficeStore, registerCanteen } from '../postgres/office-store';
import { verifyPackageFile } from '../shared/office/verify-files';
import { registeredKeyOf } from '../shared/office/canteen-registration';
import { ownFindingsOf, prepareLines } from '../postgres/office-prepare';

const DIR = resolve('.cache/bench-city/100x10000-v1');
const SCALE = Number(process.env.CITY_CANTEENS ?? 20);
const canteens = (JSON.parse(readFileSync(join(DIR, 'canteens.json'), 'utf8')) as { code: string; name: string; key: string }[]).slice(0, SCALE);
const files = canteens.map((c) => join(DIR, `${c.code}_2026-10_r1.claim.zip`));
const TICK = 100;

function treeCpu(root: number): number {
  // utime+stime+cutime+cstime of root, plus utime+stime of its live children (seconds)
  const stat = (pid: number | string) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const s = stat(root);
  let ticks = Number(s[11]) + Number(s[12]) + Number(s[13]) + Number(s[14]);
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const c = stat(pid);
      if (Number(c[1]) === root) ticks += Number(c[11]) + Number(c[12]) + Number(c[13]) + Number(c[14]);
    } catch {
      // gone meanwhile: its time is in the postmaster's cutime
    }
  }
  return ticks / TICK;
}

if (process.env.PARTS) {
  const keys = new Map(canteens.map((c) => [c.code, [registeredKeyOf({ publicKey: c.key, fingerprint: '' })]]));
  let read = 0, verify = 0, payload = 0;
  for (const path of files) {
    let t = performance.now();
    const bytes = new Uint8Array(readFileSync(path));
    read += performance.now() - t;
    t = performance.now();
    const v = await verifyPackageFile({ name: path, bytes }, (code) => keys.get(code));
    verify += performance.now() - t;
    if (!v.ok) throw new Error(JSON.stringify(v.problem));
    t = performance.now();
    prepareLines(v.claim);
    JSON.stringify(ownFindingsOf(v.id, v.claim, undefined, undefined));
    payload += performance.now() - t;
  }
  console.log(`parts read ${(read / 1000).toFixed(1)} s verify ${(verify / 1000).toFixed(1)} s payload and own findings ${(payload / 1000).toFixed(1)} s`);
}

const base = mkdtempSync(join(tmpdir(), 'city-parts-'));
chmodSync(base, 0o755);
const server = await startEmbeddedServer({ dataDir: join(base, 'data'), port: await freePort(), password: 'bench', settings: { max_wal_size: '4GB', shared_buffers: '512MB' } });
try {
  const url = server.url();
  const store = await openOfficeStore(url);
  for (const c of canteens) await registerCanteen(store, { code: c.code, name: c.name, key: c.key, fingerprint: '' }, '基准测试');
  await store.close();
  const postmaster = Number(readFileSync(join(base, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pgBefore = treeCpu(postmaster);
  const started = performance.now();
  const out = await new Promise<string>((done, fail) => {
    const cmd = `${JSON.stringify(process.execPath)} --import tsx cli/canteen.ts office import --db '${url}' --by 基准测试 ${files.join(' ')} >/tmp/city-parts-out.txt 2>/tmp/city-parts-err.txt; rc=$?; times; exit $rc`;
    const child = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.on('close', (code) => (code === 0 ? done(text) : fail(new Error(`exit ${code} ${readFileSync('/tmp/city-parts-out.txt', 'utf8').slice(-500)} ${readFileSync('/tmp/city-parts-err.txt', 'utf8').slice(-1500)}`))));
  });
  const wall = (performance.now() - started) / 1000;
  const pgCpu = treeCpu(postmaster) - pgBefore;
  const [, children] = out.trim().split('\n');
  const [u, s] = children!.split(' ').map((t) => { const m = /(\d+)m([\d.]+)s/.exec(t)!; return Number(m[1]) * 60 + Number(m[2]); });
  console.log(`import ${SCALE} packages: wall ${wall.toFixed(1)} s, node cpu ${(u! + s!).toFixed(1)} s (user ${u!.toFixed(1)} sys ${s!.toFixed(1)}), postgres cpu ${pgCpu.toFixed(1)} s`);
} finally {
  await server.stop();
  rmSync(base, { recursive: true, force: true });
}
