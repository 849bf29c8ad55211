// The ledger's journal: a second, independent copy of every chained record (meals, voids, closings), kept
// outside IndexedDB (a file the desktop shell appends to and flushes; the origin-private file system in a
// browser). One JSON line per record, appended inside the transaction that writes the record, so a browser
// that throws its database away (a full disk, a damaged profile) cannot take the books with it: the till
// rebuilds them from here. A record whose transaction failed after it was journaled is followed by a
// `revoke` line; a record written again at the same place in the chain replaces the earlier line.
import { EMPTY_CHAIN, verifyChain, type ChainHead, type ChainVerdict, type Chained } from './chain';
import { CHAINED_TABLES, type ChainedTable } from './records';

export type JournalRecord = Chained & { id: string } & Record<string, unknown>;
export type JournalEntry = { table: ChainedTable; record: JournalRecord } | { revoke: ChainHead };
export type JournalRecordEntry = { table: ChainedTable; record: JournalRecord };

export function journalLine(entry: JournalEntry): string {
  return JSON.stringify(entry);
}

function isRecordEntry(value: unknown): value is JournalRecordEntry {
  const entry = value as Partial<JournalRecordEntry> | null;
  return (
    !!entry &&
    CHAINED_TABLES.includes(entry.table as ChainedTable) &&
    typeof entry.record === 'object' &&
    entry.record !== null &&
    Number.isSafeInteger(entry.record.seq) &&
    typeof entry.record.hash === 'string' &&
    typeof entry.record.id === 'string'
  );
}

function isRevoke(value: unknown): value is { revoke: ChainHead } {
  const revoke = (value as { revoke?: Partial<ChainHead> } | null)?.revoke;
  return !!revoke && Number.isSafeInteger(revoke.seq) && typeof revoke.hash === 'string';
}

/** Collects journal lines, fed in any chunks of text; the last line written for a place in the chain wins. */
export class JournalReader {
  private readonly bySeq = new Map<number, JournalRecordEntry>();
  private rest = '';
  /** Lines that are not a journal entry: a line cut off by a crash mid-write is the usual one, at the end. */
  unreadable = 0;

  feed(text: string): void {
    const lines = (this.rest + text).split('\n');
    this.rest = lines.pop()!;
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.unreadable++;
      return;
    }
    if (isRecordEntry(value)) this.bySeq.set(value.record.seq, value);
    else if (isRevoke(value)) {
      if (this.bySeq.get(value.revoke.seq)?.record.hash === value.revoke.hash) this.bySeq.delete(value.revoke.seq);
    } else this.unreadable++;
  }

  /** The records in chain order. A last line without its newline was cut off mid-write and is left out. */
  finish(): JournalRecordEntry[] {
    if (this.rest.trim()) this.unreadable++;
    this.rest = '';
    return [...this.bySeq.values()].sort((a, b) => a.record.seq - b.record.seq);
  }
}

export function readJournalText(text: string): JournalRecordEntry[] {
  const reader = new JournalReader();
  reader.feed(text);
  return reader.finish();
}

/**
 * The longest stretch of the journal, from its start, whose records link into one chain: what a rebuild
 * may trust. `verdict` says where and why it stopped, if it did.
 */
export async function trustedPrefix(entries: readonly JournalRecordEntry[]): Promise<{ entries: JournalRecordEntry[]; head: ChainHead; verdict: ChainVerdict }> {
  const verdict = await verifyChain(entries);
  const count = verdict.count;
  const last = entries[count - 1];
  return { entries: entries.slice(0, count), head: last ? { seq: last.record.seq, hash: last.record.hash } : EMPTY_CHAIN, verdict };
}
