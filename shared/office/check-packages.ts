// The office's whole check in one call, for every store that keeps the office's books (the 街道 page's own
// database, `canteen claims verify`, a server): package bytes in; with the registered keys, the policy
// versions the office issued and its roster, the verdict on each file, the reviews of the months concerned,
// and the keys learnt for canteens registered by fingerprint. Nothing here reads or writes a store.
import type { IssuedPolicy } from '../policy/issued-policy';
import type { OfficeRoster } from './line-flags';
import { policyRegistry } from './recompute';
import { reviewPackages, type PackageInput, type PackageReview } from './review';
import { verifyPackageFiles, type KeyLookup, type KnownPackage, type PackageFile, type PinnedKey, type VerifiedFile } from './verify-files';

export type OfficeCheckInput = {
  files: readonly PackageFile[];
  /** The key (or fingerprint) registered for a canteen code; null: no registry, only each package's own signature. */
  keyOf: KeyLookup;
  /** The policy versions the office issued; absent: lines are priced by the versions each package embeds. */
  policies?: readonly IssuedPolicy[];
  roster?: OfficeRoster;
  /** What the office already holds: repeats are refused against it. */
  known?: readonly KnownPackage[];
  /** The packages already held for these months, verified when they came: reviewed again with the new ones. */
  heldFor?: (months: readonly string[]) => Promise<readonly PackageInput[]>;
  onFile?: (index: number, file: PackageFile) => void;
};

export type OfficeCheckResult = {
  files: VerifiedFile[];
  /** Every package of the months the accepted files belong to, held ones included. */
  reviews: PackageReview[];
  pins: PinnedKey[];
};

export async function checkPackages(input: OfficeCheckInput): Promise<OfficeCheckResult> {
  const { files, pins } = await verifyPackageFiles(input.files, input.keyOf, input.known, input.onFile);
  const accepted = files.flatMap((file) => (file.ok ? [{ id: file.id, claim: file.claim }] : []));
  if (!accepted.length) return { files, reviews: [], pins };
  const held = input.heldFor ? await input.heldFor([...new Set(accepted.map((entry) => entry.claim.month))]) : [];
  const reviews = reviewPackages([...held, ...accepted], { roster: input.roster, policies: input.policies && policyRegistry(input.policies) });
  return { files, reviews, pins };
}

/** The reviews of packages already held, against the current policies and roster (after either changed). */
export function reviewHeld(packages: readonly PackageInput[], options: Pick<OfficeCheckInput, 'policies' | 'roster'>): PackageReview[] {
  return reviewPackages(packages, { roster: options.roster, policies: options.policies && policyRegistry(options.policies) });
}
