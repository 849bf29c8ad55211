// The office's check of many packages on several threads (worker threads running cli/verify-worker.ts), one
// package per worker at a time, as many workers as the machine runs threads at once:
//   verifyFilesInWorkers   what verifyPackageFiles (shared/office/verify-files.ts) gives, claims whole;
//   checkFilesInWorkers    what checkPackages gives the command line: each package's own review made in the
//                          worker that read it, the review across packages here, the claims' lines left in
//                          the workers but for those the review and the findings need.
// Same arguments, same results, in the same order: keys are chosen here, verdicts settled here in the files'
// order (a canteen registered by fingerprint is pinned to the key of its first package that verifies, as
// serially), repeats refused afterwards, and the reviews made by the same code (shared/office/review.ts).
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { readClaimPackage, type PackageProblem, type ReadPackage } from '../shared/claims/claim-package';
import type { Claim, ClaimLine, Manifest } from '../shared/claims/claim-schema';
import type { OfficeRoster } from '../shared/office/line-flags';
import { claimPricing, policyRegistry } from '../shared/office/recompute';
import { acrossPackages, reviewAcross, reviewOwn, revisions, type ClaimHeader, type OwnReview, type PackageReview } from '../shared/office/review';
import {
  chooseKey,
  keyToRead,
  refuseRepeats,
  settleFile,
  slotOfPin,
  type ChosenKey,
  type KeyChoice,
  type KeyLookup,
  type KnownPackage,
  type PackageFile,
  type PinnedKey,
  type VerifiedFile,
} from '../shared/office/verify-files';
import type { IssuedPolicy } from '../shared/policy/issued-policy';
import type { ReviewContext, WorkerReply, WorkerTask } from './verify-worker';
import { workerScript } from './worker-bundle';
import { WorkerPool } from './worker-pool';

type Options = {
  keyOf: KeyLookup;
  known?: readonly KnownPackage[];
  onFile?: (index: number, file: PackageFile) => void;
  threads?: number;
  /** workerSource(), started early by a caller with other work to do meanwhile (bundling takes a few hundred ms). */
  source?: Promise<string>;
};
type Task = WorkerTask extends infer T ? (T extends WorkerTask ? Omit<T, 'id'> : never) : never;

/** How many workers: one per thread the machine runs at once, no more than there are files. */
export const workerCount = (files: number) => Math.max(1, Math.min(availableParallelism(), files));

/**
 * Whether workers pay for themselves: a worker costs 0.4-0.8 s of CPU to start, a month of 10,000 meals (a
 * package of about 1.35 MB) about half a second to check; a few small packages are checked sooner on one thread.
 */
export const worthWorkers = (fileBytes: readonly number[]) =>
  fileBytes.length > 1 && workerCount(fileBytes.length) > 1 && fileBytes.reduce((sum, bytes) => sum + bytes, 0) >= 4 * 1024 * 1024;

/** Workers, each given one task at a time from a queue (run), or a task of its own (ask). */
class Pool extends WorkerPool<Task, WorkerReply> {}

/** The worker's code: cli/verify-worker.ts and what it imports, bundled and kept (cli/worker-bundle.ts). */
export const workerSource = (): Promise<string> => workerScript(new URL('./verify-worker.ts', import.meta.url));

const refusedRead = (reply: { problem: unknown; manifest?: unknown }): ReadPackage<never> => ({
  ok: false,
  problem: reply.problem as PackageProblem,
  ...(reply.manifest ? { manifest: reply.manifest as Manifest } : {}),
});

/**
 * Reads every file in the pool and settles the verdicts in the files' order (pins as verifyPackageFiles makes
 * them). `read` turns a worker's reply into the verdict; `again` reads a file here, against a pinned key, when
 * the worker's reading against the registered fingerprint does not tell (its key is not the pinned one).
 */
async function settleAll<C extends ClaimHeader>(
  files: readonly PackageFile[],
  { keyOf, known = [], onFile = () => {} }: Options,
  pool: Pool,
  task: (file: PackageFile, choice: ChosenKey) => Task,
  read: (reply: WorkerReply, index: number, worker: Worker) => ReadPackage<C>,
  again: (file: PackageFile, choice: ChosenKey, pin: string, index: number) => Promise<ReadPackage<C>>,
): Promise<{ files: VerifiedFile<C>[]; pins: PinnedKey[] }> {
  const choices: KeyChoice[] = [];
  for (const file of files) choices.push(await chooseKey(file, keyOf));
  const reads = files.map((file, index) => {
    const choice = choices[index]!;
    if (choice.refused) return undefined;
    onFile(index, file);
    const reading = pool.run(task(file, choice)).then(([reply, worker]) => read(reply, index, worker));
    // Awaited in order below; one that fails after an earlier failure is not left unhandled.
    reading.catch(() => {});
    return reading;
  });
  const verified: VerifiedFile<C>[] = [];
  const pinned = new Map<string, string>();
  const pins: PinnedKey[] = [];
  for (const [index, file] of files.entries()) {
    const choice = choices[index]!;
    if (choice.refused) {
      verified.push(choice.refused);
      continue;
    }
    let result = await reads[index]!;
    const pin = choice.slot ? pinned.get(choice.slot) : undefined;
    // Read against the registered fingerprint, a package counts as read against the key pinned in that slot
    // only when it carries that very key (then every check comes out the same); otherwise it is read again.
    if (pin && result.manifest?.publicKey.key !== pin) result = await again(file, choice, pin, index);
    const { pin: made, ...settled } = settleFile(file, choice, pin, result);
    if (made) {
      pinned.set(slotOfPin(made), made.key);
      pins.push(made);
    }
    verified.push(settled);
  }
  return { files: refuseRepeats(verified, known), pins };
}

const verdictOf = <C>(reply: WorkerReply, claim: (reply: WorkerReply & { ok: true }) => C): ReadPackage<C> => {
  if (!('ok' in reply)) throw new Error('核验线程的回复不对');
  if (!reply.ok) return refusedRead(reply);
  return { ok: true, claim: claim(reply), manifest: reply.manifest as Manifest, manifestSha256: reply.manifestSha256, fingerprint: reply.fingerprint };
};

/** The files, read and checked in workers: what verifyPackageFiles(files, keyOf, known, onFile) gives. */
export async function verifyFilesInWorkers(files: readonly PackageFile[], options: Options): Promise<{ files: VerifiedFile[]; pins: PinnedKey[] }> {
  const pool = new Pool(Math.min(options.threads ?? workerCount(files.length), files.length) || 1, await (options.source ?? workerSource()));
  try {
    return await settleAll<Claim>(
      files,
      options,
      pool,
      (file, choice) => ({ kind: 'read', bytes: file.bytes, options: keyToRead(choice, undefined), review: false }),
      (reply) => verdictOf(reply, (ok) => JSON.parse((ok as { claimJson: string }).claimJson) as Claim),
      (file, choice, pin) => readClaimPackage(file.bytes, keyToRead(choice, pin)),
    );
  } finally {
    await pool.close();
  }
}

/** The same, from file paths (each read whole). */
export function verifyPathsInWorkers(paths: readonly string[], options: Options): Promise<{ files: VerifiedFile[]; pins: PinnedKey[] }> {
  return verifyFilesInWorkers(
    paths.map((path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) })),
    options,
  );
}

export type CheckedFiles = { files: VerifiedFile<ClaimHeader>[]; reviews: PackageReview[]; pins: PinnedKey[] };

/**
 * What checkPackages({ files, keyOf, policies, roster }) gives, but each accepted file's claim without its lines
 * and adjustments (they stay in the workers); the reviews' findings carry their lines.
 */
export async function checkFilesInWorkers(
  files: readonly PackageFile[],
  { policies, roster, ...options }: Options & { policies?: readonly IssuedPolicy[]; roster?: OfficeRoster },
): Promise<CheckedFiles> {
  const pool = new Pool(Math.min(options.threads ?? workerCount(files.length), files.length) || 1, await (options.source ?? workerSource()));
  try {
    await pool.all({ kind: 'setup', review: { policies, roster } satisfies ReviewContext });
    const registry = policies && policyRegistry(policies);
    // Per file: its own review, its flagged lines, and where the rest of its lines are (a worker, or here).
    const reviewed = new Map<number, { own: OwnReview; lines: Map<number, ClaimLine>; worker?: Worker; readId?: number; claim?: Claim }>();
    const verified = await settleAll<ClaimHeader>(
      files,
      options,
      pool,
      (file, choice) => ({ kind: 'read', bytes: file.bytes, options: keyToRead(choice, undefined), review: true }),
      (reply, index, worker) =>
        verdictOf(reply, (ok) => {
          const { header, own, flaggedLines } = ok as Extract<WorkerReply, { header: ClaimHeader }>;
          reviewed.set(index, { own, lines: flaggedLines, worker, readId: reply.id });
          return header;
        }),
      async (file, choice, pin, index) => {
        const read = await readClaimPackage(file.bytes, keyToRead(choice, pin));
        if (read.ok) {
          const context = { roster, policies: registry };
          reviewed.set(index, { own: reviewOwn(read.claim, claimPricing(read.claim, registry), context), lines: new Map(), claim: read.claim });
        }
        return read;
      },
    );
    const accepted: { id: string; claim: ClaimHeader; index: number }[] = [];
    verified.files.forEach((file, index) => {
      if (file.ok) accepted.push({ id: file.id, claim: file.claim, index });
    });
    if (!accepted.length) return { ...verified, reviews: [] };

    const { current, reviews } = revisions(accepted);
    const own = current.map((entry) => reviewed.get(entry.index)!.own);
    // The lines the review across packages needs: those of elders seen in more than one package.
    const wanted = new Map<number, Set<number>>();
    for (const places of acrossPackages(own).values()) {
      for (const { pkg, index } of places) {
        let indices = wanted.get(pkg);
        if (!indices) wanted.set(pkg, (indices = new Set()));
        indices.add(index);
      }
    }
    await Promise.all(
      [...wanted].map(async ([pkg, indices]) => {
        const entry = reviewed.get(current[pkg]!.index)!;
        const list = [...indices].filter((index) => !entry.lines.has(index));
        const lines = entry.claim
          ? list.map((index) => entry.claim!.lines[index]!)
          : ((await pool.ask(entry.worker!, { kind: 'lines', read: entry.readId!, indices: list })) as { lines: ClaimLine[] }).lines;
        list.forEach((index, i) => entry.lines.set(index, lines[i]!));
      }),
    );
    const pricings = current.map((entry) => claimPricing(entry.claim, registry));
    const lineAt = ({ pkg, index }: { pkg: number; index: number }) => reviewed.get(current[pkg]!.index)!.lines.get(index)!;
    return { ...verified, reviews: reviewAcross(accepted, { current, reviews, pricings, own, lineAt }, { roster, policies: registry }) };
  } finally {
    await pool.close();
  }
}
