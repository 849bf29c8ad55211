import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { Bridge } from '../../shared/bridge';
import { zengcheng } from '../../shared/claims/test-fixtures';
import { LI, WANG, aCanteen, anElder, claimOf, meals, packageOf } from '../../shared/office/test-packages';
import { readPolicyFile } from '../../shared/policy/issued-policy';
import { PolicySchema } from '../../shared/policy/schema';
import { OFFICE_SCHEMA_VERSIONS, OfficeDB } from './office-db';
import {
  acceptRevision,
  decide,
  ensureReviewsCurrent,
  importPackageFiles,
  issuePolicy,
  monthOverview,
  registerCanteen,
  replaceRoster,
  setOfficeName,
  signedPolicyFileText,
} from './office-repository';
import { declareVersions } from './schema-versions';

const licheng = await aCanteen('ZC-001', '荔城街长者饭堂');
const zengjiang = await aCanteen('ZC-002', '增江街长者饭堂');
const october = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG], ['2026-10-09T11:40:00+08:00', LI]])));
const file = (written: { fileName: string; bytes: Uint8Array }, name = written.fileName) => ({ name, bytes: written.bytes });

async function anOffice(name: string) {
  const db = new OfficeDB(name);
  await registerCanteen(db, { code: licheng.code, name: licheng.name, key: licheng.key.info.key, fingerprint: '' });
  await registerCanteen(db, { code: zengjiang.code, name: zengjiang.name, key: '', fingerprint: zengjiang.key.info.fingerprint.toLowerCase() });
  return db;
}

/** Everything the office holds, to compare before and after a refused import. */
async function snapshot(db: OfficeDB) {
  return { packages: await db.packages.toArray(), reviews: await db.reviews.toArray(), decisions: await db.decisions.toArray(), files: await db.packageFiles.count() };
}

describe('registerCanteen', () => {
  it('keeps the key with its fingerprint, and refuses a key that does not match the fingerprint given', async () => {
    const db = await anOffice('office-register');
    expect(await db.canteens.get('ZC-001')).toMatchObject({ publicKey: licheng.key.info.key, fingerprint: licheng.key.info.fingerprint });
    expect((await db.canteens.get('ZC-002'))!.fingerprint).toBe(zengjiang.key.info.fingerprint);
    await expect(registerCanteen(db, { code: 'ZC-003', name: '新塘', key: licheng.key.info.key, fingerprint: zengjiang.key.info.fingerprint })).rejects.toThrow(/公钥与所填指纹不一致/);
    await expect(registerCanteen(db, { code: 'ZC-003', name: '新塘', key: 'abc', fingerprint: '' })).rejects.toThrow(/公钥格式不对/);
  });
});

describe('importPackageFiles', () => {
  it('imports honest packages, keeps the file as received, and flags across canteens once the second arrives', async () => {
    const db = await anOffice('office-import');
    expect(await importPackageFiles(db, [file(october)])).toMatchObject({ imported: 1, refused: 0 });
    expect((await db.packageFiles.get(october.manifestSha256))!.bytes).toEqual(october.bytes);
    expect((await monthOverview(db, '2026-10')).summary.rows.map((row) => [row.canteenCode, row.flaggedLines])).toEqual([['ZC-001', 0]]);

    const twice = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', WANG]])));
    await importPackageFiles(db, [file(twice)]);
    const { summary } = await monthOverview(db, '2026-10');
    expect(summary.rows.map((row) => [row.canteenCode, row.netClaimFen, row.flaggedFen, row.approvableFen])).toEqual([
      ['ZC-001', 2000, 900, 1100],
      ['ZC-002', 900, 900, 0],
    ]);
  });

  it('refuses a tampered, unsigned, foreign-keyed, unregistered or repeated package with its reason, changing nothing', async () => {
    const db = await anOffice('office-refuse');
    await importPackageFiles(db, [file(october)]);
    const before = await snapshot(db);

    const files = unzipSync(october.bytes);
    const edited = JSON.parse(new TextDecoder().decode(files['claim.json']));
    edited.lines[0].claimFen += 100;
    const { 'manifest.json': _manifest, ...unsigned } = files;
    const foreign = await packageOf(zengjiang, { ...claimOf(licheng, '2026-11', meals(licheng, [['2026-11-02T11:30:00+08:00', WANG]])), publicKey: zengjiang.key.info });
    const stranger = await aCanteen('ZC-009', '未登记食堂');
    const unregistered = await packageOf(stranger, claimOf(stranger, '2026-10', meals(stranger, [['2026-10-08T11:30:00+08:00', anElder('r5', '周', '1940-02-02')]])));
    const result = await importPackageFiles(db, [
      { name: 'edited.claim.zip', bytes: zipSync({ ...files, 'claim.json': strToU8(JSON.stringify(edited)) }) },
      { name: 'unsigned.claim.zip', bytes: zipSync(unsigned) },
      { name: 'truncated.claim.zip', bytes: october.bytes.slice(0, 5000) },
      file(foreign, 'foreign.claim.zip'),
      file(unregistered),
      file(october, 'again.claim.zip'),
    ]);
    expect(result.files.map((entry) => (entry.ok ? 'ok' : entry.problem.message))).toEqual([
      'claim.json 的校验值与签名清单不符：该文件在导出后被改动过',
      '申报包缺少文件：manifest.json',
      expect.stringContaining('zip 无法打开'),
      '签名公钥与街道登记的该食堂公钥不一致：申报包可能不是该食堂导出的',
      '食堂编号 ZC-009 尚未在街道登记：请先登记该食堂及其公钥，再导入',
      '荔城街长者饭堂 2026-10 第 1 版已经导入过，未重复导入',
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('counts a revision instead of the one it replaces, never both', async () => {
    const db = await anOffice('office-revision');
    await importPackageFiles(db, [file(october)]);
    const second = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]]), { revision: 2, replaces: { revision: 1, manifestSha256: october.manifestSha256 } }));
    await importPackageFiles(db, [file(second)]);
    const { summary, reviews } = await monthOverview(db, '2026-10');
    expect(summary.rows.map((row) => [row.revision, row.netClaimFen])).toEqual([[2, 900]]);
    expect(summary.total.netClaimFen).toBe(900);
    expect(reviews.map((review) => [review.revision, review.status]).sort()).toEqual([
      [1, 'superseded'],
      [2, 'current'],
    ]);
    expect(await db.packages.count()).toBe(2);
  });
});

describe('decisions and the office roster', () => {
  it('needs a note; the latest decision counts; a roster reviews every month again; nothing received is deleted', async () => {
    const db = await anOffice('office-decide');
    await importPackageFiles(db, [file(october)]);
    await replaceRoster(db, [{ idNumber: WANG.idNumber, name: WANG.name, categories: [], status: 'deceased', statusDate: '2026-10-01' }]);
    const { reviews } = await monthOverview(db, '2026-10');
    expect(reviews[0]!.findings.map((finding) => [finding.line.mealId, finding.flags.map((flag) => flag.kind)])).toEqual([
      ['ZC-001-T1-1', ['deceased']],
      ['ZC-001-T1-2', ['not_in_roster']],
    ]);
    const packageId = october.manifestSha256;
    await expect(decide(db, { packageId, mealId: 'ZC-001-T1-1', verdict: 'reject', note: ' ', by: '街道' })).rejects.toThrow('请写明不予核准的理由');
    await decide(db, { packageId, mealId: 'ZC-001-T1-1', verdict: 'reject', note: '民政系统记录已身故', by: '街道' });
    await decide(db, { packageId, mealId: 'ZC-001-T1-2', verdict: 'reject', note: '待核', by: '街道' }, Date.now());
    await decide(db, { packageId, mealId: 'ZC-001-T1-2', verdict: 'approve', note: '已补登记名册', by: '街道' }, Date.now() + 1000);
    const { summary } = await monthOverview(db, '2026-10');
    expect(summary.rows[0]).toMatchObject({ netClaimFen: 2000, rejectedFen: 900, approvedFen: 1100, pendingLines: 0, approvableFen: 1100 });
    expect(await db.decisions.count()).toBe(3);
    await expect(db.packages.delete(packageId)).rejects.toThrow(/只能追加/);
    await expect(db.decisions.clear()).rejects.toThrow(/只能追加/);
  });
});

describe('keys, policies and revisions at the office', () => {
  it('pins the key of a canteen registered by fingerprint when its first package verifies', async () => {
    const db = await anOffice('office-pin');
    const atZengjiang = await packageOf(zengjiang, claimOf(zengjiang, '2026-10', meals(zengjiang, [['2026-10-08T11:50:00+08:00', LI]])));
    await importPackageFiles(db, [file(atZengjiang)], () => {}, Date.parse('2026-11-03T09:00:00+08:00'));
    expect(await db.canteens.get('ZC-002')).toMatchObject({ publicKey: zengjiang.key.info.key, pinnedAt: '2026-11-03T09:00:00+08:00' });
  });

  it('prices by the versions it issued, signs them for the canteens, and reviews every month again when one is issued', async () => {
    const db = await anOffice('office-policies');
    await importPackageFiles(db, [file(october)]);
    const cheaper = PolicySchema.parse({ ...zengcheng, rules: zengcheng.rules.map((rule) => ({ ...rule, tiers: rule.tiers.map((tier) => ({ ...tier, benefit: { kind: 'fixed', amountFen: 500 } })) })) });
    const issued = await issuePolicy(db, JSON.stringify(cheaper), 'file', 'zengcheng-2026.json');
    expect(issued.alreadyIssued).toBe(false);
    expect((await issuePolicy(db, JSON.stringify(cheaper), 'file')).alreadyIssued).toBe(true);
    await expect(db.issuedPolicies.delete(issued.record.hash)).rejects.toThrow(/只能追加/);
    const { reviews } = await monthOverview(db, '2026-10');
    expect(reviews[0]!.findings.map((finding) => [finding.flags.map((flag) => flag.kind), finding.officeFen])).toEqual([
      [['unissued_policy'], 500],
      [['unissued_policy'], 500],
    ]);

    const bridge = { sealSecret: async (plain: Uint8Array) => plain.map((byte) => byte ^ 0x5a), unsealSecret: async (sealed: Uint8Array) => sealed.map((byte) => byte ^ 0x5a) } as unknown as Bridge;
    await expect(signedPolicyFileText(db, bridge, issued.record.hash)).rejects.toThrow('本街道的名称');
    await setOfficeName(db, '荔城街道办事处');
    const signed = await signedPolicyFileText(db, bridge, issued.record.hash);
    const read = await readPolicyFile(signed.text);
    expect(read.ok && [read.hash, read.signed?.issuer.name, read.signed?.fingerprint]).toEqual([issued.record.hash, '荔城街道办事处', ((await db.settings.get('office.signingKey'))!.value as { publicKey: { fingerprint: string } }).publicKey.fingerprint]);
  });

  it('holds a revision whose predecessor it never imported until staff accept it with a note', async () => {
    const db = await anOffice('office-held');
    const third = await packageOf(licheng, claimOf(licheng, '2026-10', meals(licheng, [['2026-10-08T11:30:00+08:00', WANG]]), { revision: 3, replaces: { revision: 2, manifestSha256: 'c'.repeat(64) } }));
    await importPackageFiles(db, [file(third)]);
    expect((await monthOverview(db, '2026-10')).summary.rows.map((row) => [row.held, row.approvableFen])).toEqual([[true, 0]]);
    await expect(acceptRevision(db, { packageId: third.manifestSha256, note: ' ', by: '街道' })).rejects.toThrow('请写明接受这一版本的理由');
    await acceptRevision(db, { packageId: third.manifestSha256, note: '已电话核实第 2 版未寄出', by: '街道' });
    expect((await monthOverview(db, '2026-10')).summary.rows.map((row) => [row.held, row.approvableFen])).toEqual([[false, 900]]);
  });

  it('opens a version 1 office database with its packages, and reviews them again by the current checks once', async () => {
    const name = 'office-upgrade';
    const v1 = new Dexie(name);
    declareVersions(v1, OFFICE_SCHEMA_VERSIONS.slice(0, 1));
    await v1.table('canteens').add({ code: 'ZC-001', name: licheng.name, publicKey: licheng.key.info.key, fingerprint: licheng.key.info.fingerprint, registeredAt: '2026-11-01T09:00:00+08:00' });
    await v1.table('packages').add({ id: october.manifestSha256, fileName: october.fileName, canteenCode: 'ZC-001', canteenName: licheng.name, month: '2026-10', revision: 1, exportedAt: '2026-10-28T18:00:00+08:00', importedAt: '2026-11-01T09:00:00+08:00', totals: {} });
    await v1.table('packageFiles').add({ id: october.manifestSha256, bytes: october.bytes });
    await v1.table('reviews').add({ id: october.manifestSha256, month: '2026-10', status: 'current', notes: [], findings: [], canteenCode: 'ZC-001' });
    v1.close();
    const db = new OfficeDB(name);
    expect(await db.packages.count()).toBe(1);
    expect(await db.issuedPolicies.count()).toBe(0);
    await ensureReviewsCurrent(db);
    expect(await db.reviews.get(october.manifestSha256)).toMatchObject({ held: false, revision: 1, totals: { netClaimFen: 2000 } });
  });
});
