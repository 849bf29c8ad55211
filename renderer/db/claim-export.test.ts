import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Bridge } from '../../shared/bridge';
import { readClaimPackage } from '../../shared/claims/claim-package';
import type { PublicKeyInfo } from '../../shared/claims/claim-schema';
import { manifestToSignProblem } from '../../shared/claims/manifest-to-sign';
import { publicKeyInfo } from '../../shared/claims/signing';
import { aKey } from '../../shared/claims/test-fixtures';
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { signPolicy } from '../../shared/policy/issued-policy';
import { PolicySchema } from '../../shared/policy/schema';
import { CanteenDB } from './canteen-db';
import { ClaimExportError, exportedClaim, exportMonth, previewMonth, rebuildExport } from './claim-export';
import { writeClaimPackage } from '../../shared/claims/claim-package';
import { canteenSigner } from './signing-key';
import { Ledger } from './ledger';
import { importPolicyFile } from './policies-repository';
import { writeSetting } from './settings-repository';
import { idCheckChar } from '../../shared/id-number';
import { aResident, aSale } from './test-fixtures';
import type { ResidentRecord } from '../../shared/ledger/records';
import { storePulled } from '../sync/hub-rows';
import { unsentEntries } from '../sync/sync-engine';

/** The shell, for Node: it keeps an Ed25519 key and signs only checked manifests; `broken` is a key store that cannot open. */
function testBridge({ broken = false } = {}): Bridge {
  let key: { pair: CryptoKeyPair; publicKey: PublicKeyInfo } | undefined;
  return {
    appInfo: async () => ({ name: '助餐收银台', version: '0.1.0-test', shell: 'browser', platform: 'test' }),
    signingKey: async () => ({ publicKey: key?.publicKey ?? null, createdAt: null, protection: 'browser', usable: !!key && !broken }),
    createSigningKey: async () => {
      if (!key) {
        const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
        key = { pair, publicKey: await publicKeyInfo(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))) };
      }
      return { ok: true, publicKey: key.publicKey, createdAt: '2026-01-01T08:00:00+08:00', created: true };
    },
    signClaimManifest: async (bytes) => {
      const problem = manifestToSignProblem(bytes, key!.publicKey);
      if (problem || broken) return { ok: false, message: problem ?? '无法解开' };
      return { ok: true, signature: new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key!.pair.privateKey, bytes as Uint8Array<ArrayBuffer>)) };
    },
  } satisfies Partial<Bridge> as unknown as Bridge;
}

const opened: CanteenDB[] = [];
let count = 0;
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const at = (iso: string) => Date.parse(iso);
const manager = { id: 'm1', name: '张经理' };

const office = await aKey();
const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);
/** The Tianjin example as the office issues it: signed with the office's key. */
const signedTianjin = async (by = office) => JSON.stringify(await signPolicy(tianjin, { name: '和平街道办事处', publicKey: by.info }, '2025-12-20T09:00:00+08:00', by.sign));

type Serve = (iso: string, resident: ResidentRecord | null) => Promise<unknown>;

/**
 * October: two residents served on the 8th and 9th (both days closed), and a walk-in; `more` is served before the
 * closings; the policy is the one the office signed unless another file is given.
 */
async function october({ more, policy }: { more?: (serve: Serve) => Promise<void>; policy?: string } = {}) {
  const db = new CanteenDB(`claim-export-${++count}`);
  opened.push(db);
  await writeSetting(db, 'office', { key: office.info.key, fingerprint: office.info.fingerprint }, 'm1');
  await importPolicyFile(db, policy ?? (await signedTianjin()), 'm1', at('2026-01-01T08:00:00+08:00'));
  await writeSetting(db, 'canteen', { code: 'TJ-007', name: '和平里长者食堂', subdistrict: '和平街道', community: '和平里社区', areaCode: '' }, 'm1');
  const validId = (body: string) => body + idCheckChar(body);
  const [wang, li] = [aResident({ name: '王淑珍', idNumber: validId('12010119400101002') }), aResident({ name: '李建国', sex: 'M', idNumber: validId('12010119400101013') })];
  await db.residents.bulkAdd([wang, li]);
  let now = at('2026-10-08T11:45:00+08:00');
  const ledger = new Ledger(db, 'T1', () => now);
  const serve = async (iso: string, resident: typeof wang | null) => {
    now = at(iso);
    return ledger.recordMeal(aSale(resident, iso));
  };
  await serve('2026-10-08T11:45:00+08:00', wang);
  await serve('2026-10-08T11:50:00+08:00', null);
  const second = await serve('2026-10-09T11:45:00+08:00', li);
  await more?.(serve);
  for (const day of ['2026-10-08', '2026-10-09']) await ledger.closeDay({ id: day, closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {} });
  const setClock = (iso: string) => (now = at(iso));
  return { db, ledger, serve, second, setClock };
}

describe('month-end claim export', () => {
  it('names a resident whose ID number the office will not accept, and meals after a recorded death', async () => {
    const badId = { ...aResident(), id: 'r-bad', name: '赵错号', idNumber: '120101194001010000' };
    const { db } = await october({ more: (serve) => serve('2026-10-09T12:00:00+08:00', badId).then(() => undefined) });
    const [, li] = await db.residents.toArray();
    await db.residents.put({ ...li!, status: 'deceased', statusDate: '2026-10-09' });
    const preview = await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
    expect(preview.attention.map(({ kind, blocking, text }) => [kind, blocking, text.split('：')[0]])).toEqual([
      ['invalid_id', false, '赵错号 的证件号码 120101194001010000 无效'],
      ['after_status', false, '李建国 已于 2026-10-09 身故，但 2026-10-09 还有补贴餐（T1-3）'],
    ]);
  });

  it('warns of meals priced by a policy version the office did not sign, and says whose signature it carries', async () => {
    const lines = async (policy: string) => (await previewMonth((await october({ policy })).db, '2026-10', at('2026-11-02T09:00:00+08:00'))).attention.filter((item) => item.kind === 'unissued_policy').map((item) => item.text);
    expect(await lines(JSON.stringify(EXAMPLE_POLICIES.tianjin))).toEqual([expect.stringMatching(/^2 笔补贴按政策“.+”（tianjin-2024@[0-9a-f]{12}）计算，但这一版本未签名：不是街道签发的政策文件：街道只按它发布的政策核算这些餐次/)]);
    const stranger = await aKey();
    expect(await lines(await signedTianjin(stranger))).toEqual([expect.stringContaining(`签名不是设置中登记的街道公钥（签名者“和平街道办事处”，指纹 ${stranger.info.fingerprint}）`)]);
    expect(await lines(await signedTianjin())).toEqual([]);
  });

  it('waits for the month to end and for every served day to be closed', async () => {
    const { db, serve } = await october();
    expect((await previewMonth(db, '2026-10', at('2026-10-20T12:00:00+08:00'))).attention.map((item) => item.kind)).toEqual(['month_open']);
    await serve('2026-10-10T11:45:00+08:00', null);
    const preview = await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
    expect(preview.attention).toEqual([{ kind: 'unclosed_day', blocking: true, text: expect.stringContaining('2026-10-10 有消费但还没有日结') }]);
    await expect(exportMonth(db, new Ledger(db, 'T1'), testBridge(), { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') })).rejects.toThrow('还没有日结');
    expect(await db.monthClosings.count()).toBe(0);
  });

  it('exports a signed package whose totals are the ledger\'s, closes the month, and makes the same bytes again', async () => {
    const { db, ledger, setClock } = await october();
    setClock('2026-11-02T09:00:00+08:00');
    const bridge = testBridge();
    const exported = await exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') });
    expect(exported.fileName).toBe('TJ-007_2026-10_r1.claim.zip');

    const read = await readClaimPackage(exported.bytes, { registeredKey: { fingerprint: exported.record.publicKey.fingerprint } });
    if (!read.ok) throw new Error(read.problem.message);
    const meals = (await db.meals.where('month').equals('2026-10').toArray()).filter((meal) => meal.resident);
    expect(read.claim.totals.claimFen).toBe(meals.reduce((sum, meal) => sum + meal.subsidyFen, 0));
    expect(read.claim.totals).toMatchObject({ meals: 2, persons: 2, claimFen: 600, netClaimFen: 600 });
    expect(read.claim).toMatchObject({ revision: 1, replaces: null, exportedBy: '张经理', appVersion: '0.1.0-test', exportedAt: '2026-11-02T09:00:00+08:00' });
    expect(read.claim.policies.map((entry) => entry.policy.id)).toEqual(['tianjin-2024']);
    expect(await db.monthClosings.toArray()).toMatchObject([{ id: '2026-10', month: '2026-10', revision: 1, closedBy: 'm1' }]);

    await expect(exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-03T09:00:00+08:00') })).rejects.toThrow('已导出第 1 版');
    const again = await rebuildExport(db, bridge, exported.record);
    expect(again.bytes).toEqual(exported.bytes);

    // The manifest anchors the ledger: its chain head right after the month's closing, kept in the export record too.
    const closing = (await db.monthClosings.get('2026-10'))!;
    expect(read.manifest).toMatchObject({ schema: 'canteen-claim-manifest/2', ledgerHead: { seq: closing.seq, hash: closing.hash } });
    expect(exported.record.ledgerHead).toEqual({ seq: closing.seq, hash: closing.hash });
    expect(await ledger.head()).toMatchObject({ seq: closing.seq, hash: closing.hash });
  });

  it('downloads a revision exported by an earlier version again as it was, its workbook in the first layout; a changed ledger is still refused', async () => {
    const { db, ledger, setClock } = await october();
    setClock('2026-11-02T09:00:00+08:00');
    const bridge = testBridge();
    const exported = await exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') });
    // The same revision as the earlier version wrote it: ISO times, no page setup.
    const signer = await canteenSigner(db, bridge);
    const earlier = await writeClaimPackage(await exportedClaim(db, exported.record), signer.sign, undefined, exported.record.ledgerHead, 1);
    expect(earlier.manifestSha256).not.toBe(exported.manifestSha256);
    const earlierRecord = { ...exported.record, manifestSha256: earlier.manifestSha256 };
    await db.claimExports.put(earlierRecord);
    expect((await rebuildExport(db, bridge, earlierRecord)).bytes).toEqual(earlier.bytes);
    expect((await rebuildExport(db, bridge, exported.record)).bytes).toEqual(exported.bytes);
    await expect(rebuildExport(db, bridge, { ...exported.record, manifestSha256: 'f'.repeat(64) })).rejects.toThrow('账本可能被改动过');
  });

  it('reverses a meal voided after the claim in the next month, and a new revision names what it replaces', async () => {
    const { db, ledger, second, setClock } = await october();
    const bridge = testBridge();
    setClock('2026-11-02T09:00:00+08:00');
    const first = await exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') });
    setClock('2026-11-05T10:00:00+08:00');
    await ledger.voidMeal({ mealId: second.id, reason: '老人未取餐，误录', managerId: 'm1' });

    // October's first claim is unchanged by the later void.
    expect((await rebuildExport(db, bridge, first.record)).bytes).toEqual(first.bytes);
    const november = await previewMonth(db, '2026-11', at('2026-12-01T09:00:00+08:00'));
    expect(november.claim.adjustments).toMatchObject([{ mealId: second.id, originalMonth: '2026-10', originalRevision: 1, reversedFen: 300, reason: '老人未取餐，误录' }]);
    expect(november.claim.totals).toMatchObject({ claimFen: 0, reversedFen: 300, netClaimFen: -300 });

    setClock('2026-11-06T09:00:00+08:00');
    const revised = await exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: true, nowMs: at('2026-11-06T09:00:00+08:00') });
    const read = await readClaimPackage(revised.bytes);
    expect(read.ok && [read.claim.revision, read.claim.replaces, read.claim.lines.length]).toEqual([2, { revision: 1, manifestSha256: first.manifestSha256 }, 1]);
    // Taken back by October's revision 2, so November no longer reverses it.
    expect((await previewMonth(db, '2026-11', at('2026-12-01T09:00:00+08:00'))).claim.adjustments).toEqual([]);
  });

  it('does not close the month when this computer cannot open the signing key', async () => {
    const { db, ledger } = await october();
    await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
    await expect(exportMonth(db, ledger, testBridge({ broken: true }), { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') })).rejects.toThrow('本机无法使用食堂的签名密钥');
    expect(await db.monthClosings.count()).toBe(0);
    expect(ClaimExportError).toBeDefined();
  });

  describe('several tills (多台收银): one claim for the canteen', () => {
    /** Till T2 of the same canteen: its own books, serving the same roster, handed to T1 as the hub hands them. */
    async function secondTill(first: CanteenDB) {
      const db = new CanteenDB(`claim-export-${++count}`);
      opened.push(db);
      await db.residents.bulkAdd(await first.residents.toArray());
      let now = at('2026-10-08T12:10:00+08:00');
      const ledger = new Ledger(db, 'T2', () => now);
      const serve = async (iso: string, resident: ResidentRecord | null) => {
        now = at(iso);
        return ledger.recordMeal(aSale(resident, iso));
      };
      let pulled = 0;
      /** T1 pulls what T2 has pushed since the last time. */
      const sync = async () => {
        const entries = await unsentEntries(db, pulled);
        pulled += entries.length;
        await storePulled(first, entries.map((entry) => ({ tillId: 'T2', entry })));
      };
      return { db, ledger, serve, sync, setClock: (iso: string) => (now = at(iso)) };
    }

    it('claims every till\'s meals once their days are closed, holds the month while a till is behind, and makes the same bytes again after more arrives', async () => {
      const { db, ledger, setClock } = await october();
      await db.settings.put({ key: 'till.id', value: 'T1' });
      const [wang] = await db.residents.toArray();
      const two = await secondTill(db);
      await two.serve('2026-10-08T12:10:00+08:00', wang!);
      const served = await two.serve('2026-10-09T12:10:00+08:00', wang!);
      await two.ledger.closeDay({ id: '2026-10-08', closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {} });
      await two.sync();

      // T2's 9th is served but its closing is not here: the month waits, naming the till.
      const waiting = await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
      expect(waiting.attention.filter((item) => item.blocking)).toEqual([{ kind: 'till_behind', blocking: true, text: expect.stringContaining('收银台 T2 2026-10-09 有消费，但那天的日结还没有同步过来') }]);
      expect(waiting.tills).toEqual([
        { tillId: 'T1', own: true, meals: 2 },
        { tillId: 'T2', own: false, meals: 2 },
      ]);
      setClock('2026-11-02T09:00:00+08:00');
      await expect(exportMonth(db, ledger, testBridge(), { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') })).rejects.toThrow('收银台 T2');
      expect(await db.monthClosings.count()).toBe(0);

      // T2 voids its lunch of the 9th and closes the day: the claim holds both tills' meals, less the void.
      two.setClock('2026-10-09T18:00:00+08:00');
      await two.ledger.voidMeal({ mealId: served.id, reason: '重复录入', managerId: 'm1' });
      await two.ledger.closeDay({ id: '2026-10-09', closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {} });
      await two.sync();
      const ready = await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
      expect(ready.attention).toEqual([{ kind: 'till_quiet', blocking: false, text: expect.stringContaining('收银台 T2 的账只同步到 2026-10-09 的日结') }]);
      const bridge = testBridge();
      const exported = await exportMonth(db, ledger, bridge, { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') });
      const read = await readClaimPackage(exported.bytes);
      if (!read.ok) throw new Error(read.problem.message);
      expect(read.claim.lines.map((line) => [line.tillId, line.mealId])).toEqual([
        ['T1', 'T1-1'],
        ['T2', 'T2-1'],
        ['T1', 'T1-3'],
      ]);
      expect(read.claim.totals).toMatchObject({ meals: 3, claimFen: 900 });
      expect((await db.monthClosings.get('2026-10'))!.otherTills).toEqual({ T2: 5 });

      // T2 sells on and voids its October lunch after the claim: the October package is made again byte for
      // byte (it counted T2 up to where it stood), and November reverses the lunch.
      two.setClock('2026-11-03T12:00:00+08:00');
      await two.serve('2026-11-03T12:00:00+08:00', wang!);
      await two.ledger.voidMeal({ mealId: 'T2-1', reason: '老人未取餐', managerId: 'm1' });
      await two.sync();
      expect((await rebuildExport(db, bridge, exported.record)).bytes).toEqual(exported.bytes);
      const november = await previewMonth(db, '2026-11', at('2026-12-01T09:00:00+08:00'));
      expect(november.claim.adjustments).toMatchObject([{ mealId: 'T2-1', originalMonth: '2026-10', originalRevision: 1, reversedFen: 300 }]);
      expect(november.claim.lines.map((line) => line.mealId)).toEqual(['T2-3']);
    });

    it('refuses a second claim of a month another till already exported', async () => {
      const { db, ledger, setClock } = await october();
      const two = await secondTill(db);
      two.setClock('2026-11-02T08:00:00+08:00');
      await two.ledger.closeMonth({ month: '2026-10', revision: 1, closedBy: 'm1' });
      await two.sync();
      setClock('2026-11-02T09:00:00+08:00');
      const preview = await previewMonth(db, '2026-10', at('2026-11-02T09:00:00+08:00'));
      expect(preview.attention).toContainEqual({ kind: 'claimed_elsewhere', blocking: true, text: expect.stringContaining('2026-10 已由收银台 T2 导出申报（第 1 版）') });
      await expect(exportMonth(db, ledger, testBridge(), { month: '2026-10', manager, newRevision: false, nowMs: at('2026-11-02T09:00:00+08:00') })).rejects.toThrow('每月只报一份');
      expect(await db.monthClosings.count()).toBe(0);
    });
  });
});
