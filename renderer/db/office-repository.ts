// The office's writes and reads: canteens registered with their keys, packages imported (verified first,
// all or nothing per file: a refused file writes nothing), reviews kept current, decisions appended.
import { unzipSync } from 'fflate';
import type { Claim } from '../../shared/claims/claim-schema';
import { fromBase64, keyFingerprint, sameFingerprint } from '../../shared/claims/signing';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { latestDecisions, monthSummary, type Verdict } from '../../shared/office/approval';
import type { OfficeRosterPerson } from '../../shared/office/line-flags';
import { reviewPackages, type PackageInput } from '../../shared/office/review';
import { verifyPackageFiles, type PackageFile, type VerifiedFile } from '../../shared/office/verify-files';
import type { OfficeDB, PackageRecord, RegisteredCanteenRecord } from './office-db';

export class OfficeInputError extends Error {}

const FINGERPRINT = /^[0-9A-F]{32}$/;
const plainFingerprint = (text: string) => text.replace(/[\s:-]/g, '').toUpperCase();

/** Registers a canteen (or replaces its key): the raw public key pasted, or its fingerprint from a printed report. */
export async function registerCanteen(db: OfficeDB, input: { code: string; name: string; key: string; fingerprint: string }, nowMs = Date.now()): Promise<RegisteredCanteenRecord> {
  const code = input.code.trim();
  const name = input.name.trim();
  const key = input.key.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9-]{2,20}$/.test(code)) throw new OfficeInputError('食堂编号应为 2-20 位字母、数字或连字符（与食堂“设置”里的编号一致）');
  if (!name) throw new OfficeInputError('请填写食堂名称');
  if (!key && !input.fingerprint.trim()) throw new OfficeInputError('请粘贴食堂的公钥，或填写报表上打印的公钥指纹');
  let fingerprint = input.fingerprint.trim();
  if (key) {
    let raw: Uint8Array;
    try {
      raw = fromBase64(key);
    } catch {
      raw = new Uint8Array();
    }
    if (raw.length !== 32) throw new OfficeInputError('公钥格式不对：应为食堂“设置 › 签名密钥”中显示的 44 个字符');
    const computed = await keyFingerprint(raw);
    if (fingerprint && !sameFingerprint(fingerprint, computed)) throw new OfficeInputError(`公钥与所填指纹不一致：该公钥的指纹是 ${computed}`);
    fingerprint = computed;
  } else if (!FINGERPRINT.test(plainFingerprint(fingerprint))) {
    throw new OfficeInputError('指纹应为 32 位十六进制字符（报表上每 4 位一组）');
  }
  const record: RegisteredCanteenRecord = { code, name, publicKey: key, fingerprint: plainFingerprint(fingerprint).match(/.{4}/g)!.join(' '), registeredAt: chinaIsoFromEpochMs(nowMs) };
  await db.canteens.put(record);
  return record;
}

/** A stored package's claim. It was verified when imported and the file is never changed, so it is read as is. */
export function claimOfPackageBytes(bytes: Uint8Array): Claim {
  const json = unzipSync(bytes, { filter: (file) => file.name === 'claim.json' })['claim.json']!;
  return JSON.parse(new TextDecoder().decode(json)) as Claim;
}

async function storedPackages(db: OfficeDB, records: readonly PackageRecord[]): Promise<PackageInput[]> {
  const files = await db.packageFiles.bulkGet(records.map((record) => record.id));
  return records.map((record, index) => ({ id: record.id, claim: claimOfPackageBytes(files[index]!.bytes) }));
}

async function rosterOf(db: OfficeDB) {
  const people = await db.roster.toArray();
  return people.length ? new Map(people.map((person) => [person.idNumber, person])) : undefined;
}

export type ImportResult = { files: VerifiedFile[]; imported: number; refused: number };

/**
 * Verifies the files and imports those that pass, with the reviews of their months done again over every
 * package of those months. Refused files write nothing; the accepted ones are written in one transaction.
 */
export async function importPackageFiles(db: OfficeDB, files: readonly PackageFile[], onStep: (text: string) => void = () => {}, nowMs = Date.now()): Promise<ImportResult> {
  const canteens = new Map((await db.canteens.toArray()).map((canteen) => [canteen.code, canteen]));
  const known = (await db.packages.toArray()).map((record) => ({ id: record.id, canteenCode: record.canteenCode, month: record.month, revision: record.revision }));
  const keyOf = (code: string) => {
    const canteen = canteens.get(code);
    return canteen && (canteen.publicKey ? { key: canteen.publicKey } : { fingerprint: canteen.fingerprint });
  };
  const verified = await verifyPackageFiles(files, keyOf, known, (index, file) => onStep(`正在核验 ${index + 1}/${files.length}：${file.name}`));
  const accepted = verified.flatMap((entry) => (entry.ok ? [entry] : []));
  if (accepted.length) {
    onStep('正在逐笔重算并比对各食堂');
    const months = new Set(accepted.map((entry) => entry.claim.month));
    const earlier = await storedPackages(db, await db.packages.where('month').anyOf([...months]).toArray());
    const reviews = reviewPackages([...earlier, ...accepted.map((entry) => ({ id: entry.id, claim: entry.claim }))], { roster: await rosterOf(db) });
    const importedAt = chinaIsoFromEpochMs(nowMs);
    onStep('正在保存');
    await db.transaction('rw', db.packages, db.packageFiles, db.reviews, async () => {
      await db.packages.bulkAdd(
        accepted.map(({ id, fileName, claim }) => ({ id, fileName, canteenCode: claim.canteen.code, canteenName: claim.canteen.name, month: claim.month, revision: claim.revision, exportedAt: claim.exportedAt, importedAt, totals: claim.totals })),
      );
      await db.packageFiles.bulkAdd(accepted.map(({ id, bytes }) => ({ id, bytes })));
      await db.reviews.bulkPut(reviews);
    });
  }
  return { files: verified, imported: accepted.length, refused: verified.length - accepted.length };
}

/** Every month reviewed again: after the office roster changed. */
export async function reviewAgain(db: OfficeDB): Promise<void> {
  const roster = await rosterOf(db);
  const months = [...new Set((await db.packages.toArray()).map((record) => record.month))];
  for (const month of months) {
    const reviews = reviewPackages(await storedPackages(db, await db.packages.where('month').equals(month).toArray()), { roster });
    await db.reviews.bulkPut(reviews);
  }
}

/** Replaces the office roster with a newly imported list, and reviews every month against it. */
export async function replaceRoster(db: OfficeDB, people: readonly OfficeRosterPerson[]): Promise<void> {
  await db.transaction('rw', db.roster, async () => {
    await db.roster.clear();
    await db.roster.bulkAdd([...people]);
  });
  await reviewAgain(db);
}

export async function decide(db: OfficeDB, input: { packageId: string; mealId: string; verdict: Verdict; note: string; by: string; approvedFen?: number }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  if (!note) throw new OfficeInputError(input.verdict === 'approve' ? '请写明核准的理由' : '请写明不予核准的理由');
  const review = await db.reviews.get(input.packageId);
  const finding = review?.findings.find((entry) => entry.line.mealId === input.mealId);
  if (!review || !finding) throw new OfficeInputError('这一笔不是疑点，无需审核');
  // Only the amount the policies give may be approved instead of the claim: nothing typed by hand.
  if (input.approvedFen !== undefined && (input.verdict !== 'approve' || input.approvedFen !== finding.recomputedFen)) throw new OfficeInputError('只能按政策重算的金额核准这一笔');
  const { approvedFen, ...decision } = input;
  await db.decisions.add({
    ...decision,
    ...(approvedFen !== undefined ? { approvedFen } : {}),
    note,
    at: chinaIsoFromEpochMs(nowMs, { millis: true }),
    canteenCode: review.canteenCode,
    month: review.month,
  });
}

/** The month's approval summary, with the reviews and latest decisions it was made from. */
export async function monthOverview(db: OfficeDB, month: string) {
  const reviews = await db.reviews.where('month').equals(month).toArray();
  const decisions = latestDecisions(await db.decisions.where('month').equals(month).toArray());
  return { reviews, decisions, summary: monthSummary(reviews, month, decisions) };
}

export async function months(db: OfficeDB): Promise<string[]> {
  return ((await db.packages.orderBy('month').uniqueKeys()) as string[]).reverse();
}
