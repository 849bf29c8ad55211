// The office's writes and reads: canteens registered with their keys, packages imported (verified first,
// all or nothing per file: a refused file writes nothing), reviews kept current, decisions appended.
import { unzipSync } from 'fflate';
import type { Claim } from '../../shared/claims/claim-schema';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { canteenRegistration, OfficeInputError, type CanteenRegistrationInput } from '../../shared/office/canteen-registration';
import { latestDecisions, monthSummary, type Verdict } from '../../shared/office/approval';
import type { OfficeRosterPerson } from '../../shared/office/line-flags';
import { reviewPackages, type PackageInput } from '../../shared/office/review';
import { verifyPackageFiles, type PackageFile, type VerifiedFile } from '../../shared/office/verify-files';
import type { OfficeDB, PackageRecord, RegisteredCanteenRecord } from './office-db';

export { OfficeInputError };

/** Registers a canteen (or replaces its key): the raw public key pasted, or its fingerprint from a printed report. */
export async function registerCanteen(db: OfficeDB, input: CanteenRegistrationInput, nowMs = Date.now()): Promise<RegisteredCanteenRecord> {
  const record = await canteenRegistration(input, nowMs);
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

export async function decide(db: OfficeDB, input: { packageId: string; mealId: string; verdict: Verdict; note: string; by: string }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  if (!note) throw new OfficeInputError(input.verdict === 'approve' ? '请写明核准的理由' : '请写明不予核准的理由');
  const review = await db.reviews.get(input.packageId);
  if (!review?.findings.some((finding) => finding.line.mealId === input.mealId)) throw new OfficeInputError('这一笔不是疑点，无需审核');
  await db.decisions.add({ ...input, note, at: chinaIsoFromEpochMs(nowMs, { millis: true }), canteenCode: review.canteenCode, month: review.month });
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
