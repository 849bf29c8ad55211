// Claim package files as the office receives them: each checked by readClaimPackage against the key the
// office registered for the canteen that the package names. Used by the office's import and by
// `canteen claims verify` (through checkPackages), so both refuse the same files for the same reasons.
import { PACKAGE_LIMITS, readClaimPackage, type PackageProblem, type ReadOptions, type ReadPackage, type RegisteredKey } from '../claims/claim-package';
import { CLAIM_FILES, type Claim, type Manifest } from '../claims/claim-schema';
import { sameFingerprint } from '../claims/signing';
import { inflateEntry, readZipDirectory } from '../files/zip-reader';

export type PackageFile = { name: string; bytes: Uint8Array };

export type { RegisteredKey };

/** A canteen registered by its fingerprint, its full key learnt from the first package that verified: compared from then on. */
export type PinnedKey = { canteenCode: string; key: string; fingerprint: string };

/** A canteen's keys once `pin` is pinned: the fingerprint-only key it matches becomes the full key, compared from then on. */
export const withPinned = (keys: readonly RegisteredKey[], pin: PinnedKey): RegisteredKey[] =>
  keys.map((key) => (!key.key && key.fingerprint && sameFingerprint(key.fingerprint, pin.fingerprint) ? { key: pin.key } : key));

/**
 * undefined: the canteen is not registered; null: no registry at all (only the package's own consistency is
 * checked). A list: every key the canteen has registered, newest first; each verifies the months it signed.
 */
export type KeyLookup = (canteenCode: string) => RegisteredKey | readonly RegisteredKey[] | undefined | null;

export type OfficeProblem = { code: PackageProblem['code'] | 'unregistered' | 'already'; message: string };

/** A package the office already holds, as far as telling a repeat from a conflict needs. */
export type KnownPackage = { id: string; canteenCode: string; month: string; revision: number };

/** C: the claim as read (see ReadPackage). */
export type VerifiedFile<C = Claim> =
  | { fileName: string; ok: true; id: string; claim: C; manifest: Manifest; bytes: Uint8Array }
  | { fileName: string; ok: false; problem: OfficeProblem; canteenCode?: string };

type ClaimedManifest = { canteenCode?: unknown; publicKey?: { key?: unknown; fingerprint?: unknown } };

/** What the manifest claims, read (within the package's limits) before anything is verified, to find the key to verify with. */
async function claimedManifest(bytes: Uint8Array): Promise<ClaimedManifest | undefined> {
  try {
    const entries = readZipDirectory(bytes, { names: [...CLAIM_FILES, 'manifest.json'], maxEntries: PACKAGE_LIMITS.entries, maxEntryBytes: () => PACKAGE_LIMITS.entryBytes, maxTotalBytes: PACKAGE_LIMITS.totalBytes });
    const manifest = entries.get('manifest.json')!;
    if (manifest.size > PACKAGE_LIMITS.manifestBytes) return undefined;
    return (JSON.parse(new TextDecoder().decode(await inflateEntry(bytes, manifest))) as ClaimedManifest | null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The canteen code the manifest claims, read before anything is verified, to find the key to verify with. */
export async function manifestCanteenCode(bytes: Uint8Array): Promise<string | undefined> {
  const code = (await claimedManifest(bytes))?.canteenCode;
  return typeof code === 'string' ? code : undefined;
}

const plainFingerprint = (text: unknown) => String(text ?? '').replace(/[\s:-]/g, '').toUpperCase();

/** Of a canteen's registered keys, the one the package says it was signed with (it is then verified); else the newest. */
function keyFor(claimed: ClaimedManifest | undefined, keys: RegisteredKey | readonly RegisteredKey[]): RegisteredKey {
  if (!Array.isArray(keys)) return keys as RegisteredKey;
  const named = claimed?.publicKey;
  const match = keys.find((key) => (key.key ? key.key === named?.key : !!key.fingerprint && plainFingerprint(key.fingerprint) === plainFingerprint(named?.fingerprint)));
  return match ?? keys[0]!;
}

/** Where a pin is kept in a batch: a canteen may have several keys registered by fingerprint, each pinned on its own. */
const pinSlot = (canteenCode: string, fingerprint: unknown) => `${canteenCode}|${plainFingerprint(fingerprint)}`;

/**
 * The key a file is verified with, chosen before it is read: from the canteen code its manifest claims, the
 * registry's key (or, of several, the one the package names). `slot`: registered by fingerprint only, where a key
 * pinned earlier in the batch would take its place. `refused`: the canteen is not registered.
 */
export type ChosenKey = { refused?: undefined; code?: string; registeredKey: RegisteredKey | null; slot?: string };
export type KeyChoice = { refused: VerifiedFile<never> } | ChosenKey;

export async function chooseKey(file: PackageFile, keyOf: KeyLookup): Promise<KeyChoice> {
  const claimed = await claimedManifest(file.bytes);
  const code = typeof claimed?.canteenCode === 'string' ? claimed.canteenCode : undefined;
  const registered = code === undefined ? null : keyOf(code);
  if (registered === undefined) {
    return { refused: { fileName: file.name, ok: false, canteenCode: code, problem: { code: 'unregistered', message: `食堂编号 ${code} 尚未在街道登记：请先登记该食堂及其公钥，再导入` } } };
  }
  const chosen = registered && keyFor(claimed, registered);
  const byFingerprint = !!chosen && !chosen.key && code !== undefined;
  return { code, registeredKey: chosen || null, ...(byFingerprint ? { slot: pinSlot(code, chosen.fingerprint) } : {}) };
}

/** The key to read with: the chosen one, or the key pinned in its slot earlier in the batch (it counts as that key). */
export const keyToRead = (choice: ChosenKey, pin: string | undefined): ReadOptions => {
  const registeredKey = pin ? { key: pin } : choice.registeredKey;
  return registeredKey ? { registeredKey } : {};
};

/** The verdict on a file from what readClaimPackage said of it, and the pin it makes (see verifyPackageFile). */
export function settleFile<C extends Pick<Claim, 'canteen'>>(file: PackageFile, choice: ChosenKey, pin: string | undefined, read: ReadPackage<C>): VerifiedFile<C> & { pin?: PinnedKey } {
  const { code } = choice;
  if (!read.ok) return { fileName: file.name, ok: false, problem: read.problem, ...(code ? { canteenCode: code } : {}) };
  const verified = { fileName: file.name, ok: true as const, id: read.manifestSha256, claim: read.claim, manifest: read.manifest, bytes: file.bytes };
  // Registered by fingerprint only: the key that verified is the canteen's (for that fingerprint) from now on.
  if (choice.slot && !pin) return { ...verified, pin: { canteenCode: read.claim.canteen.code, key: read.manifest.publicKey.key, fingerprint: read.fingerprint } };
  return verified;
}

/** Where a pin is kept: a canteen may have several keys registered by fingerprint, each pinned on its own. */
export const slotOfPin = (pin: PinnedKey) => pinSlot(pin.canteenCode, pin.fingerprint);

export async function verifyPackageFile(file: PackageFile, keyOf: KeyLookup, pinned: ReadonlyMap<string, string> = new Map()): Promise<VerifiedFile & { pin?: PinnedKey }> {
  const choice = await chooseKey(file, keyOf);
  if (choice.refused) return choice.refused;
  // A fingerprint pinned earlier in this batch counts as the key it pinned.
  const pin = choice.slot ? pinned.get(choice.slot) : undefined;
  return settleFile(file, choice, pin, await readClaimPackage(file.bytes, keyToRead(choice, pin)));
}

/**
 * Refuses, among verified files, a package already held (or met earlier in the list), or another package
 * under a canteen, month and revision already held: a correction is a new revision.
 */
export function refuseRepeats<C extends Pick<Claim, 'canteen' | 'month' | 'revision'>>(verified: readonly VerifiedFile<C>[], known: readonly KnownPackage[] = []): VerifiedFile<C>[] {
  const slotOf = (entry: { canteenCode: string; month: string; revision: number }) => `${entry.canteenCode}|${entry.month}|${entry.revision}`;
  const ids = new Set(known.map((entry) => entry.id));
  const slots = new Set(known.map(slotOf));
  return verified.map((result) => {
    if (!result.ok) return result;
    const { canteen, month, revision } = result.claim;
    const slot = slotOf({ canteenCode: canteen.code, month, revision });
    const what = `${canteen.name} ${month} 第 ${revision} 版`;
    if (ids.has(result.id) || slots.has(slot)) {
      const message = ids.has(result.id) ? `${what}已经导入过，未重复导入` : `${what}已导入另一份内容不同的申报包：更正应由食堂导出新版本`;
      return { fileName: result.fileName, ok: false, canteenCode: canteen.code, problem: { code: 'already', message } };
    }
    ids.add(result.id);
    slots.add(slot);
    return result;
  });
}

/**
 * Verifies files one after another (one package unzipped at a time), then refuses repeats. A canteen registered
 * by fingerprint is pinned to the key of its first package that verifies: later ones are held to that key.
 */
export async function verifyPackageFiles(
  files: readonly PackageFile[],
  keyOf: KeyLookup,
  known: readonly KnownPackage[] = [],
  onFile: (index: number, file: PackageFile) => void = () => {},
): Promise<{ files: VerifiedFile[]; pins: PinnedKey[] }> {
  const verified: VerifiedFile[] = [];
  const pinned = new Map<string, string>();
  const pins: PinnedKey[] = [];
  for (const [index, file] of files.entries()) {
    onFile(index, file);
    const { pin, ...result } = await verifyPackageFile(file, keyOf, pinned);
    if (pin) {
      pinned.set(slotOfPin(pin), pin.key);
      pins.push(pin);
    }
    verified.push(result);
  }
  return { files: refuseRepeats(verified, known), pins };
}
