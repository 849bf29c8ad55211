// Claim package files as the office receives them: each checked by readClaimPackage against the key the
// office registered for the canteen that the package names. Used by the office's import and by
// `canteen claims verify`, so both refuse the same files for the same reasons.
import { unzipSync } from 'fflate';
import { readClaimPackage, type PackageProblem, type ReadOptions } from '../claims/claim-package';
import type { Claim, Manifest } from '../claims/claim-schema';

export type PackageFile = { name: string; bytes: Uint8Array };

export type RegisteredKey = NonNullable<ReadOptions['registeredKey']>;

/**
 * undefined: the canteen is not registered; null: no registry at all (only the package's own consistency is
 * checked). A list: every key the canteen has registered, newest first; each verifies the months it signed.
 */
export type KeyLookup = (canteenCode: string) => RegisteredKey | readonly RegisteredKey[] | undefined | null;

export type OfficeProblem = { code: PackageProblem['code'] | 'unregistered' | 'already'; message: string };

/** A package the office already holds, as far as telling a repeat from a conflict needs. */
export type KnownPackage = { id: string; canteenCode: string; month: string; revision: number };

export type VerifiedFile =
  | { fileName: string; ok: true; id: string; claim: Claim; manifest: Manifest; bytes: Uint8Array }
  | { fileName: string; ok: false; problem: OfficeProblem; canteenCode?: string };

type ClaimedManifest = { canteenCode?: unknown; publicKey?: { key?: unknown; fingerprint?: unknown } };

/** What the manifest claims, read before anything is verified, to find the key to verify with. */
function claimedManifest(bytes: Uint8Array): ClaimedManifest | undefined {
  try {
    const manifest = unzipSync(bytes, { filter: (file) => file.name === 'manifest.json' })['manifest.json'];
    return manifest && (JSON.parse(new TextDecoder().decode(manifest)) as ClaimedManifest);
  } catch {
    return undefined;
  }
}

/** The canteen code the manifest claims, read before anything is verified, to find the key to verify with. */
export function manifestCanteenCode(bytes: Uint8Array): string | undefined {
  const code = claimedManifest(bytes)?.canteenCode;
  return typeof code === 'string' ? code : undefined;
}

/** Of a canteen's registered keys, the one the package says it was signed with (it is then verified); else the newest. */
function keyFor(bytes: Uint8Array, keys: RegisteredKey | readonly RegisteredKey[]): RegisteredKey {
  if (!Array.isArray(keys)) return keys as RegisteredKey;
  const claimed = claimedManifest(bytes)?.publicKey;
  const plain = (text: unknown) => String(text ?? '').replace(/[\s:-]/g, '').toUpperCase();
  const match = keys.find((key) => (key.key ? key.key === claimed?.key : !!key.fingerprint && plain(key.fingerprint) === plain(claimed?.fingerprint)));
  return match ?? keys[0]!;
}

export async function verifyPackageFile(file: PackageFile, keyOf: KeyLookup): Promise<VerifiedFile> {
  const code = manifestCanteenCode(file.bytes);
  const registeredKey = code === undefined ? null : keyOf(code);
  if (registeredKey === undefined) {
    return { fileName: file.name, ok: false, canteenCode: code, problem: { code: 'unregistered', message: `食堂编号 ${code} 尚未在街道登记：请先登记该食堂及其公钥，再导入` } };
  }
  const read = await readClaimPackage(file.bytes, registeredKey ? { registeredKey: keyFor(file.bytes, registeredKey) } : {});
  if (!read.ok) return { fileName: file.name, ok: false, problem: read.problem, ...(code ? { canteenCode: code } : {}) };
  return { fileName: file.name, ok: true, id: read.manifestSha256, claim: read.claim, manifest: read.manifest, bytes: file.bytes };
}

/**
 * Refuses, among verified files, a package already held (or met earlier in the list), or another package
 * under a canteen, month and revision already held: a correction is a new revision.
 */
export function refuseRepeats(verified: readonly VerifiedFile[], known: readonly KnownPackage[] = []): VerifiedFile[] {
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

/** Verifies files one after another (one package unzipped at a time), then refuses repeats. */
export async function verifyPackageFiles(files: readonly PackageFile[], keyOf: KeyLookup, known: readonly KnownPackage[] = [], onFile: (index: number, file: PackageFile) => void = () => {}): Promise<VerifiedFile[]> {
  const verified: VerifiedFile[] = [];
  for (const [index, file] of files.entries()) {
    onFile(index, file);
    verified.push(await verifyPackageFile(file, keyOf));
  }
  return refuseRepeats(verified, known);
}
