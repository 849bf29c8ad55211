// The sync protocol's rules, free of any database: the hub applies them inside its transaction, the
// till when it stores what it pulled. A till's chain reaches the hub in seq order, each record linked to
// the one before it, so the hub's copy of every till's chain verifies exactly as the till's own does.
import { EMPTY_CHAIN, recordHash, type ChainHead } from '../ledger/chain';
import type { ChainEntry, Cursors, HubEntry } from './wire';

export type PushVerdict =
  | { ok: true; append: ChainEntry[]; head: ChainHead }
  | { ok: false; code: 'gap' | 'conflict' | 'broken'; message: string };

/**
 * What of `entries` the hub must append after `head` (its copy of this till's chain). Entries the hub
 * already has are skipped when their hash matches what it holds (`held`, by seq), so a push repeated after
 * a lost answer changes nothing; a different hash at the same place is a conflict, never overwritten.
 */
export async function checkPush(head: ChainHead, held: ReadonlyMap<number, string>, entries: readonly ChainEntry[]): Promise<PushVerdict> {
  const append: ChainEntry[] = [];
  let tip = head;
  for (const entry of entries) {
    const { seq, hash, prevHash } = entry.record;
    if (seq <= head.seq) {
      const known = held.get(seq);
      if (known === undefined) return { ok: false, code: 'gap', message: `主机核对不到第 ${seq} 条记录` };
      if (known !== hash) return { ok: false, code: 'conflict', message: `第 ${seq} 条记录与主机上已有的不同（本机可能从旧备份恢复后继续收银）` };
      continue;
    }
    if (seq !== tip.seq + 1) return { ok: false, code: 'gap', message: `应从第 ${tip.seq + 1} 条记录开始，收到第 ${seq} 条` };
    if (prevHash !== tip.hash) return { ok: false, code: 'broken', message: `第 ${seq} 条记录与前一条的链接不符` };
    // The hub stores only what verifies: a record altered on the way would break the chain on every till.
    if ((await recordHash(entry.record)) !== hash) return { ok: false, code: 'broken', message: `第 ${seq} 条记录内容与其哈希不符` };
    append.push(entry);
    tip = { seq, hash };
  }
  return { ok: true, append, head: tip };
}

export const NO_CHAIN: ChainHead = EMPTY_CHAIN;

/**
 * Moves each till's cursor over the entries that continue it, in order; an entry past a gap (or one
 * already held) leaves the cursor where it is, so a page cut short or repeated is simply asked again.
 */
export function advanceCursors(cursors: Cursors, entries: readonly HubEntry[]): { cursors: Cursors; fresh: HubEntry[] } {
  const next: Cursors = { ...cursors };
  const fresh: HubEntry[] = [];
  for (const item of entries) {
    const at = next[item.tillId] ?? 0;
    if (item.entry.record.seq === at + 1) {
      next[item.tillId] = at + 1;
      fresh.push(item);
    }
  }
  return { cursors: next, fresh };
}

/** A till's chained records after `after`, merged by seq from its tables, as far as they run without a gap. */
export function contiguousFrom(after: number, entries: readonly ChainEntry[]): ChainEntry[] {
  const sorted = [...entries].sort((a, b) => a.record.seq - b.record.seq);
  const run: ChainEntry[] = [];
  for (const entry of sorted) {
    if (entry.record.seq !== after + run.length + 1) break;
    run.push(entry);
  }
  return run;
}
