import { describe, expect, it } from 'vitest';
import { EMPTY_CHAIN, linkRecord, type ChainHead } from '../ledger/chain';
import { advanceCursors, checkPush, contiguousFrom } from './protocol';
import { ChainEntrySchema, type ChainEntry, type HubEntry } from './wire';

/** A chain of `count` voids (the smallest chained record) for till T1. */
async function chain(count: number, from: ChainHead = EMPTY_CHAIN): Promise<ChainEntry[]> {
  const entries: ChainEntry[] = [];
  let head = from;
  for (let index = 0; index < count; index++) {
    const record = await linkRecord(
      { id: `V-T1-${head.seq + 1}`, mealId: `T1-${head.seq + 1}`, reason: '重复', managerId: 'm1', voidedAt: '2026-03-02T12:00:00+08:00', date: '2026-03-02' },
      head,
    );
    entries.push(ChainEntrySchema.parse({ kind: 'void', record }));
    head = { seq: record.seq, hash: record.hash };
  }
  return entries;
}

const heldOf = (entries: ChainEntry[]) => new Map(entries.map((entry) => [entry.record.seq, entry.record.hash]));
const headOf = (entries: ChainEntry[]): ChainHead => {
  const last = entries[entries.length - 1];
  return last ? { seq: last.record.seq, hash: last.record.hash } : EMPTY_CHAIN;
};

describe('checkPush', () => {
  it('appends a chain that continues the hub head', async () => {
    const entries = await chain(3);
    const verdict = await checkPush(EMPTY_CHAIN, new Map(), entries);
    expect(verdict).toMatchObject({ ok: true, head: headOf(entries) });
    expect(verdict.ok && verdict.append.length).toBe(3);
  });

  it('changes nothing when a push arrives twice, or overlaps what the hub holds', async () => {
    const entries = await chain(5);
    const held = entries.slice(0, 3);
    const again = await checkPush(headOf(held), heldOf(held), entries);
    expect(again.ok && again.append.map((entry) => entry.record.seq)).toEqual([4, 5]);
    const twice = await checkPush(headOf(entries), heldOf(entries), entries);
    expect(twice).toMatchObject({ ok: true, append: [], head: headOf(entries) });
  });

  it('refuses a push that skips records (an interrupted earlier push is resent from the hub head)', async () => {
    const entries = await chain(4);
    const verdict = await checkPush(headOf(entries.slice(0, 1)), heldOf(entries.slice(0, 1)), entries.slice(2));
    expect(verdict).toMatchObject({ ok: false, code: 'gap' });
  });

  it('refuses a record whose content no longer matches its hash', async () => {
    const entries = await chain(2);
    const tampered = structuredClone(entries);
    (tampered[1]!.record as { reason: string }).reason = '改过';
    expect(await checkPush(EMPTY_CHAIN, new Map(), tampered)).toMatchObject({ ok: false, code: 'broken' });
  });

  it('refuses a record that does not link to the one before', async () => {
    const first = await chain(1);
    const other = await chain(1, { seq: 1, hash: 'a'.repeat(64) });
    expect(await checkPush(headOf(first), heldOf(first), other)).toMatchObject({ ok: false, code: 'broken' });
  });

  it('calls a different record at a place the hub holds a conflict, and keeps the hub copy', async () => {
    const held = await chain(2);
    const forked = await chain(1, { seq: 1, hash: held[0]!.record.hash });
    (forked[0]!.record as { reason: string }).reason = '另一条';
    expect(await checkPush(headOf(held), heldOf(held), [held[0]!, ...(await relink(forked))])).toMatchObject({ ok: false, code: 'conflict' });
  });
});

async function relink(entries: ChainEntry[]): Promise<ChainEntry[]> {
  const [first] = entries;
  const record = await linkRecord({ ...first!.record, seq: undefined, prevHash: undefined, hash: undefined }, { seq: first!.record.seq - 1, hash: first!.record.prevHash });
  return [{ kind: 'void', record: record as ChainEntry['record'] } as ChainEntry];
}

describe('advanceCursors', () => {
  const at = (tillId: string, entries: ChainEntry[]): HubEntry[] => entries.map((entry) => ({ tillId, entry }));

  it('moves each till cursor over its own records in order', async () => {
    const entries = await chain(3);
    const { cursors, fresh } = advanceCursors({}, [...at('T1', entries), ...at('T2', entries.slice(0, 2))]);
    expect(cursors).toEqual({ T1: 3, T2: 2 });
    expect(fresh).toHaveLength(5);
  });

  it('skips records already held and stops at a gap', async () => {
    const entries = await chain(4);
    const { cursors, fresh } = advanceCursors({ T1: 1 }, at('T1', [entries[0]!, entries[1]!, entries[3]!]));
    expect(cursors).toEqual({ T1: 2 });
    expect(fresh.map((item) => item.entry.record.seq)).toEqual([2]);
  });
});

describe('contiguousFrom', () => {
  it('takes the run of records after the cursor, whatever table order they came in', async () => {
    const entries = await chain(4);
    expect(contiguousFrom(1, [entries[3]!, entries[1]!, entries[2]!]).map((entry) => entry.record.seq)).toEqual([2, 3, 4]);
    expect(contiguousFrom(1, [entries[3]!, entries[2]!])).toEqual([]);
  });
});
