// The books and their journal (shared/ledger/journal.ts): the second copy of every chained record, kept by
// the shell outside IndexedDB. At start the till compares the database's head with the journal's and with
// the head marker; if the database is behind (a browser that threw its store away), it does not sell until
// a manager rebuilds the missing records from the journal, each checked link by link.
import type { Bridge } from '../../shared/bridge';
import type { ChainHead } from '../../shared/ledger/chain';
import { JournalReader, journalLine, trustedPrefix, type JournalRecordEntry } from '../../shared/ledger/journal';
import type { MealRecord, VoidRecord } from '../../shared/ledger/records';
import { CHAINED_TABLES, type CanteenDB } from './canteen-db';
import { chainEntries, HEAD_KEY, type JournalSink, type LedgerHead } from './ledger';
import { readHead } from './ledger-head';

type JournalBridge = Pick<Bridge, 'journalAppend' | 'journalFlush' | 'journalTakeBack' | 'journalRead' | 'journalState' | 'journalMark'>;

export function journalSink(bridge: JournalBridge): JournalSink {
  return {
    append: (line) => bridge.journalAppend(line),
    flush: () => bridge.journalFlush(),
    takeBack: (line, revoke) => bridge.journalTakeBack({ line, revoke }),
    // The marker only helps to notice a lost database; a failure to write it never fails the sale.
    mark: (head) => void bridge.journalMark(head).catch(() => undefined),
  };
}

const CHUNK = 8 * 1024 * 1024;
const TAIL = 512 * 1024;

async function feed(bridge: JournalBridge, reader: JournalReader, from: number, to: number, onProgress?: (read: number, size: number) => void) {
  const decoder = new TextDecoder('utf-8');
  for (let offset = from; offset < to; ) {
    const bytes = await bridge.journalRead({ offset, length: Math.min(CHUNK, to - offset) });
    if (!bytes.length) break;
    reader.feed(decoder.decode(bytes, { stream: true }));
    offset += bytes.length;
    onProgress?.(offset, to);
  }
  reader.feed(decoder.decode());
}

/** Every record in the journal, in chain order. */
export async function readJournal(bridge: JournalBridge, onProgress?: (read: number, size: number) => void): Promise<JournalRecordEntry[]> {
  const { size } = await bridge.journalState();
  const reader = new JournalReader();
  await feed(bridge, reader, 0, size, onProgress);
  return reader.finish();
}

/** The journal's last record, read from its tail only (the start of the tail is a cut line and is skipped). */
async function journalTail(bridge: JournalBridge, size: number): Promise<ChainHead | null> {
  const reader = new JournalReader();
  const from = Math.max(0, size - TAIL);
  await feed(bridge, reader, from, size);
  const last = reader.finish().at(-1);
  return last ? { seq: last.record.seq, hash: last.record.hash } : null;
}

export type BooksCheck =
  | { kind: 'in_step'; head: LedgerHead }
  /** The journal lacks records the database has (a first start with a journal, or a journal lost): copied over. */
  | { kind: 'journal_behind'; head: LedgerHead; journalSeq: number }
  /** The database lacks confirmed records the journal or the marker knows of: no selling until rebuilt. */
  | { kind: 'books_behind'; head: LedgerHead; journalSeq: number; markerSeq: number }
  /** The same place in the chain holds different records: someone changed one copy. */
  | { kind: 'diverged'; head: LedgerHead; journal: ChainHead };

export async function checkBooks(db: CanteenDB, bridge: JournalBridge): Promise<BooksCheck> {
  const [head, state] = await Promise.all([readHead(db), bridge.journalState()]);
  const tail = await journalTail(bridge, state.size);
  const journalSeq = tail?.seq ?? 0;
  const markerSeq = state.marker?.seq ?? 0;
  if (journalSeq > head.seq || markerSeq > head.seq) return { kind: 'books_behind', head, journalSeq, markerSeq };
  if (tail && tail.seq === head.seq && tail.hash !== head.hash) return { kind: 'diverged', head, journal: tail };
  if (journalSeq < head.seq) return { kind: 'journal_behind', head, journalSeq };
  return { kind: 'in_step', head };
}

/** Copies into the journal the database's records it lacks, in chain order, flushed to disk once at the end. */
export async function catchUpJournal(db: CanteenDB, bridge: Pick<JournalBridge, 'journalAppend' | 'journalFlush'>, afterSeq: number): Promise<number> {
  let copied = 0;
  for await (const { table, record } of chainEntries(db, afterSeq)) {
    await bridge.journalAppend(journalLine({ table, record: record as JournalRecordEntry['record'] }));
    copied++;
  }
  if (copied) await bridge.journalFlush();
  return copied;
}

export class RebuildError extends Error {}

const BATCH = 2000;

/**
 * Adds to the database the journal's records beyond its head, after checking that the journal's chain holds
 * from its start and agrees with the database where both have records. Returns how many were added.
 */
export async function rebuildFromJournal(db: CanteenDB, bridge: JournalBridge, actorId: string, nowIso: string, onProgress?: (done: number, total: number) => void): Promise<number> {
  const { entries, verdict } = await trustedPrefix(await readJournal(bridge));
  const head = await readHead(db);
  if (head.seq > 0) {
    const same = entries[head.seq - 1];
    if (!same || same.record.hash !== head.hash) throw new RebuildError(`账本日志与数据库在第 ${head.seq} 条不一致，无法重建。请联系技术支持。`);
  }
  const missing = entries.slice(head.seq);
  if (!missing.length) {
    if (!verdict.ok) throw new RebuildError(`账本日志在第 ${verdict.broken.seq} 条断裂（${verdict.broken.reason}），之后的记录无法核实`);
    return 0;
  }
  await addChainRecords(db, entries, missing, head, onProgress);
  await db.audit.add({ at: nowIso, actorId, action: 'rebuild_from_journal', details: { fromSeq: head.seq + 1, toSeq: missing.at(-1)!.record.seq, records: missing.length, ...(verdict.ok ? {} : { brokenAt: verdict.broken.seq }) } });
  return missing.length;
}

/**
 * Writes `missing` (the records after `head`, already checked link by link) into the ledger in batches, with
 * their void index and the head; `entries` is the whole chain they belong to (a void's meal may be earlier).
 */
export async function addChainRecords(db: CanteenDB, entries: readonly JournalRecordEntry[], missing: readonly JournalRecordEntry[], head: LedgerHead, onProgress?: (done: number, total: number) => void): Promise<void> {
  const write = await chainWriter(db, entries, head);
  let done = 0;
  for (let start = 0; start < missing.length; start += BATCH) {
    const batch = missing.slice(start, start + BATCH);
    await db.transaction('rw', [...CHAINED_TABLES.map((name) => db[name]), db.voidIndex, db.settings], () => write(batch));
    done += batch.length;
    onProgress?.(done, missing.length);
    // A turn for the page between batches, so the progress shows.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/**
 * What writes checked chain records into the ledger, batch after batch, each inside a transaction over the
 * chained tables, the void index and the settings: the records, their void index, and the head after them.
 * `ownTillId`: the till whose meal serials go on (this till's, from its settings, unless given).
 */
export async function chainWriter(db: CanteenDB, entries: readonly JournalRecordEntry[], head: LedgerHead, ownTillId?: string): Promise<(batch: readonly JournalRecordEntry[]) => Promise<void>> {
  const tillId = ownTillId ?? (await db.settings.get('till.id'))?.value ?? (entries.filter((entry) => entry.table === 'meals').at(-1)?.record as MealRecord | undefined)?.tillId;
  const meals = new Map<string, MealRecord>();
  for (const entry of entries) if (entry.table === 'meals') meals.set(entry.record.id, entry.record as unknown as MealRecord);
  let mealSerial = head.mealSerial;
  return async (batch) => {
    for (const table of CHAINED_TABLES) {
      const records = batch.filter((entry) => entry.table === table).map((entry) => entry.record);
      if (records.length) await db.table(table).bulkAdd(records);
    }
    const voidIndex = batch
      .filter((entry) => entry.table === 'voids')
      .map((entry) => meals.get((entry.record as unknown as VoidRecord).mealId))
      .filter((meal): meal is MealRecord => !!meal?.residentId)
      .map((meal) => ({ mealId: meal.id, residentId: meal.residentId!, mealDate: meal.date }));
    if (voidIndex.length) await db.voidIndex.bulkAdd(voidIndex);
    for (const entry of batch) if (entry.table === 'meals' && (entry.record as unknown as MealRecord).tillId === tillId) mealSerial = Math.max(mealSerial, (entry.record as unknown as MealRecord).serial);
    const last = batch.at(-1)!.record;
    await db.settings.put({ key: HEAD_KEY, value: { seq: last.seq, hash: last.hash, mealSerial, lastAt: (last as { recordedAt?: string }).recordedAt ?? head.lastAt } satisfies LedgerHead });
    if (tillId && !(await db.settings.get('till.id'))) await db.settings.put({ key: 'till.id', value: tillId });
  };
}

/**
 * Points of the chain a restore must agree with, known apart from the backup file: the closings of claimed
 * months (in the database and in the journal) and every record the journal holds.
 */
export async function chainAnchors(db: CanteenDB, bridge: JournalBridge): Promise<{ claims: (ChainHead & { month: string })[]; journal: Map<number, string> }> {
  const [closings, entries] = await Promise.all([db.monthClosings.toArray().catch(() => []), readJournal(bridge).catch(() => [])]);
  const claims = new Map(closings.map((closing) => [closing.seq, { seq: closing.seq, hash: closing.hash, month: closing.month }]));
  for (const entry of entries) if (entry.table === 'monthClosings') claims.set(entry.record.seq, { seq: entry.record.seq, hash: entry.record.hash, month: String(entry.record.month) });
  return { claims: [...claims.values()], journal: new Map(entries.map((entry) => [entry.record.seq, entry.record.hash])) };
}
