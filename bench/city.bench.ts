// The city office's figures on PostgreSQL (`npx tsx bench/city.bench.ts`, run by `npm run bench`):
//   bench city_import_1m_lines_s    100 packages, 1,000,000 lines, verified and stored by
//                                   `canteen office import --db …` (the command line), start to exit (budget 120)
//   bench city_cross_check_5m_ms    the month's cross-canteen duplicate and limit checks (monthReviews) over a
//                                   5,000,000-line month already stored (budget 10,000)
// The server is an embedded PostgreSQL with its normal durability (fsync on), data in a temp folder.
// The 1,000,000 lines are real signed packages (shared/office/test-packages.ts: every 50th elder of an odd
// canteen also eats at the canteen before), kept in .cache/bench-city between runs. The 5,000,000-line month
// is those packages imported, plus four copies of them made in SQL under other canteen codes and with other
// (valid) ID numbers, so each copy's elders are its own and the share of elders at two canteens stays the same.
// CITY_CANTEENS=20 (for iterating) takes the first 20 of the same packages: the same share of elders at two
// canteens, a fifth of the lines; the figures are then not the budgets' and are named so. CITY_KEEP=<folder>
// keeps the server's data there (for EXPLAIN afterwards) instead of a temp folder that is removed.
// The IndexedDB store's figure for the same work is printed where it can run: its import of 200,000 lines is
// office_import_200k_s (scripts/bench-office.mjs); a million lines or a 5,000,000-line month do not fit one
// browser profile's review, which holds every package of the month in memory.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedServer, freePort } from '../postgres/embedded-server';
import { monthReviews, openOfficeStore, registerCanteen } from '../postgres/office-store';
import { manyPackages } from '../shared/office/test-packages';

const CANTEENS = 100;
const LINES_EACH = 10_000;
const COPIES = 4;
const DIR = resolve('.cache/bench-city', `${CANTEENS}x${LINES_EACH}-v1`);
const SCALE = Math.min(CANTEENS, Math.max(2, Number(process.env.CITY_CANTEENS ?? CANTEENS)));
const SCALED = SCALE === CANTEENS ? '' : `_at_${SCALE}_canteens`;
const say = (message: string) => process.stderr.write(`${message}\n`);
const report = (name: string, value: string, unit: string) => console.log(`bench ${name} ${value} ${unit}`);

type CanteenKey = { code: string; name: string; key: string };

async function packages(): Promise<CanteenKey[]> {
  const keysFile = join(DIR, 'canteens.json');
  if (!existsSync(keysFile)) {
    say(`city bench: making ${CANTEENS} packages of ${LINES_EACH} lines…`);
    mkdirSync(DIR, { recursive: true });
    // One call: manyPackages gives each canteen its own elders, some shared with the canteen before.
    const made = await manyPackages(CANTEENS, LINES_EACH);
    const canteens = made.map(({ canteen, written }) => {
      writeFileSync(join(DIR, written.fileName), written.bytes);
      return { code: canteen.code, name: canteen.name, key: canteen.key.info.key };
    });
    writeFileSync(keysFile, JSON.stringify(canteens));
  }
  return (JSON.parse(readFileSync(keysFile, 'utf8')) as CanteenKey[]).slice(0, SCALE);
}

function importSeconds(url: string, canteens: readonly CanteenKey[]): Promise<number> {
  const files = SCALED ? canteens.map((canteen) => join(DIR, `${canteen.code}_2026-10_r1.claim.zip`)) : [DIR];
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/canteen.ts', 'office', 'import', '--db', url, '--by', '基准测试', ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', fail).on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) fail(new Error(`office import: exit ${code}: ${last} ${err.slice(-2000)}`));
      else done((performance.now() - started) / 1000);
    });
  });
}

/** Four more copies of the imported month under other canteen codes, with other valid ID numbers. */
async function copyMonth(client: pg.Client): Promise<void> {
  await client.query(`CREATE FUNCTION pg_temp.id_check(body text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT substr('10X98765432', (sum(substr(body, i, 1)::int * (ARRAY[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[i]) % 11)::int + 1, 1)
    FROM generate_series(1, 17) AS i $$`);
  for (let copy = 1; copy <= COPIES; copy++) {
    say(`city bench: copy ${copy}/${COPIES} of the month…`);
    // Copy k: canteen ZC-001 becomes K1-001, each elder's ID number gets area code 44011k.
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO office_packages (id, file_name, canteen_code, canteen_name, month, revision, exported_at, imported_at, imported_by, totals, header)
       SELECT id || '-k' || $1::text, file_name, 'K' || $1::text || substr(canteen_code, 3), canteen_name || '（' || $1::text || '）', month, revision, exported_at, imported_at, imported_by, totals,
              jsonb_set(header::jsonb, '{canteen,code}', to_jsonb('K' || $1::text || substr(canteen_code, 3)))::json
       FROM office_packages WHERE id NOT LIKE '%-k%'`,
      [copy],
    );
    await client.query(`INSERT INTO office_package_flags (package_id, findings) SELECT package_id || '-k' || $1::text, findings FROM office_package_flags WHERE package_id NOT LIKE '%-k%'`, [copy]);
    await client.query(
      `INSERT INTO office_lines (month, package_id, line_index, person_key, line_date, meal_period, claim_fen, line)
       SELECT month, package_id || '-k' || $1::text, line_index, split_part(person_key, ':', 1) || ':' || id, line_date, meal_period, claim_fen,
              jsonb_set(line::jsonb, '{resident,idNumber}', to_jsonb(id))::json
       FROM (SELECT *, '44011' || $1::text || substr(line->'resident'->>'idNumber', 7, 11) || pg_temp.id_check('44011' || $1::text || substr(line->'resident'->>'idNumber', 7, 11)) AS id
             FROM office_lines WHERE package_id NOT LIKE '%-k%') AS original`,
      [copy],
    );
    // Each package's elders, as an import writes them with its lines.
    await client.query(`INSERT INTO office_package_people (month, person_key, package_id) SELECT DISTINCT month, person_key, package_id FROM office_lines WHERE package_id LIKE '%-k' || $1::text`, [copy]);
    await client.query('COMMIT');
  }
  await client.query('ANALYZE office_lines');
}

const canteens = await packages();
const base = process.env.CITY_KEEP ? resolve(process.env.CITY_KEEP) : mkdtempSync(join(tmpdir(), 'city-bench-'));
if (process.env.CITY_KEEP) mkdirSync(base);
chmodSync(base, 0o755);
const server = await startEmbeddedServer({ dataDir: join(base, 'data'), port: await freePort(), password: 'bench', settings: { max_wal_size: '4GB', shared_buffers: '512MB' } });
try {
  const url = server.url();
  const store = await openOfficeStore(url);
  for (const canteen of canteens) await registerCanteen(store, { code: canteen.code, name: canteen.name, key: canteen.key, fingerprint: '' }, '基准测试');
  report(`city_import_1m_lines_s${SCALED}`, (await importSeconds(url, canteens)).toFixed(1), 's');

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await copyMonth(client);
  const lines = (await client.query("SELECT count(*)::int AS n FROM office_lines WHERE month = '2026-10'")).rows[0].n as number;
  await client.end();
  if (lines !== SCALE * LINES_EACH * (COPIES + 1)) throw new Error(`city bench: ${lines} lines stored`);
  await monthReviews(store, '2026-10'); // warm-up: the JIT and the server's cache, as on a server in use
  const started = performance.now();
  // Where the time goes, step by step (the steps the 街道 page and the command line show).
  const reviews = await monthReviews(store, '2026-10', (step) => say(`city bench: ${(performance.now() - started).toFixed(0)} ms: ${step}`));
  report(`city_cross_check_5m_ms${SCALED}`, (performance.now() - started).toFixed(0), 'ms');
  const across = reviews.reduce((sum, review) => sum + review.findings.filter((finding) => finding.flags.some((flag) => flag.kind.endsWith('_across'))).length, 0);
  say(`city bench: ${reviews.length} packages, ${across} lines flagged across canteens`);
  say('city bench: the IndexedDB store: see office_import_200k_s; a 1,000,000-line import and a 5,000,000-line month are beyond one browser profile (its review holds the whole month in memory)');
  await store.close();
} finally {
  await server.stop();
  if (process.env.CITY_KEEP) say(`city bench: the data is kept in ${base}`);
  else rmSync(base, { recursive: true, force: true });
}
