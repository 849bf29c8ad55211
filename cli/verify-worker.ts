// One of the threads cli/verify-in-workers.ts starts. `read`: a package checked by readClaimPackage (the whole
// check: zip, key, signature, hashes, claim, totals, tables). Without `review` the claim goes back whole, as JSON
// text: parsing that costs the main thread a third of what copying the objects across would (a month of 10,000
// lines: about 100 ms against 300 ms to deserialize), and it is the same claim. With `review` the package's own
// review is made here (reviewOwn), and only what the main thread needs goes back: the claim without its lines,
// the flags, the office's amounts, where each elder's lines are, and the flagged lines; the claim stays here
// for `lines`, the lines of elders seen at other canteens too.
import { parentPort } from 'node:worker_threads';
import { readClaimPackage, type ReadOptions } from '../shared/claims/claim-package';
import type { Claim, ClaimLine } from '../shared/claims/claim-schema';
import { usePlatformAsciiDecoder } from '../shared/files/json-bytes';
import { usePlatformInflater } from '../shared/files/zip-reader';
import { usePlatformHasher } from '../shared/ledger/chain';
import type { OfficeRoster } from '../shared/office/line-flags';
import { claimPricing, policyRegistry } from '../shared/office/recompute';
import { reviewOwn, type ClaimHeader, type OwnReview } from '../shared/office/review';
import type { IssuedPolicy } from '../shared/policy/issued-policy';
import { nodeSha256 } from './node-hash';
import { nodeAscii } from './node-ascii';
import { nodeInflate } from './node-inflate';

export type ReviewContext = { policies?: readonly IssuedPolicy[]; roster?: OfficeRoster };
export type WorkerTask =
  | { id: number; kind: 'setup'; review: ReviewContext }
  | { id: number; kind: 'read'; bytes: Uint8Array; options: ReadOptions; review: boolean }
  | { id: number; kind: 'lines'; read: number; indices: readonly number[] };
type Refused = { ok: false; problem: unknown; manifest?: unknown };
type Read = { ok: true; manifest: unknown; manifestSha256: string; fingerprint: string };
export type WorkerReply = { id: number } & (
  | (Read & { claimJson: string })
  | (Read & { header: ClaimHeader; own: OwnReview; flaggedLines: Map<number, ClaimLine> })
  | Refused
  | { lines: ClaimLine[] }
  | { ready: true }
  | { error: string }
);

usePlatformInflater(nodeInflate);
usePlatformAsciiDecoder(nodeAscii);
usePlatformHasher(nodeSha256);

/** Claims read with `review`, by the read task's id, for `lines`. */
const held = new Map<number, Claim>();
/** What `setup` gave: the policies the office issued and its roster, for every review. */
let context: { roster?: OfficeRoster; policies?: ReturnType<typeof policyRegistry> } = {};

async function answer(task: WorkerTask): Promise<WorkerReply> {
  const { id } = task;
  if (task.kind === 'setup') {
    context = { roster: task.review.roster, policies: task.review.policies && policyRegistry(task.review.policies) };
    return { id, ready: true };
  }
  if (task.kind === 'lines') {
    const claim = held.get(task.read)!;
    return { id, lines: task.indices.map((index) => claim.lines[index]!) };
  }
  const read = await readClaimPackage(task.bytes, task.options);
  if (!read.ok) return { id, ok: false, problem: read.problem, ...(read.manifest ? { manifest: read.manifest } : {}) };
  const verdict = { ok: true as const, manifest: read.manifest, manifestSha256: read.manifestSha256, fingerprint: read.fingerprint };
  if (!task.review) return { id, ...verdict, claimJson: JSON.stringify(read.claim) };
  const own = reviewOwn(read.claim, claimPricing(read.claim, context.policies), context);
  held.set(id, read.claim);
  const { lines, adjustments: _adjustments, ...header } = read.claim;
  return { id, ...verdict, header, own, flaggedLines: new Map([...own.flags.keys()].map((index) => [index, lines[index]!])) };
}

parentPort!.on('message', (task: WorkerTask) => {
  answer(task).then(
    (reply) => parentPort!.postMessage(reply),
    (error: unknown) => parentPort!.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
