// The office's PostgreSQL store against a real server (the test run's, a fresh database for this file),
// compared with the IndexedDB store the 街道 page uses: the same packages give the same verdicts.
import 'fake-indexeddb/auto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as indexedStore from '../renderer/db/office-repository';
import { OfficeDB } from '../renderer/db/office-db';
import type { Decision } from '../shared/office/approval';
import { recomputedFen } from '../shared/office/review';
import type { OfficeRosterPerson } from '../shared/office/line-flags';
import type { VerifiedFile } from '../shared/office/verify-files';
import { LI, WANG, aCanteen, aKey, aPolicyRecord, anElder, anIdNumber, claimOf, generousZengcheng, meals, packageOf, withLines, zengcheng } from '../shared/office/test-packages';
import { writeClaimPackage } from '../shared/claims/claim-package';
import type { PackageReview } from '../shared/office/review';
import { signPolicy } from '../shared/policy/issued-policy';
import * as pgStore from './office-store';
import { moveIntoPostgres } from './office-move';
import { officeSnapshot } from '../renderer/db/office-snapshot';
import { fromBase64, toBase64 } from '../shared/claims/signing';
import { freshDatabase, type TestDatabase } from './test-database';

// A busy 2-core machine: a store test does real work against a real server.
vi.setConfig({ testTimeout: 60_000 });

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const xintang = await aCanteen('ZC-003', '新塘长者饭堂');
const ZHAO = anElder('r3', '赵桂兰', '1950-06-01');
const file = (written: { fileName: string; bytes: Uint8Array }, name = written.fileName) => ({ name, bytes: written.bytes });

// Honest and attacking packages of one month, as the claim-trust tests make them.
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI], ['2026-10-09T17:40:00+08:00', WANG]])));
const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG], ['2026-10-10T11:50:00+08:00', ZHAO]])));
const base = claimOf(xintang, '2026-10', meals(xintang, [['2026-10-12T11:30:00+08:00', ZHAO], ['2026-10-13T11:30:00+08:00', LI]]));
const inflated = await packageOf(xintang, withLines(base, [{ ...base.lines[0]!, claimFen: base.lines[0]!.claimFen + 500 }, base.lines[1]!]));
const revised = await packageOf(xintang, claimOf(xintang, '2026-10', meals(xintang, [['2026-10-13T11:30:00+08:00', LI]]), { revision: 2, replaces: { revision: 1, manifestSha256: inflated.manifestSha256 } }));
// A month claimed ¥3 too high on one line: the office may approve that line at the amount the policies give.
const novemberBase = claimOf(xintang, '2026-11', meals(xintang, [['2026-11-03T11:30:00+08:00', LI]]));
const november = await packageOf(xintang, withLines(novemberBase, [{ ...novemberBase.lines[0]!, claimFen: novemberBase.lines[0]!.claimFen + 300 }]));
const files = unzipSync(october.bytes);
const edited = JSON.parse(new TextDecoder().decode(files['claim.json']));
edited.lines[0].claimFen += 100;
const tampered = { name: 'edited.claim.zip', bytes: zipSync({ ...files, 'claim.json': strToU8(JSON.stringify(edited)) }) };
const stranger = await aCanteen('ZC-009', '未登记食堂');
const unregistered = await packageOf(stranger, claimOf(stranger, '2026-10', meals(stranger, [['2026-10-08T11:30:00+08:00', anElder('r5', '周', '1940-02-02')]])));
// Registered by fingerprint, ZC-002 is pinned to the key of its first package: then a package signed by another
// key whose manifest copies the fingerprint is refused as another key, in both stores.
const thief = await aKey();
const forgedZengjiang = await writeClaimPackage(
  { ...claimOf(zengjiang, '2026-11', meals(zengjiang, [['2026-11-02T11:30:00+08:00', WANG]])), publicKey: { ...thief.info, fingerprint: zengjiang.key.info.fingerprint } },
  thief.sign,
);
// A canteen that embeds its own, more generous version of the Zengcheng policy (15 yuan from age 50).
const zhucun = await aCanteen('ZC-004', '朱村长者饭堂');
const FIFTY = anElder('r6', '钱五十', '1975-03-01', { idNumber: anIdNumber('1975-03-01', '151') });
const generousPolicy = [await aPolicyRecord(generousZengcheng)];
const generous = await packageOf(zhucun, claimOf(zhucun, '2026-10', meals(zhucun, [['2026-10-20T11:30:00+08:00', WANG], ['2026-10-21T11:30:00+08:00', FIFTY]], [generousZengcheng]), {}, generousPolicy));
const generous2 = await packageOf(
  zhucun,
  claimOf(zhucun, '2026-10', meals(zhucun, [['2026-10-20T11:30:00+08:00', WANG], ['2026-10-21T11:30:00+08:00', FIFTY], ['2026-10-22T11:30:00+08:00', FIFTY]], [generousZengcheng]), { revision: 2, replaces: { revision: 1, manifestSha256: generous.manifestSha256 } }, generousPolicy),
);
const roster: OfficeRosterPerson[] = [
  { idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'deceased', statusDate: '2026-10-09' },
  { idNumber: LI.idNumber, name: LI.name, categories: [{ code: 'dibao' }], status: 'active' },
];
const registrations = [
  { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' },
  { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint },
  { code: xintang.code, name: xintang.name, key: xintang.key.info.key, fingerprint: '' },
  { code: zhucun.code, name: zhucun.name, key: zhucun.key.info.key, fingerprint: '' },
];

let db: TestDatabase;
let store: pgStore.OfficeStore;
beforeAll(async () => {
  db = await freshDatabase();
  store = await pgStore.openOfficeStore(db.url);
  for (const registration of registrations) await pgStore.registerCanteen(store, registration, '张敏');
});
afterAll(async () => {
  await store.close();
  await db.drop();
});

const outcome = (result: { files: VerifiedFile[] }) => result.files.map((entry) => (entry.ok ? `ok ${entry.fileName}` : `✗ ${entry.fileName}: ${entry.problem.message}`));
const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
const kinds = (reviews: PackageReview[]) => reviews.flatMap((review) => review.findings.flatMap((finding) => finding.flags.map((flag) => flag.kind)));
const counts = async () => (await db.pool.query("SELECT (SELECT count(*) FROM office_packages) p, (SELECT count(*) FROM office_lines) l, (SELECT count(*) FROM office_package_files) f, (SELECT count(*) FROM office_decisions) d")).rows[0];

describe('the office store in PostgreSQL', () => {
  it('gives the same verdicts as the IndexedDB store for honest and attacking packages, before and after a roster, a pinned key and an issued policy', async () => {
    const indexed = new OfficeDB('office-parity');
    for (const registration of registrations) await indexedStore.registerCanteen(indexed, registration);
    const sameMonth = async () => {
      const a = await indexedStore.monthOverview(indexed, '2026-10');
      const b = await pgStore.monthOverview(store, '2026-10');
      expect(byId(b.reviews)).toEqual(byId(a.reviews));
      expect(b.summary).toEqual(a.summary);
      return b;
    };
    const importBoth = async (batch: { name: string; bytes: Uint8Array }[]) => {
      const inIndexed = await indexedStore.importPackageFiles(indexed, batch);
      const inPg = await pgStore.importPackageFiles(store, batch, '张敏');
      expect(outcome(inPg)).toEqual(outcome(inIndexed));
      return { inPg, month: await sameMonth() };
    };
    const zengjiangKey = async () => (await pgStore.canteens(store)).find((canteen) => canteen.code === zengjiang.code)!;
    await importBoth([file(october), tampered, file(unregistered)]);
    expect(await zengjiangKey()).toMatchObject({ publicKey: '', fingerprint: zengjiang.key.info.fingerprint });
    expect((await zengjiangKey()).pinnedAt).toBeUndefined();
    await importBoth([file(twice), file(inflated)]);
    // Its first package that verified pinned the key it was signed with.
    expect(await zengjiangKey()).toMatchObject({ publicKey: zengjiang.key.info.key, pinnedAt: expect.any(String) });
    const { inPg } = await importBoth([file(revised), file(october, 'again.claim.zip'), file(forgedZengjiang, 'forged.claim.zip')]);
    expect(outcome(inPg).at(-1)).toBe('✗ forged.claim.zip: 签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的');
    const flagged = (await pgStore.monthOverview(store, '2026-10')).reviews.flatMap((review) => review.findings.map((finding) => finding.flags.map((flag) => flag.kind).join('+')));
    expect(flagged.sort()).toEqual(['duplicate_across', 'limit_across+duplicate_across']);

    await indexedStore.replaceRoster(indexed, roster);
    await pgStore.replaceRoster(store, roster);
    const a = await indexedStore.monthOverview(indexed, '2026-10');
    const b = await pgStore.monthOverview(store, '2026-10');
    expect(byId(b.reviews)).toEqual(byId(a.reviews));
    expect(b.summary).toEqual(a.summary);
    expect(b.reviews.flatMap((review) => review.findings.flatMap((finding) => finding.flags.map((flag) => flag.kind))).sort()).toEqual([
      'deceased',
      'duplicate_across',
      'duplicate_across',
      'limit_across',
      'not_in_roster',
    ]);

    // No versions issued: the generous package is priced by its own policy, which agrees with its claim.
    const unchecked = (await importBoth([file(generous)])).month;
    expect(kinds(unchecked.reviews)).not.toContain('unissued_policy');
    expect(unchecked.issuedPolicies).toBe(0);
    // The office issues its version: every package is judged again, in both stores, and the generous one flagged.
    const text = JSON.stringify(zengcheng);
    await indexedStore.issuePolicy(indexed, text, 'file', 'zengcheng.json');
    expect((await pgStore.addPolicyFiles(store, [{ name: 'zengcheng.json', text }], '张敏')).map((entry) => [entry.fileName, entry.alreadyIssued])).toEqual([['zengcheng.json', false]]);
    const issued = await sameMonth();
    expect(issued.issuedPolicies).toBe(1);
    const zhucunFindings = (month: { reviews: PackageReview[] }, id: string) =>
      month.reviews.find((review) => review.id === id)!.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind), finding.officeFen]);
    // 王秀英 ate at three canteens (judged across, in SQL's narrowed set), 钱五十 only here (the package's own flags).
    expect(zhucunFindings(issued, generous.manifestSha256)).toEqual([
      ['ZC-004-T1-1', ['unissued_policy', 'deceased'], 0],
      ['ZC-004-T1-2', ['not_in_roster', 'unissued_policy', 'age'], 0],
    ]);
    // Imported after the issue: priced by the office's version as it arrives.
    const revisedGenerous = (await importBoth([file(generous2)])).month;
    expect(zhucunFindings(revisedGenerous, generous2.manifestSha256)).toEqual([
      ['ZC-004-T1-1', ['unissued_policy', 'deceased'], 0],
      ['ZC-004-T1-2', ['not_in_roster', 'unissued_policy', 'age'], 0],
      ['ZC-004-T1-3', ['not_in_roster', 'unissued_policy', 'age'], 0],
    ]);
  });

  it('keeps a canteen’s earlier key when it registers a new one (a new PC), in both stores, and the move carries it', async () => {
    // 石滩 registered by fingerprint, signs October; its PC is replaced, the new key is registered and signs November;
    // October's revision, signed on the old PC before the move, still verifies; a key never registered does not.
    const shitan = await aCanteen('ZC-005', '石滩长者饭堂');
    // The same canteen on another PC (a key of its own), and someone else's key under its code.
    const newPc = await aCanteen(shitan.code, shitan.name);
    const stranger = await aCanteen(shitan.code, shitan.name);
    const oldOctober = await packageOf(shitan, claimOf(shitan, '2026-10', meals(shitan, [['2026-10-08T11:30:00+08:00', WANG]])));
    const oldRevision = await packageOf(shitan, claimOf(shitan, '2026-10', meals(shitan, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:30:00+08:00', LI]]), { revision: 2, replaces: { revision: 1, manifestSha256: oldOctober.manifestSha256 } }));
    const newNovember = await packageOf(newPc, claimOf(newPc, '2026-11', meals(newPc, [['2026-11-08T11:30:00+08:00', WANG]])));
    const strangers = await packageOf(stranger, claimOf(stranger, '2026-12', meals(stranger, [['2026-12-08T11:30:00+08:00', WANG]])));
    const indexed = new OfficeDB('office-earlier-keys');
    const target = await freshDatabase();
    const both = await pgStore.openOfficeStore(target.url);
    try {
      const register = async (key: string, fingerprint: string) => {
        await indexedStore.registerCanteen(indexed, { code: shitan.code, name: shitan.name, key, fingerprint });
        await pgStore.registerCanteen(both, { code: shitan.code, name: shitan.name, key, fingerprint }, '张敏');
      };
      const importBoth = async (batch: { name: string; bytes: Uint8Array }[]) => {
        const inIndexed = outcome(await indexedStore.importPackageFiles(indexed, batch));
        expect(outcome(await pgStore.importPackageFiles(both, batch, '张敏'))).toEqual(inIndexed);
        return inIndexed;
      };
      await register('', shitan.key.info.fingerprint);
      expect(await importBoth([file(oldOctober)])).toEqual([`ok ${oldOctober.fileName}`]);
      await register(newPc.key.info.key, '');
      expect(await importBoth([file(newNovember), file(oldRevision, 'old-pc.claim.zip'), file(strangers, 'stranger.claim.zip')])).toEqual([
        `ok ${newNovember.fileName}`,
        'ok old-pc.claim.zip',
        expect.stringMatching(/^✗ stranger\.claim\.zip: /),
      ]);
      // The earlier key, registered by fingerprint, was pinned by October's package: it is compared from then on.
      expect((await target.pool.query('SELECT fingerprint, public_key, pinned_by, replaced_by FROM office_earlier_keys')).rows).toEqual([
        { fingerprint: shitan.key.info.fingerprint, public_key: shitan.key.info.key, pinned_by: '张敏', replaced_by: '张敏' },
      ]);

      const moved = await freshDatabase();
      const movedStore = await pgStore.openOfficeStore(moved.url);
      try {
        const report = await moveIntoPostgres(movedStore, await officeSnapshot(indexed), '张敏');
        expect(report.refused).toEqual([]);
        expect(report.packages).toBe(3);
        expect((await pgStore.registeredKeys(movedStore)).get(shitan.code)).toEqual([{ key: newPc.key.info.key }, { key: shitan.key.info.key }]);
      } finally {
        await movedStore.close();
        await moved.drop();
      }
    } finally {
      await both.close();
      await target.drop();
    }
  });

  it('adds policy files once, refuses one whose signature fails writing nothing, and keeps them append-only', async () => {
    const office = await aKey();
    const signed = await signPolicy(generousZengcheng, { name: '荔城街道办事处', publicKey: office.info }, '2026-09-01T09:00:00+08:00', office.sign);
    const rows = async () => (await db.pool.query('SELECT hash, issued_by, file_name, signature IS NOT NULL AS signed, signer_fingerprint FROM office_policies ORDER BY seq')).rows;
    const before = await rows();
    const altered = JSON.stringify({ ...signed, issuedAt: '2026-09-02T09:00:00+08:00' });
    await expect(pgStore.addPolicyFiles(store, [{ name: 'generous.signed.json', text: JSON.stringify(signed) }, { name: 'altered.signed.json', text: altered }], '李华')).rejects.toThrow(
      'altered.signed.json 不是有效的政策文件，未登记任何政策：签名验证失败：政策文件在签发后被改动过',
    );
    await expect(pgStore.addPolicyFiles(store, [{ name: 'generous.signed.json', text: JSON.stringify(signed) }], ' ')).rejects.toThrow('经办人');
    expect(await rows()).toEqual(before);

    const added = await pgStore.addPolicyFiles(store, [{ name: 'zengcheng-again.json', text: JSON.stringify(zengcheng) }, { name: 'generous.signed.json', text: JSON.stringify(signed) }], '李华');
    expect(added.map((entry) => [entry.fileName, entry.alreadyIssued, entry.signed?.fingerprint])).toEqual([
      ['zengcheng-again.json', true, undefined],
      ['generous.signed.json', false, office.info.fingerprint],
    ]);
    expect((await rows()).slice(before.length)).toEqual([{ hash: added[1]!.hash, issued_by: '李华', file_name: 'generous.signed.json', signed: true, signer_fingerprint: office.info.fingerprint }]);
    await expect(db.pool.query('UPDATE office_policies SET issued_by = $1', ['某人'])).rejects.toThrow(/只能追加/);
    await expect(db.pool.query('DELETE FROM office_policies')).rejects.toThrow(/只能追加/);
  });

  it('a re-import changes nothing, and received records cannot be changed or deleted', async () => {
    const before = await counts();
    const again = await pgStore.importPackageFiles(store, [file(october), file(twice), file(revised)], '李华');
    expect(again).toMatchObject({ imported: 0, alreadyHeld: 3, refused: 0 });
    expect(await counts()).toEqual(before);
    // Verified against ZC-002's fingerprint on a PC that had not yet seen its key pinned by another: refused, nothing stored.
    const raced = { id: 'f'.repeat(64), claim: claimOf(zengjiang, '2026-12', meals(zengjiang, [['2026-12-02T11:30:00+08:00', WANG]])), fileName: 'raced.claim.zip', bytes: new Uint8Array([1]) };
    expect(await pgStore.storePackage(store, { ...raced, pin: { canteenCode: zengjiang.code, key: thief.info.key, fingerprint: zengjiang.key.info.fingerprint } }, '2026-12-05T09:00:00+08:00', '李华')).toBe('key');
    expect(await counts()).toEqual(before);
    await expect(db.pool.query("UPDATE office_lines SET claim_fen = 0 WHERE month = '2026-10'")).rejects.toThrow(/只能追加/);
    await expect(db.pool.query('DELETE FROM office_packages')).rejects.toThrow(/只能追加/);
    await expect(db.pool.query('TRUNCATE office_decisions CASCADE')).rejects.toThrow(/只能追加/);
    expect(await pgStore.packageFile(store, october.manifestSha256)).toEqual(october.bytes);
  });

  it('two office sessions deciding on the same month see each other’s decisions, each naming who decided', async () => {
    const other = await pgStore.openOfficeStore(db.url);
    try {
      const { reviews } = await pgStore.monthOverview(store, '2026-10');
      const [first, second] = reviews.flatMap((review) => review.findings.map((finding) => ({ packageId: review.id, mealId: finding.line.mealId })));
      await pgStore.decide(store, { ...first!, verdict: 'approve', note: '核实为同一天两处就餐，一处为送餐', by: '张敏' });
      await pgStore.decide(other, { ...second!, verdict: 'reject', note: '重复申报', by: '李华' });
      for (const session of [store, other]) {
        const { decisions, summary } = await pgStore.monthOverview(session, '2026-10');
        expect([...decisions.values()].map((decision) => decision.by).sort()).toEqual(['张敏', '李华']);
        expect(summary.total.pendingLines).toBe(summary.total.flaggedLines - 2);
      }
      await expect(pgStore.decide(other, { ...first!, verdict: 'reject', note: '复核', by: ' ' })).rejects.toThrow('经办人');
      await expect(pgStore.decide(other, { ...first!, verdict: 'reject', note: ' ', by: '李华' })).rejects.toThrow('理由');
      await expect(pgStore.decide(other, { packageId: october.manifestSha256, mealId: 'ZC-001-T1-2', verdict: 'reject', note: '复核', by: '李华' })).rejects.toThrow('不是疑点');
      expect((await counts()).d).toBe('2');
    } finally {
      await other.close();
    }
  });
});

describe('moving up from IndexedDB', () => {
  it('moves canteens with pinned keys, issued policies, packages, decisions and roster, verified after the move; a second move adds nothing; bad input changes nothing', async () => {
    const indexed = new OfficeDB('office-move');
    for (const registration of registrations) await indexedStore.registerCanteen(indexed, registration);
    await indexedStore.issuePolicy(indexed, JSON.stringify(zengcheng), 'file', 'zengcheng.json');
    await indexedStore.importPackageFiles(indexed, [file(october), file(twice), file(inflated), file(generous)]);
    await indexedStore.importPackageFiles(indexed, [file(revised)]);
    await indexedStore.replaceRoster(indexed, roster);
    const flagged = (await indexedStore.monthOverview(indexed, '2026-10')).reviews.flatMap((review) => review.findings.map((finding) => ({ packageId: review.id, mealId: finding.line.mealId })));
    await indexedStore.decide(indexed, { ...flagged[0]!, verdict: 'reject', note: '已身故', by: '王芳' });
    await indexedStore.decide(indexed, { ...flagged[1]!, verdict: 'approve', note: '核实', by: '王芳' });
    await indexedStore.importPackageFiles(indexed, [file(november)]);
    const [over] = (await indexedStore.monthOverview(indexed, '2026-11')).reviews;
    const overFinding = over!.findings[0]!;
    const overPays = recomputedFen(overFinding)!;
    expect(overPays).toBe(overFinding.line.claimFen - 300);
    await indexedStore.decide(indexed, { packageId: over!.id, mealId: overFinding.line.mealId, verdict: 'approve', approvedFen: overPays, note: '按政策重算金额', by: '王芳' });

    const target = await freshDatabase();
    const moved = await pgStore.openOfficeStore(target.url);
    try {
      const snapshot = await officeSnapshot(indexed);
      const tables = async () => (await target.pool.query("SELECT (SELECT count(*) FROM office_packages) p, (SELECT count(*) FROM office_decisions) d, (SELECT count(*) FROM office_canteens) c")).rows[0];
      await expect(moveIntoPostgres(moved, { ...snapshot, format: 'other' }, '张敏')).rejects.toThrow('迁移数据格式不对');
      await expect(moveIntoPostgres(moved, snapshot, ' ')).rejects.toThrow('经办人');
      const otherVersion = { ...snapshot, issuedPolicies: snapshot.issuedPolicies!.map((entry) => ({ ...entry, policy: generousZengcheng })) };
      await expect(moveIntoPostgres(moved, otherVersion, '张敏')).rejects.toThrow('迁移数据中的政策“增城区长者饭堂助餐配餐补贴（2020）”与其校验值不符');
      expect(await tables()).toEqual({ p: '0', d: '0', c: '0' });

      const report = await moveIntoPostgres(moved, snapshot, '张敏');
      expect(report).toEqual({ canteens: 4, policies: 1, packages: 6, decisions: 3, roster: 2, refused: [] });
      const plain = (decisions: Map<string, Decision>) => [...decisions].map(([key, { packageId, mealId, verdict, note, by, at, approvedFen }]) => [key, { packageId, mealId, verdict, note, by, at, approvedFen }]);
      for (const month of ['2026-10', '2026-11']) {
        const a = await indexedStore.monthOverview(indexed, month);
        const b = await pgStore.monthOverview(moved, month);
        expect(byId(b.reviews)).toEqual(byId(a.reviews));
        expect(b.summary).toEqual(a.summary);
        expect(plain(b.decisions)).toEqual(plain(a.decisions));
      }
      // Priced by the issued version that moved with it, and ZC-002 still held to the key pinned on the PC.
      expect(kinds((await pgStore.monthOverview(moved, '2026-10')).reviews)).toContain('unissued_policy');
      expect((await pgStore.issuedPolicies(moved)).map(({ hash, issuedAt, by, fileName }) => ({ hash, issuedAt, by, fileName }))).toEqual(
        snapshot.issuedPolicies!.map(({ hash, issuedAt, fileName }) => ({ hash, issuedAt, by: '张敏（从本机迁入）', fileName })),
      );
      const pinned = (await indexed.canteens.get(zengjiang.code))!;
      expect(pinned).toMatchObject({ publicKey: zengjiang.key.info.key, pinnedAt: expect.any(String) });
      expect((await pgStore.canteens(moved)).find((canteen) => canteen.code === zengjiang.code)).toMatchObject({ publicKey: pinned.publicKey, pinnedAt: pinned.pinnedAt });
      expect(outcome(await pgStore.importPackageFiles(moved, [file(forgedZengjiang, 'forged.claim.zip')], '张敏'))).toEqual(['✗ forged.claim.zip: 签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的']);
      // The line approved at the recomputed amount is paid that much in PostgreSQL too, not the whole claim.
      expect((await pgStore.monthOverview(moved, '2026-11')).summary.rows[0]).toMatchObject({ approvedFen: overPays, rejectedFen: 300, pendingFen: 0 });
      const overLine = { packageId: over!.id, mealId: overFinding.line.mealId, note: '复核', by: '李华' };
      await expect(pgStore.decide(moved, { ...overLine, verdict: 'approve', approvedFen: overPays - 100 })).rejects.toThrow('只能按政策重算的金额');
      await expect(pgStore.decide(moved, { ...overLine, verdict: 'reject', approvedFen: overPays })).rejects.toThrow('只能按政策重算的金额');

      const before = await tables();
      expect(await moveIntoPostgres(moved, snapshot, '张敏')).toEqual(report);
      expect(await tables()).toEqual(before);

      // A package file changed on the way is refused by the shared checks and the move says what is missing.
      const bytes = fromBase64(snapshot.packages[0]!.bytesBase64);
      const other = await freshDatabase();
      const otherStore = await pgStore.openOfficeStore(other.url);
      try {
        const altered = { ...snapshot, packages: [{ ...snapshot.packages[0]!, bytesBase64: toBase64(bytes.slice(0, bytes.length - 10)) }] , decisions: [] };
        await expect(moveIntoPostgres(otherStore, altered, '张敏')).rejects.toThrow(/迁移后核对不符：PostgreSQL 中缺少申报包 1 个（拒收：/);
      } finally {
        await otherStore.close();
        await other.drop();
      }

      // A canteen still registered by fingerprint on the PC (a store from before keys were pinned) is pinned by the move.
      const unpinned = { ...snapshot, canteens: snapshot.canteens.map(({ pinnedAt: _pinnedAt, ...canteen }) => (canteen.code === zengjiang.code ? { ...canteen, publicKey: '' } : canteen)) };
      const third = await freshDatabase();
      const thirdStore = await pgStore.openOfficeStore(third.url);
      try {
        await moveIntoPostgres(thirdStore, unpinned, '张敏');
        const twiceImported = snapshot.packages.find((entry) => entry.id === twice.manifestSha256)!.importedAt;
        expect((await pgStore.canteens(thirdStore)).find((canteen) => canteen.code === zengjiang.code)).toMatchObject({ publicKey: zengjiang.key.info.key, pinnedAt: twiceImported });
      } finally {
        await thirdStore.close();
        await third.drop();
      }
    } finally {
      await moved.close();
      await target.drop();
    }
  });
});
