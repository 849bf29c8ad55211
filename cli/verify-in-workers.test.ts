// The office's check on several threads gives what the serial check gives, file for file and finding for
// finding: verdicts in the files' order, pins, repeats, revisions, and the flags only other packages can raise.
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../shared/ledger/chain';
import { checkPackages } from '../shared/office/check-packages';
import type { OfficeRoster } from '../shared/office/line-flags';
import { WANG, aCanteen, anElder, claimOf, generousZengcheng, aPolicyRecord, meals, packageOf, zengcheng } from '../shared/office/test-packages';
import { verifyPackageFiles, type KeyLookup, type PackageFile, type VerifiedFile } from '../shared/office/verify-files';
import { policyHash } from '../shared/policy/issued-policy';
import { checkFilesInWorkers, verifyFilesInWorkers } from './verify-in-workers';

vi.setConfig({ testTimeout: 120_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
// Someone who knows only 荔城街's printed fingerprint, signing as 荔城街 with a key of their own.
const forger = await aCanteen('ZC-001', '荔城街长者饭堂');
const ZHAO = anElder('r3', '赵桂兰', '1950-06-01');

const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', ZHAO]])));
// The same lunch of 王秀英 at 增江街 (claimed at two canteens), and a second revision replacing the first.
const otherMeals = meals(zengjiang, [['2026-10-08T11:35:00+08:00', WANG], ['2026-10-10T11:30:00+08:00', ZHAO]]);
const other = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', otherMeals));
const otherR2 = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', otherMeals, { revision: 2, replaces: { revision: 1, manifestSha256: await sha256Hex(new TextEncoder().encode(`${JSON.stringify(other.manifest, null, 2)}\n`)) } }));
// 荔城街's November, priced by a policy of its own making; a forgery of its December; another month of 荔城街 again.
const november = await packageOf(licheng, claimOf(licheng, '2026-11', meals(licheng, [['2026-11-03T11:30:00+08:00', WANG]], [generousZengcheng]), {}, [await aPolicyRecord(generousZengcheng)]));
const forged = await packageOf(forger, claimOf(forger, '2026-12', meals(forger, [['2026-12-03T11:30:00+08:00', WANG]])));
const unregistered = await packageOf(await aCanteen('ZC-009', '未登记饭堂'), claimOf(await aCanteen('ZC-009', '未登记饭堂'), '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', ZHAO]])));

const named = (name: string, bytes: Uint8Array): PackageFile => ({ name, bytes });
const files: PackageFile[] = [
  named('a.zip', october.bytes),
  named('broken.zip', new Uint8Array([1, 2, 3])),
  named('b1.zip', other.bytes),
  named('forged.zip', forged.bytes),
  named('again.zip', october.bytes),
  named('nov.zip', november.bytes),
  named('b2.zip', otherR2.bytes),
  named('unregistered.zip', unregistered.bytes),
];
const keyOf: KeyLookup = (code) => ({ 'ZC-001': { fingerprint: licheng.key.info.fingerprint }, 'ZC-002': { key: zengjiang.key.info.key } })[code];
const policies = [{ hash: await policyHash(zengcheng), policy: zengcheng, issuedAt: '2026-01-01T09:00:00+08:00' }];
const roster: OfficeRoster = new Map([[WANG.idNumber, { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'active' }]]);

/** A verdict without the claim's lines and adjustments: what the command line's check hands back. */
const withoutLines = (file: VerifiedFile<object>) => {
  if (!file.ok) return file;
  const { lines: _lines, adjustments: _adjustments, ...header } = file.claim as { lines?: unknown; adjustments?: unknown };
  return { ...file, claim: header };
};

describe('the check on several threads', () => {
  it('gives the serial verdicts, pins and claims, file for file', async () => {
    const serial = await verifyPackageFiles(files, keyOf);
    expect(serial.files.map((file) => (file.ok ? 'ok' : file.problem.code))).toEqual(['ok', 'zip', 'ok', 'key', 'already', 'ok', 'ok', 'unregistered']);
    expect(serial.pins).toHaveLength(1);
    const started: number[] = [];
    const threaded = await verifyFilesInWorkers(files, { keyOf, threads: 2, onFile: (index) => started.push(index) });
    expect(threaded).toEqual(serial);
    expect(started.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives the serial reviews, with the flags only other packages raise', async () => {
    const serial = await checkPackages({ files, keyOf, policies, roster });
    const flags = serial.reviews.flatMap((review) => review.findings.flatMap((finding) => finding.flags.map((flag) => flag.kind)));
    expect(flags).toEqual(expect.arrayContaining(['duplicate_across', 'unissued_policy', 'not_in_roster']));
    expect(serial.reviews.map((review) => review.status)).toEqual(['current', 'superseded', 'current', 'current']);
    const threaded = await checkFilesInWorkers(files, { keyOf, policies, roster, threads: 2 });
    expect(threaded.reviews).toEqual(serial.reviews);
    expect(threaded.pins).toEqual(serial.pins);
    expect(threaded.files).toEqual(serial.files.map(withoutLines));
  });
});
