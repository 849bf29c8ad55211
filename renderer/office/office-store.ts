// The one office store the 街道 page's panels use, whichever place keeps it (设置 → 街道数据存放): this PC's
// IndexedDB (renderer/db/office-repository.ts, the default), or a PostgreSQL server that several office PCs
// share, which the shell holds and answers with postgres/office-store.ts. Both verify and review with the same
// shared code (shared/office); nothing of the office store's logic is written again here.
import { liveQuery } from 'dexie';
import type { Bridge } from '../../shared/bridge';
import { toBase64 } from '../../shared/claims/signing';
import { decisionKey, type Decision, type MonthSummary, type Verdict } from '../../shared/office/approval';
import { OfficeInputError, type CanteenRegistrationInput } from '../../shared/office/canteen-registration';
import type { OfficeRosterPerson } from '../../shared/office/line-flags';
import type { ImportedFile, IssuedPolicyView, MoveReportWire, OfficeStoreAnswers, OfficeStoreRequest, OfficeStoreStatus, RegisteredCanteenView } from '../../shared/office/office-store-wire';
import type { PackageReview } from '../../shared/office/review';
import type { PackageFile } from '../../shared/office/verify-files';
import type { OfficeDB } from '../db/office-db';
import * as local from '../db/office-repository';
import { officeSnapshot } from '../db/office-snapshot';

export type MonthOverview = { reviews: PackageReview[]; decisions: ReadonlyMap<string, Decision>; summary: MonthSummary };

export interface OfficeStore {
  /** 'postgres': shared with the office's other PCs, so what the page shows is read again now and then. */
  readonly kind: 'local' | 'postgres';
  canteens(): Promise<RegisteredCanteenView[]>;
  registerCanteen(input: CanteenRegistrationInput, by: string): Promise<RegisteredCanteenView>;
  /** Verifies and keeps the files that pass; `onStep` tells the progress. */
  importPackageFiles(files: readonly PackageFile[], by: string, onStep: (text: string) => void): Promise<ImportedFile[]>;
  months(): Promise<string[]>;
  monthOverview(month: string): Promise<MonthOverview>;
  decide(input: { packageId: string; mealId: string; verdict: Verdict; note: string; by: string; approvedFen?: number }): Promise<void>;
  acceptRevision(input: { packageId: string; note: string; by: string }): Promise<void>;
  /** Newest first, as the panel lists them. */
  issuedPolicies(): Promise<IssuedPolicyView[]>;
  issuePolicy(text: string, source: 'file' | 'editor', fileName: string | undefined, by: string): Promise<{ record: IssuedPolicyView; alreadyIssued: boolean }>;
  rosterCount(): Promise<number>;
  replaceRoster(people: readonly OfficeRosterPerson[], by: string): Promise<void>;
  /** Calls onValue with the query's answer now and whenever it may have changed; returns the unsubscribe. */
  watch<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (message: string) => void): () => void;
}

const importedOf = (file: Awaited<ReturnType<typeof local.importPackageFiles>>['files'][number]): ImportedFile =>
  file.ok
    ? { fileName: file.fileName, ok: true, canteenName: file.claim.canteen.name, month: file.claim.month, revision: file.claim.revision, meals: file.claim.totals.meals, netClaimFen: file.claim.totals.netClaimFen }
    : { fileName: file.fileName, ok: false, message: file.problem.message };

/** This PC's own store, as today: IndexedDB, live (a change shows at once, in this window and the others). */
export function indexedDbOfficeStore(db: OfficeDB): OfficeStore {
  return {
    kind: 'local',
    canteens: () => db.canteens.orderBy('code').toArray(),
    registerCanteen: (input) => local.registerCanteen(db, input),
    importPackageFiles: async (files, _by, onStep) => (await local.importPackageFiles(db, files, onStep)).files.map(importedOf),
    months: () => local.months(db),
    monthOverview: (month) => local.monthOverview(db, month),
    decide: (input) => local.decide(db, input),
    acceptRevision: (input) => local.acceptRevision(db, input),
    issuedPolicies: () => db.issuedPolicies.orderBy('issuedAt').reverse().toArray(),
    issuePolicy: (text, source, fileName) => local.issuePolicy(db, text, source, fileName),
    rosterCount: () => db.roster.count(),
    replaceRoster: (people) => local.replaceRoster(db, people),
    watch: (query, onValue, onError) => {
      const subscription = liveQuery(query).subscribe({ next: onValue, error: (error: unknown) => onError(error instanceof Error ? error.message : String(error)) });
      return () => subscription.unsubscribe();
    },
  };
}

/** How often a page on a shared store reads again what other office PCs may have changed (and on focus). */
export const SHARED_REFRESH_MS = 5000;

/**
 * The office's PostgreSQL store, through the shell, which holds the connection and answers each call. Other PCs'
 * changes: one small question every `refreshMs` (and when the window gets the focus) for the store's version
 * token; the panels read again only when it changed. This PC's own writes show at once.
 */
export function bridgeOfficeStore(
  bridge: Pick<Bridge, 'officeStoreCall'>,
  refreshMs = SHARED_REFRESH_MS,
  // The page's window (whose focus asks at once); a test's own stand-in.
  focus: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = globalThis as unknown as EventTarget,
): OfficeStore {
  const changed = new Set<() => void>();
  let seen: string | undefined;
  let asking = false;
  const version = async () => {
    const result = await bridge.officeStoreCall({ op: 'version' });
    // A server that stopped answering: the panels read again, and say why they cannot.
    return result.ok ? (result.value as string) : `!${result.message}`;
  };
  const poll = async () => {
    if (asking || !changed.size) return;
    asking = true;
    try {
      const now = await version();
      if (now === seen) return;
      seen = now;
      for (const listener of changed) listener();
    } finally {
      asking = false;
    }
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const onFocus = () => void poll();
  const follow = (listener: () => void) => {
    changed.add(listener);
    if (changed.size === 1) {
      timer = setInterval(() => void poll(), refreshMs);
      focus.addEventListener('focus', onFocus);
    }
    return () => {
      changed.delete(listener);
      if (!changed.size) {
        clearInterval(timer);
        focus.removeEventListener('focus', onFocus);
      }
    };
  };
  const call = async <K extends OfficeStoreRequest['op']>(request: Extract<OfficeStoreRequest, { op: K }>): Promise<OfficeStoreAnswers[K]> => {
    const result = await bridge.officeStoreCall(request);
    if (!result.ok) throw new OfficeInputError(result.message);
    return result.value as OfficeStoreAnswers[K];
  };
  // A write here shows at once; one at another PC at the next round.
  const write = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      for (const listener of changed) listener();
    }
  };
  return {
    kind: 'postgres',
    canteens: () => call({ op: 'canteens' }),
    registerCanteen: (input, by) => write(call({ op: 'registerCanteen', input, by })),
    importPackageFiles: async (files, by, onStep) => {
      const results: ImportedFile[] = [];
      try {
        // One file a call: the progress is the page's, and a city's import never travels as one message.
        for (const [index, file] of files.entries()) {
          onStep(`正在核验并保存 ${index + 1}/${files.length}：${file.name}`);
          results.push(await call({ op: 'importPackage', file: { name: file.name, bytesBase64: toBase64(file.bytes) }, by }));
        }
      } finally {
        for (const listener of changed) listener();
      }
      return results;
    },
    months: () => call({ op: 'months' }),
    monthOverview: async (month) => {
      const { reviews, decisions, summary } = await call({ op: 'monthOverview', month });
      return { reviews, summary, decisions: new Map(decisions.map((decision) => [decisionKey(decision.packageId, decision.mealId), decision])) };
    },
    decide: (input) => write(call({ op: 'decide', ...input }).then(() => undefined)),
    acceptRevision: (input) => write(call({ op: 'acceptRevision', ...input }).then(() => undefined)),
    issuedPolicies: async () => (await call({ op: 'issuedPolicies' })).reverse(),
    issuePolicy: (text, source, fileName, by) => write(call({ op: 'issuePolicy', text, source, by, ...(fileName ? { fileName } : {}) })),
    rosterCount: () => call({ op: 'rosterCount' }),
    replaceRoster: (people, by) => write(call({ op: 'replaceRoster', people: [...people], by }).then(() => undefined)),
    watch: (query, onValue, onError) => {
      let stopped = false;
      let running = false;
      let again = false;
      const run = async (): Promise<void> => {
        if (stopped) return;
        // A change told while a read is under way may have come after it began: read once more after it.
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          const value = await query();
          if (!stopped) onValue(value);
        } catch (error) {
          if (!stopped) onError(error instanceof Error ? error.message : String(error));
        } finally {
          running = false;
        }
        if (again) {
          again = false;
          return run();
        }
      };
      // The token first, then the first read: a change after the token is told by the next one.
      void (async () => {
        if (seen === undefined) seen = await version().catch(() => undefined);
        await run();
      })();
      const unfollow = follow(() => void run());
      return () => {
        stopped = true;
        unfollow();
      };
    },
  };
}

/** The store as 设置 chose it; the shell's answer names no password. */
export function officeStoreFor(status: OfficeStoreStatus, db: OfficeDB, bridge: Pick<Bridge, 'officeStoreCall'>): OfficeStore {
  return status.mode === 'postgres' ? bridgeOfficeStore(bridge) : indexedDbOfficeStore(db);
}

/** What this PC's IndexedDB store holds, to offer the move up when there is anything. */
export async function localHoldings(db: OfficeDB): Promise<{ canteens: number; packages: number; decisions: number; roster: number }> {
  return { canteens: await db.canteens.count(), packages: await db.packages.count(), decisions: await db.decisions.count(), roster: await db.roster.count() };
}

/** Moves this PC's IndexedDB store into the PostgreSQL store the shell holds; the shell verifies and checks it after. */
export async function moveUp(db: OfficeDB, bridge: Pick<Bridge, 'officeStoreCall'>, by: string, onStep: (text: string) => void): Promise<MoveReportWire> {
  onStep('正在读取本机数据');
  const snapshot = await officeSnapshot(db);
  onStep(`正在迁入并逐个核验 ${snapshot.packages.length} 个申报包、${snapshot.decisions.length} 条审核决定`);
  const result = await bridge.officeStoreCall({ op: 'move', snapshot, by });
  if (!result.ok) throw new OfficeInputError(result.message);
  return result.value as MoveReportWire;
}
