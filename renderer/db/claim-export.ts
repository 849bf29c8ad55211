// Month end: what a month will claim, what needs attention first, and the export itself. Exporting closes
// the month in the ledger (a new revision closes it again) and keeps an export record, so any revision's
// package can be made again from the books, byte for byte, and checked against the hash it had.
import type { Bridge } from '../../shared/bridge';
import { chinaIsoFromEpochMs, monthDays } from '../../shared/china-time';
import { buildClaim, type ClaimBooks, type ClaimHeader } from '../../shared/claims/build-claim';
import { writeClaimPackage, type WrittenPackage } from '../../shared/claims/claim-package';
import type { Claim } from '../../shared/claims/claim-schema';
import { CLAIM_TABLE_LAYOUTS, type ClaimTableLayout } from '../../shared/claims/claim-tables';
import { parseIdNumber } from '../../shared/id-number';
import { claimedVersions, claimPricing } from '../../shared/office/recompute';
import type { ClaimExportRecord, MealRecord, MonthClosingRecord } from '../../shared/ledger/records';
import type { CanteenDB } from './canteen-db';
import type { Ledger } from './ledger';
import { mealsBetween } from './meals-repository';
import { COUNTER_ID, COUNTER_NAME } from './people-repository';
import { originText, policyOrigin } from './policies-repository';
import { readSetting } from './settings-repository';
import { canteenSigner } from './signing-key';
import { tillsForClaim } from '../../shared/sync/cross-till';
import type { Cursors } from '../../shared/sync/wire';
import { otherTillsClaimBooks, otherTillsClosings, otherTillsMonthClosings } from '../sync/hub-rows';

export class ClaimExportError extends Error {}

/** A month's meals read a few days at a time, the reads side by side: the database reads one while the page unpacks another. */
async function mealsOfMonthInParallel(db: CanteenDB, month: string): Promise<MealRecord[]> {
  const days = monthDays(month);
  const chunks: [string, string][] = [];
  for (let i = 0; i < days.length; i += 4) chunks.push([days[i]!, days[Math.min(i + 3, days.length - 1)]!]);
  return (await Promise.all(chunks.map(([from, to]) => mealsBetween(db, from, to)))).flat();
}

/**
 * Everything of the books a month's claim reads: this till's ledger and, with 多台收银, the other tills' records
 * pulled from the hub (`heads`: how far each is held), so the canteen sends one claim from all its tills.
 */
async function claimBooks(db: CanteenDB, month: string, cashierNames?: Record<string, string>): Promise<ClaimBooks & { heads: Cursors }> {
  const [meals, voids, monthClosings, policies, cashiers, others] = await Promise.all([
    mealsOfMonthInParallel(db, month),
    db.voids.toArray(),
    db.monthClosings.toArray(),
    db.policies.toArray(),
    db.cashiers.toArray(),
    otherTillsClaimBooks(db, month),
  ]);
  const voidedMeals = (await db.meals.bulkGet(voids.map((entry) => entry.mealId))).filter((meal): meal is MealRecord => !!meal);
  return {
    meals,
    voids,
    voidedMeals: new Map(voidedMeals.map((meal) => [meal.id, meal])),
    monthClosings,
    policies,
    cashierNames: new Map(Object.entries(cashierNames ?? Object.fromEntries([[COUNTER_ID, COUNTER_NAME], ...cashiers.map((person) => [person.id, person.name])]))),
    otherTills: others.tills,
    heads: others.heads,
  };
}

export type Attention = {
  kind: 'month_open' | 'unclosed_day' | 'invalid_id' | 'after_status' | 'unissued_policy' | 'till_behind' | 'till_quiet' | 'claimed_elsewhere';
  blocking: boolean;
  text: string;
};

export type MonthPreview = {
  claim: Claim;
  attention: Attention[];
  closings: MonthClosingRecord[];
  exports: ClaimExportRecord[];
  /** 多台收银: the tills whose meals the claim holds, this till first, with their count of claimed meals. */
  tills: { tillId: string; own: boolean; meals: number }[];
};

/** The month as it would be claimed now, and what should be put right before it is. */
export async function previewMonth(db: CanteenDB, month: string, nowMs: number): Promise<MonthPreview> {
  const books = await claimBooks(db, month);
  const canteen = await readSetting(db, 'canteen');
  const header: ClaimHeader = {
    canteen,
    month,
    revision: 1,
    replaces: null,
    exportedAt: chinaIsoFromEpochMs(nowMs),
    exportedBy: '',
    appVersion: '',
    publicKey: { algorithm: 'Ed25519', key: 'AA==', fingerprint: '' },
  };
  const claim = buildClaim(header, books);
  const [state, residents] = await Promise.all([
    monthState(db, month, nowMs, books),
    db.residents.bulkGet([...new Set(books.meals.map((meal) => meal.residentId).filter((id): id is string => !!id))]),
  ]);

  const attention = state.attention;
  const seen = new Set<string>();
  for (const line of claim.lines) {
    const { resident } = line;
    if (seen.has(resident.idNumber)) continue;
    seen.add(resident.idNumber);
    if (resident.idKind !== 'foreign_permit_old' && !parseIdNumber(resident.idNumber, line.date).ok) {
      attention.push({ kind: 'invalid_id', blocking: false, text: `${resident.name} 的证件号码 ${resident.idNumber} 无效：街道将无法核验，请到“居民”核对。` });
    }
  }
  attention.push(...(await unissuedPolicies(db, claim, books)));
  const rosterById = new Map(residents.filter((resident) => !!resident).map((resident) => [resident.id, resident]));
  const residentOfMeal = new Map(books.meals.map((meal) => [meal.id, meal.residentId]));
  for (const line of claim.lines) {
    const residentId = residentOfMeal.get(line.mealId);
    const now = residentId ? rosterById.get(residentId) : undefined;
    if (now && now.status !== 'active' && now.statusDate && now.statusDate <= line.date) {
      const what = now.status === 'deceased' ? '身故' : '迁出';
      attention.push({ kind: 'after_status', blocking: false, text: `${line.resident.name} 已于 ${now.statusDate} ${what}，但 ${line.date} 还有补贴餐（${line.mealId}）：请核实，如有误请在下方冲正。` });
    }
  }
  const counted = new Map<string, number>();
  for (const line of claim.lines) counted.set(line.tillId, (counted.get(line.tillId) ?? 0) + 1);
  const ownTill = (await db.settings.get('till.id'))?.value;
  const tills = [...counted].map(([tillId, meals]) => ({ tillId, own: tillId === ownTill, meals })).sort((a, b) => Number(b.own) - Number(a.own) || a.tillId.localeCompare(b.tillId));
  return { claim, attention, closings: state.closings, exports: state.exports, tills };
}

/**
 * Lines whose claimed subsidy was priced by a policy version the office did not sign: the office prices them by
 * the versions it issued, and pays no more than those give.
 */
async function unissuedPolicies(db: CanteenDB, claim: Claim, books: ClaimBooks): Promise<Attention[]> {
  const office = await readSetting(db, 'office');
  const records = new Map(books.policies.map((record) => [record.key, record]));
  const pricing = claimPricing(claim);
  const lines = new Map<string, number>();
  for (const line of claim.lines) {
    for (const { policy } of claimedVersions(pricing, line)) {
      const key = policy && pricing.embeddedOf(policy)?.key;
      if (key) lines.set(key, (lines.get(key) ?? 0) + 1);
    }
  }
  return [...lines].flatMap(([key, count]) => {
    const record = records.get(key);
    const origin = policyOrigin(record?.issue, office);
    if (!record || origin.kind === 'office') return [];
    return [{ kind: 'unissued_policy' as const, blocking: false, text: `${count} 笔补贴按政策“${record.policy.name}”（${key}）计算，但这一版本${originText(origin)}：街道只按它发布的政策核算这些餐次，多出的部分不会拨付。请向街道索取签发的政策文件，在“政策”中导入。` }];
  });
}

/** The month's closings and exports, and what must be done before it can be claimed. */
async function monthState(db: CanteenDB, month: string, nowMs: number, books: Pick<ClaimBooks, 'meals' | 'otherTills'>) {
  const today = chinaIsoFromEpochMs(nowMs).slice(0, 10);
  const [closings, exports, dayClosings, elsewhere, tillClosings] = await Promise.all([
    db.monthClosings.filter((closing) => closing.month === month).toArray(),
    db.claimExports.where('month').equals(month).sortBy('revision'),
    db.dayClosings.where('id').startsWith(month).primaryKeys(),
    otherTillsMonthClosings(db, month),
    otherTillsClosings(db),
  ]);
  const attention: Attention[] = [];
  const lastDay = monthDays(month).at(-1)!;
  if (today <= lastDay) attention.push({ kind: 'month_open', blocking: true, text: `${month} 还没有过完（最后一天是 ${lastDay}），月份结束后才能申报。` });
  const closedDays = new Set(dayClosings);
  const servedDays = [...new Set(books.meals.map((meal) => meal.date))].sort();
  for (const day of servedDays.filter((day) => !closedDays.has(day) && day < today)) attention.push({ kind: 'unclosed_day', blocking: true, text: `${day} 有消费但还没有日结：请先到“报表 → 日结”清点现金并日结。` });
  // 多台收银: one claim a month for the canteen, from one till, holding every till's meals.
  for (const { tillId, closing } of elsewhere.sort((a, b) => b.closing.revision - a.closing.revision).slice(0, 1)) {
    attention.push({ kind: 'claimed_elsewhere', blocking: true, text: `${month} 已由收银台 ${tillId} 导出申报（第 ${closing.revision} 版）：一个食堂每月只报一份，请在那台收银台再次下载或导出新版本。` });
  }
  const otherMeals = (books.otherTills ?? []).flatMap((till) => till.meals);
  for (const till of tillsForClaim(month, otherMeals, tillClosings)) {
    if (till.state === 'behind') {
      attention.push({ kind: 'till_behind', blocking: true, text: `收银台 ${till.tillId} ${till.lastServed} 有消费，但那天的日结还没有同步过来：请让它联网并日结，本月申报要含它全部的餐次。` });
    } else if (till.state === 'quiet') {
      attention.push({ kind: 'till_quiet', blocking: false, text: `收银台 ${till.tillId} 的账只同步到${till.lastClosing ? ` ${till.lastClosing} 的日结` : '（还没有日结）'}：如它之后本月还收过款，请先让它联网同步，否则那些餐次不在本次申报中。` });
    }
  }
  return { closings, exports, attention };
}

export type ExportedClaim = WrittenPackage & { record: ClaimExportRecord };

/**
 * Exports the month: closes it in the ledger (once more for a new revision) and writes the package. A close
 * without an export record (the computer stopped, or the key could not sign) is finished by the next call.
 */
export async function exportMonth(
  db: CanteenDB,
  ledger: Ledger,
  bridge: Bridge,
  request: { month: string; manager: { id: string; name: string }; newRevision: boolean; reason?: string; nowMs: number },
  onStep?: (step: string) => void,
): Promise<ExportedClaim> {
  const { month, manager } = request;
  // Read once: the closing below only adds itself; anything recorded after it belongs to later claims anyway.
  const books = await claimBooks(db, month);
  const state = await monthState(db, month, request.nowMs, books);
  const blocking = state.attention.filter((item) => item.blocking);
  if (blocking.length) throw new ClaimExportError(blocking.map((item) => item.text).join('\n'));
  const canteen = await readSetting(db, 'canteen');
  if (!canteen.code) throw new ClaimExportError('请先在“设置 → 食堂信息”填写食堂编号：申报包以它命名，街道以它识别本食堂。');

  // A key this computer cannot use stops the export before the month closes.
  const signer = await canteenSigner(db, bridge);

  const latestClosing = state.closings.sort((a, b) => b.revision - a.revision)[0];
  const unexported = latestClosing && !state.exports.some((record) => record.revision === latestClosing.revision);
  if (latestClosing && !unexported && !request.newRevision) throw new ClaimExportError(`${month} 已导出第 ${latestClosing.revision} 版：可以再次下载，或导出新版本。`);
  onStep?.('正在关账');
  // The other tills' chains are counted up to where this till holds them now: the closing keeps that place.
  const otherTills = Object.keys(books.heads).length ? { otherTills: books.heads } : {};
  const closing = unexported ? latestClosing : await ledger.closeMonth({ month, revision: (latestClosing?.revision ?? 0) + 1, closedBy: manager.id, ...otherTills });
  const previous = state.exports.filter((record) => record.revision < closing.revision).at(-1);
  const info = await bridge.appInfo();
  if (!unexported) books.monthClosings = [...books.monthClosings, closing];
  const record: ExportHeader = {
    id: `${month}#r${closing.revision}`,
    month,
    revision: closing.revision,
    exportedAt: closing.closedAt,
    exportedBy: manager.id,
    exportedByName: manager.name,
    replaces: previous ? { revision: previous.revision, manifestSha256: previous.manifestSha256 } : null,
    canteen,
    appVersion: info.version,
    publicKey: signer.publicKey,
    cashiers: Object.fromEntries(books.cashierNames),
    // The chain head right after this export's closing: signed into the manifest, it anchors the chain outside this PC.
    ledgerHead: { seq: closing.seq, hash: closing.hash },
  };
  const written = await writePackage(record, books, signer.sign, onStep);
  const saved: ClaimExportRecord = { ...record, fileName: written.fileName, manifestSha256: written.manifestSha256 };
  await db.transaction('rw', db.claimExports, db.audit, async () => {
    await db.claimExports.put(saved);
    await db.audit.add({ at: saved.exportedAt, actorId: manager.id, action: 'claim_export', details: { month, revision: saved.revision, fileName: saved.fileName, manifestSha256: saved.manifestSha256, reason: request.reason } });
  });
  return { ...written, record: saved };
}

type ExportHeader = Omit<ClaimExportRecord, 'fileName' | 'manifestSha256'>;

function claimOf(record: ExportHeader, books: ClaimBooks): Claim {
  const { canteen, month, revision, replaces, exportedAt, exportedByName, appVersion, publicKey } = record;
  return buildClaim({ canteen, month, revision, replaces, exportedAt, exportedBy: exportedByName, appVersion, publicKey }, books);
}

function writePackage(record: ExportHeader, books: ClaimBooks, sign: (bytes: Uint8Array) => Promise<Uint8Array>, onStep?: (step: string) => void, layout?: ClaimTableLayout) {
  onStep?.('正在汇总明细');
  return writeClaimPackage(claimOf(record, books), sign, onStep, record.ledgerHead, layout);
}

/** The claim of an exported revision, for the printed report: the same figures as its package. */
export async function exportedClaim(db: CanteenDB, record: ClaimExportRecord): Promise<Claim> {
  return claimOf(record, await claimBooks(db, record.month, record.cashiers));
}

/** An exported revision made again from the books; refused if it no longer matches what was exported. */
export async function rebuildExport(db: CanteenDB, bridge: Bridge, record: ClaimExportRecord, onStep?: (step: string) => void): Promise<ExportedClaim> {
  const signer = await canteenSigner(db, bridge);
  if (signer.publicKey.key !== record.publicKey.key) throw new ClaimExportError('这一版是用以前的签名密钥导出的，本机已换了新密钥，无法重新生成同一个文件；请导出新版本。');
  const books = await claimBooks(db, record.month, record.cashiers);
  // The record does not say which layout its tables had: a revision exported by an earlier version of the
  // software is made again in each earlier layout until one gives the very manifest it had.
  for (const layout of CLAIM_TABLE_LAYOUTS) {
    const written = await writePackage(record, books, signer.sign, onStep, layout);
    if (written.manifestSha256 === record.manifestSha256) return { ...written, record };
  }
  throw new ClaimExportError('重新生成的申报包与当初导出的不一致：账本可能被改动过，请到“设置 → 账本校验”检查。');
}
