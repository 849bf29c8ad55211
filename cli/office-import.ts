// `canteen office import` of many packages: each package verified, and what storing it sends made, in a worker
// thread (cli/office-import-worker.ts) a few packages ahead, while the main thread stores the package before in
// its transaction. Verifying a month of 10,000 lines costs the CPU about twice what PostgreSQL spends storing it;
// one after the other, a core sat idle half the time. Same verdicts, in the same order, as importPackageFiles
// one file at a time (postgres/office-store.ts): the registered keys and the packages held are read again before
// each file is stored (another office PC may register or import meanwhile), a file whose key changed since its
// worker read it is verified again here, and its own findings are used only while the roster and the issued
// versions are as the workers were given them, else judged again in the storing transaction.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { PackageProblem, ReadPackage } from '../shared/claims/claim-package';
import type { Manifest } from '../shared/claims/claim-schema';
import { chinaIsoFromEpochMs } from '../shared/china-time';
import { chooseKey, keyToRead, settleFile, type ChosenKey, type KeyChoice, type PackageFile, type VerifiedFile } from '../shared/office/verify-files';
import type { IssuedPolicy } from '../shared/policy/issued-policy';
import {
  hasRoster,
  importPackageFiles,
  issuedOf,
  knownPackages,
  registeredKeys,
  requireBy,
  rosterOf,
  storeChecked,
  type OfficeStore,
  type StoredHeader,
} from '../postgres/office-store';
import type { ImportReply, ImportTask } from './office-import-worker';
import { workerScript } from './worker-bundle';
import { worthWorkers } from './verify-in-workers';
import { WorkerPool } from './worker-pool';

/** A file's outcome, as the command line prints it. */
export type ImportedFile = { file: VerifiedFile<StoredHeader>; lines: number; counted: 'imported' | 'held' | 'refused' };

type Task = ImportTask extends infer T ? (T extends ImportTask ? Omit<T, 'id'> : never) : never;
type Read = ImportReply & { ok: boolean };

/** The worker's code bundled and kept (cli/worker-bundle.ts). */
export const importWorkerSource = (): Promise<string> => workerScript(new URL('./office-import-worker.ts', import.meta.url));

const sameKey = (a: ChosenKey, b: ChosenKey) => JSON.stringify(keyToRead(a, undefined)) === JSON.stringify(keyToRead(b, undefined));

/** Issued versions the same (by hash and when issued, in order): findings judged against one hold for the other. */
const samePolicies = (a: readonly IssuedPolicy[] | undefined, b: readonly IssuedPolicy[] | undefined) =>
  JSON.stringify(a?.map((entry) => [entry.hash, entry.issuedAt])) === JSON.stringify(b?.map((entry) => [entry.hash, entry.issuedAt]));

/**
 * Imports these files in order with `threads` workers reading up to `ahead` files beyond the one being stored;
 * `onFile` is told each file's outcome in order, as it is stored (awaited before the next is stored).
 */
export async function importPathsInWorkers(
  store: OfficeStore,
  paths: readonly string[],
  by: string,
  nowMs: number,
  onFile: (index: number, outcome: ImportedFile) => void | Promise<void>,
  { threads = 2, ahead = threads + 1 }: { threads?: number; ahead?: number } = {},
): Promise<void> {
  const who = requireBy(by);
  const importedAt = chinaIsoFromEpochMs(nowMs);
  const source = importWorkerSource();
  // What the workers judge each package's own findings against, read once; checked again as each is stored.
  const client = await store.pool.connect();
  let setup: { policies: IssuedPolicy[] | undefined; judge: boolean };
  try {
    setup = { policies: await issuedOf(client), judge: !(await hasRoster(client)) };
  } finally {
    client.release();
  }
  const workers = new WorkerPool<Task, ImportReply>(Math.max(1, Math.min(threads, paths.length)), await source);
  try {
    await workers.all({ kind: 'setup', ...setup });
    let registered = await registeredKeys(store);
    const dispatched: Promise<{ file: PackageFile; early: KeyChoice; reading?: Promise<[ImportReply, Worker]> }>[] = [];
    const dispatch = (index: number) => {
      if (index >= paths.length || dispatched[index]) return;
      const file: PackageFile = { name: basename(paths[index]!), bytes: new Uint8Array(readFileSync(paths[index]!)) };
      const keys = registered;
      dispatched[index] = chooseKey(file, (code) => keys.get(code)).then((early) => {
        if (early.refused) return { file, early };
        const reading = workers.run({ kind: 'read', bytes: file.bytes, options: keyToRead(early, undefined) });
        reading.catch(() => {}); // awaited in order below
        return { file, early, reading };
      });
    };
    for (let index = 0; index < paths.length; index++) {
      for (let next = index; next <= index + ahead; next++) dispatch(next);
      const { file, early, reading } = await dispatched[index]!;
      const [reply, worker] = reading ? await reading : [undefined, undefined];
      try {
        // As a lone import of this file would: the keys and packages as they are now.
        registered = await registeredKeys(store);
        const keyOf = (code: string) => registered.get(code);
        const choice = await chooseKey(file, keyOf);
        const read = reply as Read | undefined;
        if (choice.refused) {
          await onFile(index, { file: choice.refused, lines: 0, counted: 'refused' });
          continue;
        }
        // The worker's reading stands when it was read with the key chosen now, or read by fingerprint and
        // verified with the very key pinned since (every check then comes out the same); else it is read here.
        const usable =
          read &&
          !early.refused &&
          (sameKey(early, choice) || (!!early.slot && !!read.ok && !!choice.registeredKey?.key && (read as { manifest: Manifest }).manifest.publicKey.key === choice.registeredKey.key));
        if (!usable) {
          const result = await importPackageFiles(store, [file], who, () => undefined, nowMs);
          const outcome = result.files[0]!;
          await onFile(index, { file: outcome, lines: outcome.ok ? outcome.claim.lines.length : 0, counted: result.imported ? 'imported' : result.alreadyHeld ? 'held' : 'refused' });
          continue;
        }
        const settled = settleFile(file, choice, undefined, readOf(read));
        const lines = read.ok ? (read as Extract<ImportReply, { lines: unknown }>).lines : undefined;
        const outcome = await storeChecked(store, settled, await knownPackages(store), importedAt, who, () => {
          const ok = read as Extract<ImportReply, { lines: unknown }>;
          return {
            lines: ok.lines,
            findings: async (transaction, policies) => {
              if (ok.findings !== undefined && samePolicies(policies, setup.policies) && !(await hasRoster(transaction))) return ok.findings;
              const roster = await rosterOf(transaction, ok.rosterIds);
              return ((await workers.ask(worker!, { kind: 'judge', read: reply!.id, roster, policies })) as { findings: string }).findings;
            },
          };
        });
        await onFile(index, { file: outcome.file, lines: lines?.count ?? 0, counted: outcome.counted });
      } finally {
        if (reply && 'ok' in reply && reply.ok) await workers.ask(worker!, { kind: 'drop', read: reply.id });
      }
    }
  } finally {
    await workers.close();
  }
}

/** A worker's reading as readClaimPackage's answer, the claim as its header. */
function readOf(reply: Read): ReadPackage<StoredHeader> {
  if (!reply.ok) {
    const refused = reply as { problem: unknown; manifest?: unknown };
    return { ok: false, problem: refused.problem as PackageProblem, ...(refused.manifest ? { manifest: refused.manifest as Manifest } : {}) };
  }
  const ok = reply as Extract<ImportReply, { header: unknown }>;
  return { ok: true, claim: ok.header, manifest: ok.manifest as Manifest, manifestSha256: ok.manifestSha256, fingerprint: ok.fingerprint };
}

/**
 * How many workers, 0 for none: two when they pay for themselves (starting one costs about half a second of CPU,
 * verifying a package of a month of 10,000 meals, about 1.35 MB, some 0.8 s; a few small packages are stored
 * sooner one after the other). CANTEEN_IMPORT_WORKERS=<n> decides it (tests; a machine shared with other work).
 */
export function importWorkers(paths: readonly string[]): number {
  const forced = process.env.CANTEEN_IMPORT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced);
  return worthWorkers(paths.map((path) => statSync(path).size)) ? 2 : 0;
}
