// The office's writes and reads: canteens registered with their keys, the policy versions it issued,
// packages imported (checked first by shared/office/check-packages.ts, all or nothing per file: a refused
// file writes nothing), reviews kept current, decisions appended.
import type { Bridge } from '../../shared/bridge';
import type { Claim, PublicKeyInfo } from '../../shared/claims/claim-schema';
import { sameFingerprint } from '../../shared/claims/signing';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { inflatePool } from '../../shared/files/byte-pool';
import { jsonFromUtf8 } from '../../shared/files/json-bytes';
import { inflateEntry, readZipDirectory } from '../../shared/files/zip-reader';
import { ACCEPT_REVISION, latestDecisions, monthSummary, type Verdict } from '../../shared/office/approval';
import { canteenRegistration, OfficeInputError, type CanteenRegistrationInput } from '../../shared/office/canteen-registration';
import { checkPackages, reviewHeld } from '../../shared/office/check-packages';
import type { OfficeRosterPerson } from '../../shared/office/line-flags';
import { recomputedFen, type PackageInput } from '../../shared/office/review';
import type { PackageFile, PinnedKey, VerifiedFile } from '../../shared/office/verify-files';
import { readPolicyFile, signPolicy, type IssuedPolicy } from '../../shared/policy/issued-policy';
import type { IssuedPolicyRecord, OfficeDB, PackageRecord, RegisteredCanteenRecord } from './office-db';

export { OfficeInputError };

/** Registers a canteen (or replaces its key): the raw public key pasted, or its fingerprint from a printed report. */
export async function registerCanteen(db: OfficeDB, input: CanteenRegistrationInput, nowMs = Date.now()): Promise<RegisteredCanteenRecord> {
  const record = await canteenRegistration(input, nowMs);
  return db.transaction('rw', db.canteens, async () => {
    // A new key does not unmake the old: packages the canteen signed before still verify with the key they name.
    const previous = await db.canteens.get(record.code);
    const earlier = previous
      ? [{ publicKey: previous.publicKey, fingerprint: previous.fingerprint, registeredAt: previous.registeredAt, ...(previous.pinnedAt ? { pinnedAt: previous.pinnedAt } : {}) }, ...(previous.earlierKeys ?? [])]
      : [];
    const kept = earlier.filter((old) => !sameFingerprint(old.fingerprint, record.fingerprint));
    const saved = kept.length ? { ...record, earlierKeys: kept } : record;
    await db.canteens.put(saved);
    return saved;
  });
}

/**
 * A stored package's claim. It was verified when imported and the file is never changed, so it is read as is
 * (as the import read it: straight from its bytes, inflated into a buffer lent by the pool).
 */
export async function claimOfPackageBytes(bytes: Uint8Array): Promise<Claim> {
  const entry = readZipDirectory(bytes, { maxEntries: 16, maxEntryBytes: () => Infinity, maxTotalBytes: Infinity }).get('claim.json')!;
  const json = await inflateEntry(bytes, entry, inflatePool);
  try {
    return jsonFromUtf8(json) as Claim;
  } finally {
    inflatePool.give(json);
  }
}

async function storedPackages(db: OfficeDB, records: readonly PackageRecord[]): Promise<PackageInput[]> {
  const files = await db.packageFiles.bulkGet(records.map((record) => record.id));
  return Promise.all(records.map(async (record, index) => ({ id: record.id, claim: await claimOfPackageBytes(files[index]!.bytes) })));
}

async function rosterOf(db: OfficeDB) {
  const people = await db.roster.toArray();
  return people.length ? new Map(people.map((person) => [person.idNumber, person])) : undefined;
}

/** The versions the office issued; none yet: lines are priced by the packages' own policies (and the page says so). */
async function issuedOf(db: OfficeDB): Promise<IssuedPolicy[] | undefined> {
  const issued = await db.issuedPolicies.orderBy('issuedAt').toArray();
  return issued.length ? issued.map(({ hash, policy, issuedAt }) => ({ hash, policy, issuedAt })) : undefined;
}

export type ImportResult = { files: VerifiedFile[]; imported: number; refused: number };

/**
 * Verifies the files and imports those that pass, with the reviews of their months done again over every
 * package of those months. Refused files write nothing; the accepted ones are written in one transaction,
 * with the keys learnt for canteens registered by fingerprint.
 */
export async function importPackageFiles(db: OfficeDB, files: readonly PackageFile[], onStep: (text: string) => void = () => {}, nowMs = Date.now()): Promise<ImportResult> {
  const canteens = new Map((await db.canteens.toArray()).map((canteen) => [canteen.code, canteen]));
  const known = (await db.packages.toArray()).map((record) => ({ id: record.id, canteenCode: record.canteenCode, month: record.month, revision: record.revision }));
  const checked = await checkPackages({
    files,
    // Every key the canteen registered, newest first: a package verifies with the registered key it names.
    keyOf: (code) => {
      const canteen = canteens.get(code);
      const keyOfRecord = (entry: { publicKey: string; fingerprint: string }) => (entry.publicKey ? { key: entry.publicKey } : { fingerprint: entry.fingerprint });
      return canteen && [canteen, ...(canteen.earlierKeys ?? [])].map(keyOfRecord);
    },
    known,
    policies: await issuedOf(db),
    roster: await rosterOf(db),
    heldFor: async (months) => {
      onStep('正在逐笔重算并比对各食堂');
      return storedPackages(db, await db.packages.where('month').anyOf([...months]).toArray());
    },
    onFile: (index, file) => onStep(`正在核验 ${index + 1}/${files.length}：${file.name}`),
  });
  const accepted = checked.files.flatMap((entry) => (entry.ok ? [entry] : []));
  if (accepted.length) {
    const importedAt = chinaIsoFromEpochMs(nowMs);
    onStep('正在保存');
    await db.transaction('rw', [db.packages, db.packageFiles, db.reviews, db.canteens], async () => {
      await db.packages.bulkAdd(
        accepted.map(({ id, fileName, claim }) => ({ id, fileName, canteenCode: claim.canteen.code, canteenName: claim.canteen.name, month: claim.month, revision: claim.revision, exportedAt: claim.exportedAt, importedAt, totals: claim.totals })),
      );
      await db.packageFiles.bulkAdd(accepted.map(({ id, bytes }) => ({ id, bytes })));
      await db.reviews.bulkPut(checked.reviews);
      for (const pin of checked.pins) await pinKey(db, pin, importedAt);
    });
  }
  return { files: checked.files, imported: accepted.length, refused: checked.files.length - accepted.length };
}

/** A key registered by fingerprint, learnt from the first package that verified with it: the canteen's current key or an earlier one. */
async function pinKey(db: OfficeDB, pin: PinnedKey, pinnedAt: string): Promise<void> {
  const canteen = await db.canteens.get(pin.canteenCode);
  if (!canteen) return;
  if (!canteen.publicKey && sameFingerprint(canteen.fingerprint, pin.fingerprint)) {
    await db.canteens.update(pin.canteenCode, { publicKey: pin.key, pinnedAt });
    return;
  }
  const earlierKeys = (canteen.earlierKeys ?? []).map((entry) => (!entry.publicKey && sameFingerprint(entry.fingerprint, pin.fingerprint) ? { ...entry, publicKey: pin.key, pinnedAt } : entry));
  await db.canteens.update(pin.canteenCode, { earlierKeys });
}

/** Reviews are derived: written again by this rule set's version when it changes (see ensureReviewsCurrent). */
const REVIEWS_VERSION = 2;

/** Every month reviewed again: after the office roster or the issued policies changed. */
export async function reviewAgain(db: OfficeDB): Promise<void> {
  const options = { roster: await rosterOf(db), policies: await issuedOf(db) };
  const months = [...new Set((await db.packages.toArray()).map((record) => record.month))];
  for (const month of months) {
    await db.reviews.bulkPut(reviewHeld(await storedPackages(db, await db.packages.where('month').equals(month).toArray()), options));
  }
  await db.settings.put({ key: 'reviews.version', value: REVIEWS_VERSION });
}

/** Reviews written by an older version of the checks are done again once, when the office's place opens. */
export async function ensureReviewsCurrent(db: OfficeDB): Promise<void> {
  if ((await db.settings.get('reviews.version'))?.value !== REVIEWS_VERSION && (await db.packages.count())) await reviewAgain(db);
}

/** Replaces the office roster with a newly imported list, and reviews every month against it. */
export async function replaceRoster(db: OfficeDB, people: readonly OfficeRosterPerson[]): Promise<void> {
  await db.transaction('rw', db.roster, async () => {
    await db.roster.clear();
    await db.roster.bulkAdd([...people]);
  });
  await reviewAgain(db);
}

export type IssueResult = { record: IssuedPolicyRecord; alreadyIssued: boolean };

/**
 * Registers a policy version as issued by the office (from a file, or the editor), effective by its own dates,
 * and reviews every month again: from now on claimed lines in force under it are priced by it.
 */
export async function issuePolicy(db: OfficeDB, text: string, source: IssuedPolicyRecord['source'], fileName?: string, nowMs = Date.now()): Promise<IssueResult> {
  const read = await readPolicyFile(text);
  if (!read.ok) throw new OfficeInputError(`不是有效的政策文件：${read.problems.slice(0, 5).join('；')}`);
  const existing = await db.issuedPolicies.get(read.hash);
  if (existing) return { record: existing, alreadyIssued: true };
  const record: IssuedPolicyRecord = { hash: read.hash, policy: read.policy, issuedAt: chinaIsoFromEpochMs(nowMs, { millis: true }), source, ...(fileName ? { fileName } : {}) };
  await db.issuedPolicies.add(record);
  await reviewAgain(db);
  return { record, alreadyIssued: false };
}

const OFFICE_NAME = 'office.name';

/**
 * The office's own Ed25519 public key, the pair made on first use: it signs the policy files the office hands its
 * canteens. The shell keeps the private key (like the canteen's), and signs only a policy file naming it.
 */
export async function ensureOfficeKey(bridge: Bridge): Promise<PublicKeyInfo> {
  const state = await bridge.officeKey();
  if (state.publicKey) return state.publicKey;
  const made = await bridge.createOfficeKey();
  if (!made.ok) throw new OfficeInputError(made.message);
  return made.publicKey;
}

export async function officeName(db: OfficeDB): Promise<string> {
  return ((await db.settings.get(OFFICE_NAME))?.value as string | undefined) ?? '';
}

export async function setOfficeName(db: OfficeDB, name: string): Promise<void> {
  await db.settings.put({ key: OFFICE_NAME, value: name.trim() });
}

/**
 * An issued version as a file signed by the office's key, for the canteens' 政策 page: one of this store's (by its
 * hash), or one of a PostgreSQL store's as the page read it. The office's name is this PC's own setting.
 */
export async function signedPolicyFileText(db: OfficeDB, bridge: Bridge, version: string | IssuedPolicy): Promise<{ fileName: string; text: string }> {
  const record = typeof version === 'string' ? await db.issuedPolicies.get(version) : version;
  const hash = record?.hash ?? '';
  if (!record) throw new OfficeInputError('找不到这一政策版本');
  const name = await officeName(db);
  if (!name) throw new OfficeInputError('请先填写本街道的名称：它写在签发的政策文件上');
  const publicKey = await ensureOfficeKey(bridge);
  const signed = await signPolicy(record.policy, { name, publicKey }, record.issuedAt, async (bytes) => {
    const result = await bridge.signPolicyIssue(bytes);
    if (!result.ok) throw new OfficeInputError(result.message);
    return result.signature;
  });
  return { fileName: `${record.policy.id}-${record.policy.effectiveFrom}-${hash.slice(0, 8)}.signed.json`, text: `${JSON.stringify(signed, null, 2)}\n` };
}

export async function decide(db: OfficeDB, input: { packageId: string; mealId: string; verdict: Verdict; note: string; by: string; approvedFen?: number }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  if (!note) throw new OfficeInputError(input.verdict === 'approve' ? '请写明核准的理由' : '请写明不予核准的理由');
  const review = await db.reviews.get(input.packageId);
  const finding = review?.findings.find((entry) => entry.line.mealId === input.mealId);
  if (!review || !finding) throw new OfficeInputError('这一笔不是疑点，无需审核');
  // Only the amount the policies give may be approved instead of the claim: nothing typed by hand.
  if (input.approvedFen !== undefined && (input.verdict !== 'approve' || input.approvedFen !== recomputedFen(finding))) throw new OfficeInputError('只能按政策重算的金额核准这一笔');
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

/** Accepts a held revision (one the office could not link to the revision it replaces), always with a note. */
export async function acceptRevision(db: OfficeDB, input: { packageId: string; note: string; by: string }, nowMs = Date.now()): Promise<void> {
  const note = input.note.trim();
  if (!note) throw new OfficeInputError('请写明接受这一版本的理由（如已向食堂核实）');
  const review = await db.reviews.get(input.packageId);
  if (!review?.held) throw new OfficeInputError('这一版本无需另行接受');
  await db.decisions.add({ packageId: input.packageId, mealId: ACCEPT_REVISION, verdict: 'approve', note, by: input.by, at: chinaIsoFromEpochMs(nowMs, { millis: true }), canteenCode: review.canteenCode, month: review.month });
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
