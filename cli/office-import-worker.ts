// One of the threads cli/office-import.ts starts for `canteen office import`. `read`: a package checked by
// readClaimPackage (the whole check), and what storing it sends to PostgreSQL made here (postgres/office-prepare.ts):
// the lines as JSON text and their keys as array literals, the package's own findings when the office had no
// roster (judged against the versions the office issued, given at setup), the elders' ID numbers for a roster.
// What goes back is text ready for the query, not a claim to parse again; the claim stays here until `drop`,
// for `judge` (its findings judged again in the storing transaction, against the roster and versions then).
import { parentPort } from 'node:worker_threads';
import { readClaimPackage, type ReadOptions } from '../shared/claims/claim-package';
import type { Claim } from '../shared/claims/claim-schema';
import { usePlatformAsciiDecoder } from '../shared/files/json-bytes';
import { usePlatformInflater } from '../shared/files/zip-reader';
import { usePlatformHasher } from '../shared/ledger/chain';
import type { OfficeRoster } from '../shared/office/line-flags';
import type { IssuedPolicy } from '../shared/policy/issued-policy';
import { ownFindingsOf, prepareLines, rosterIdsOf, transferablesOf, type PreparedLines } from '../postgres/office-prepare';
import { nodeSha256 } from './node-hash';
import { nodeAscii } from './node-ascii';
import { nodeInflate } from './node-inflate';

export type ImportTask =
  | { id: number; kind: 'setup'; policies: readonly IssuedPolicy[] | undefined; judge: boolean }
  | { id: number; kind: 'read'; bytes: Uint8Array; options: ReadOptions }
  | { id: number; kind: 'judge'; read: number; roster: OfficeRoster | undefined; policies: readonly IssuedPolicy[] | undefined }
  | { id: number; kind: 'drop'; read: number };

export type ImportRead =
  | { ok: false; problem: unknown; manifest?: unknown }
  | {
      ok: true;
      manifest: unknown;
      manifestSha256: string;
      fingerprint: string;
      /** The claim without its lines, as office_packages keeps it. */
      header: Omit<Claim, 'lines'>;
      lines: PreparedLines;
      rosterIds: string[];
      /** The package's own findings as JSON, judged without a roster against the setup's versions (setup `judge`). */
      findings?: string;
    };

export type ImportReply = { id: number } & (ImportRead | { findings: string } | { done: true } | { error: string });

usePlatformInflater(nodeInflate);
usePlatformAsciiDecoder(nodeAscii);
usePlatformHasher(nodeSha256);

/** Claims read, by the read task's id, with their package id, until `drop`. */
const held = new Map<number, { packageId: string; claim: Claim }>();
let setup: { policies: readonly IssuedPolicy[] | undefined; judge: boolean } = { policies: undefined, judge: false };

async function answer(task: ImportTask): Promise<ImportReply> {
  const { id } = task;
  if (task.kind === 'setup') {
    setup = { policies: task.policies, judge: task.judge };
    return { id, done: true };
  }
  if (task.kind === 'drop') {
    held.delete(task.read);
    return { id, done: true };
  }
  if (task.kind === 'judge') {
    const { packageId, claim } = held.get(task.read)!;
    return { id, findings: JSON.stringify(ownFindingsOf(packageId, claim, task.roster, task.policies)) };
  }
  const result = await readClaimPackage(task.bytes, task.options);
  if (!result.ok) return { id, ok: false, problem: result.problem, ...(result.manifest ? { manifest: result.manifest } : {}) };
  const { claim } = result;
  held.set(id, { packageId: result.manifestSha256, claim });
  const { lines: _lines, ...header } = claim;
  return {
    id,
    ok: true,
    manifest: result.manifest,
    manifestSha256: result.manifestSha256,
    fingerprint: result.fingerprint,
    header,
    lines: prepareLines(claim),
    rosterIds: rosterIdsOf(claim.lines),
    ...(setup.judge ? { findings: JSON.stringify(ownFindingsOf(result.manifestSha256, claim, undefined, setup.policies)) } : {}),
  };
}

parentPort!.on('message', (task: ImportTask) => {
  answer(task).then(
    // The lines' JSON (some 10 MB a package) is handed over, not copied: copying it cost both threads 0.2-0.4 s.
    (reply) => parentPort!.postMessage(reply, 'lines' in reply ? transferablesOf(reply.lines) : []),
    (error: unknown) => parentPort!.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
