// `canteen office import` in worker threads (cli/office-import.ts) against a real PostgreSQL: the same verdicts,
// rows and flags as importing the same files one at a time in one thread (importPackageFiles), for honest and
// attacking packages, a canteen registered by fingerprint (pinned by its first package, then a forger refused),
// a roster and an issued version that change while the workers are reading ahead.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeClaimPackage } from '../shared/claims/claim-package';
import type { OfficeRosterPerson } from '../shared/office/line-flags';
import { LI, WANG, aCanteen, aKey, anElder, claimOf, meals, packageOf, withLines, zengcheng } from '../shared/office/test-packages';
import { signPolicy } from '../shared/policy/issued-policy';
import * as pgStore from '../postgres/office-store';
import { freshDatabase, type TestDatabase } from '../postgres/test-database';
import { importPathsInWorkers, type ImportedFile } from './office-import';

// Workers start through the kept bundle (or tsx) on a busy 2-core machine.
vi.setConfig({ testTimeout: 120_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const xintang = await aCanteen('ZC-003', '新塘长者饭堂');
const ZHAO = anElder('r3', '赵桂兰', '1950-06-01');
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI], ['2026-10-09T17:40:00+08:00', WANG]])));
const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-10T11:50:00+08:00', ZHAO]])));
const zengjiangNovember = await packageOf(zengjiang, claimOf(zengjiang, '2026-11', meals(zengjiang, [['2026-11-03T11:50:00+08:00', ZHAO]])));
const base = claimOf(xintang, '2026-10', meals(xintang, [['2026-10-12T11:30:00+08:00', ZHAO], ['2026-10-13T11:30:00+08:00', LI]]));
const inflated = await packageOf(xintang, withLines(base, [{ ...base.lines[0]!, claimFen: base.lines[0]!.claimFen + 500 }, base.lines[1]!]));
const revised = await packageOf(xintang, claimOf(xintang, '2026-10', meals(xintang, [['2026-10-13T11:30:00+08:00', LI]]), { revision: 2, replaces: { revision: 1, manifestSha256: inflated.manifestSha256 } }));
const novemberBase = claimOf(xintang, '2026-11', meals(xintang, [['2026-11-03T11:30:00+08:00', LI], ['2026-11-04T11:30:00+08:00', WANG]]));
const november = await packageOf(xintang, withLines(novemberBase, [{ ...novemberBase.lines[0]!, claimFen: novemberBase.lines[0]!.claimFen + 300 }, novemberBase.lines[1]!]));
const liChengNovember = await packageOf(licheng, claimOf(licheng, '2026-11', meals(licheng, [['2026-11-04T11:30:00+08:00', WANG]])));
const parts = unzipSync(october.bytes);
const edited = JSON.parse(new TextDecoder().decode(parts['claim.json']));
edited.lines[0].claimFen += 100;
const stranger = await aCanteen('ZC-009', '未登记食堂');
const unregistered = await packageOf(stranger, claimOf(stranger, '2026-10', meals(stranger, [['2026-10-08T11:30:00+08:00', anElder('r5', '周', '1940-02-02')]])));
// Signed by another key, its manifest copying ZC-002's registered fingerprint.
const thief = await aKey();
const forged = await writeClaimPackage(
  { ...claimOf(zengjiang, '2026-12', meals(zengjiang, [['2026-12-02T11:30:00+08:00', WANG]])), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } },
  thief.sign,
);
const roster: OfficeRosterPerson[] = [
  { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'deceased', statusDate: '2026-10-09' },
  { idNumber: LI.idNumber, name: LI.name, categories: [{ code: 'dibao' }], status: 'active' },
];
const office = await aKey();
const signed = await signPolicy(zengcheng, { name: '荔城街道办事处', publicKey: office.info }, '2026-01-01T09:00:00+08:00', office.sign);
const registrations = [
  { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' },
  { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint },
  { code: xintang.code, name: xintang.name, key: xintang.key.info.key, fingerprint: '' },
];

const folder = mkdtempSync(join(tmpdir(), 'office-import-workers-'));
const onDisk = (files: [string, Uint8Array][]) =>
  files.map(([name, bytes]) => {
    const dir = join(folder, `${Math.random()}`.slice(2));
    mkdirSync(dir);
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  });
const NOW = Date.parse('2026-12-05T09:00:00+08:00');

let serial: TestDatabase;
let threaded: TestDatabase;
let one: pgStore.OfficeStore;
let many: pgStore.OfficeStore;
beforeAll(async () => {
  [serial, threaded] = [await freshDatabase(), await freshDatabase()];
  [one, many] = [await pgStore.openOfficeStore(serial.url), await pgStore.openOfficeStore(threaded.url)];
  for (const store of [one, many]) for (const registration of registrations) await pgStore.registerCanteen(store, registration, '张敏', NOW);
});
afterAll(async () => {
  await Promise.all([one.close(), many.close()]);
  await Promise.all([serial.drop(), threaded.drop()]);
});

const said = ({ file, lines, counted }: ImportedFile) => `${counted} ${file.fileName} ${file.ok ? `${file.claim.canteen.code} ${file.claim.month} r${file.claim.revision} ${lines}` : file.problem.message}`;

/** Each file alone, in order, as the command line imports a few small packages; `between` after each file. */
async function oneByOne(paths: string[], between: (index: number) => Promise<void>): Promise<string[]> {
  const told: string[] = [];
  for (const [index, path] of paths.entries()) {
    const bytes = new Uint8Array((await import('node:fs')).readFileSync(path));
    const result = await pgStore.importPackageFiles(one, [{ name: path.split('/').at(-1)!, bytes }], '张敏', () => {}, NOW);
    const file = result.files[0]!;
    told.push(said({ file, lines: file.ok ? file.claim.lines.length : 0, counted: result.imported ? 'imported' : result.alreadyHeld ? 'held' : 'refused' }));
    await between(index);
  }
  return told;
}

async function inWorkers(paths: string[], between: (index: number) => Promise<void>): Promise<string[]> {
  const told: string[] = [];
  await importPathsInWorkers(many, paths, '张敏', NOW, async (index, outcome) => {
    expect(index).toBe(told.length);
    told.push(said(outcome));
    await between(index);
  }, { threads: 2, ahead: 3 });
  return told;
}

const TABLES = {
  packages: 'SELECT id, file_name, canteen_code, canteen_name, month, revision, exported_at, imported_at, imported_by, totals::text, header::text FROM office_packages ORDER BY id',
  lines: 'SELECT month, package_id, line_index, person_key, line_date, meal_period, claim_fen, line::text FROM office_lines ORDER BY package_id, line_index',
  people: 'SELECT month, person_key, package_id FROM office_package_people ORDER BY 1, 2, 3',
  flags: 'SELECT package_id, findings::text FROM office_package_flags ORDER BY package_id',
  files: 'SELECT id, md5(bytes) FROM office_package_files ORDER BY id',
  canteens: 'SELECT code, public_key, fingerprint, pinned_at, pinned_by FROM office_canteens ORDER BY code',
};
async function sameRows(): Promise<void> {
  for (const [table, sql] of Object.entries(TABLES)) {
    const [a, b] = [(await serial.pool.query(sql)).rows, (await threaded.pool.query(sql)).rows];
    expect({ table, rows: b }).toEqual({ table, rows: a });
  }
}

describe('importing in worker threads', () => {
  it('gives the verdicts, rows and flags of importing one file at a time, also when the roster and the issued versions change meanwhile', async () => {
    const nothing = async () => {};
    const first = onDisk([
      [october.fileName, october.bytes],
      ['edited.claim.zip', zipSync({ ...parts, 'claim.json': strToU8(JSON.stringify(edited)) })],
      [unregistered.fileName, unregistered.bytes],
      [twice.fileName, twice.bytes],
      // Read ahead against ZC-002's fingerprint before its first package pinned the key: the same key, accepted.
      [zengjiangNovember.fileName, zengjiangNovember.bytes],
      // Another key copying that fingerprint: refused once the key is pinned.
      ['forged.claim.zip', forged.bytes],
      [inflated.fileName, inflated.bytes],
      ['again.claim.zip', october.bytes],
      [revised.fileName, revised.bytes],
      ['broken.claim.zip', october.bytes.slice(0, 3000)],
    ]);
    const expected = await oneByOne(first, nothing);
    expect(await inWorkers(first, nothing)).toEqual(expected);
    expect(expected.filter((line) => line.startsWith('imported'))).toHaveLength(5);
    expect(expected[5]).toBe('refused forged.claim.zip 签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的');
    await sameRows();

    // The workers judged the first package with no roster and no issued version; both change after it is stored.
    const second = onDisk([
      [november.fileName, november.bytes],
      [liChengNovember.fileName, liChengNovember.bytes],
    ]);
    const change = (store: pgStore.OfficeStore) => async (index: number) => {
      if (index !== 0) return;
      await pgStore.replaceRoster(store, roster);
      await pgStore.addPolicyFiles(store, [{ name: 'zengcheng.signed.json', text: JSON.stringify(signed) }], '张敏', () => {}, NOW);
    };
    expect(await inWorkers(second, change(many))).toEqual(await oneByOne(second, change(one)));
    await sameRows();
    const flags = (await threaded.pool.query<{ findings: { flags: { kind: string }[] }[] }>('SELECT findings FROM office_package_flags')).rows.flatMap((row) => row.findings.flatMap((finding) => finding.flags.map((flag) => flag.kind)));
    expect(flags).toContain('deceased');

    // With a roster held from the start, each package's own findings are judged in the transaction.
    const third = onDisk([[zengjiangNovember.fileName, zengjiangNovember.bytes], [forged.fileName, forged.bytes]]);
    expect(await inWorkers(third, nothing)).toEqual(await oneByOne(third, nothing));
    await sameRows();
  });
});
