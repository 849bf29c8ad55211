import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from '../db/canteen-db';
import { readJournal } from '../db/journal';
import { Ledger, verifyLedger } from '../db/ledger';
import { aResident, aSale, memoryJournal } from '../db/test-fixtures';
import { otherTillsHistory, storePulled } from './hub-rows';
import { unsentEntries } from './sync-engine';
import { takeOverTill, tillsToTakeOver } from './take-over-till';

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`take-over-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));
const clock = () => Date.parse('2026-03-02T11:45:30+08:00');
const request = { tillId: 'T2', actorId: 'm1', reason: '收银台 2 的电脑坏了，换新电脑', nowIso: '2026-03-03T08:00:00+08:00' };

/** The old PC of till T2 (three meals, a void, a day closing), and the new PC that pulled its books from the hub. */
async function replacedPc() {
  const old = freshDb();
  const ledger = new Ledger(old, 'T2', clock);
  const elder = aResident();
  await old.residents.add(elder);
  for (let index = 0; index < 3; index++) await ledger.recordMeal(aSale(elder));
  await ledger.voidMeal({ mealId: 'T2-2', reason: '点错', managerId: 'm1' });
  await ledger.closeDay({ id: '2026-03-02', closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {} });
  const fresh = freshDb();
  await fresh.settings.put({ key: 'till.id', value: 'TNEW1' });
  await fresh.residents.add(elder);
  await storePulled(fresh, (await unsentEntries(old, 0)).map((entry) => ({ tillId: 'T2', entry })));
  return { old, fresh, elder, journal: memoryJournal() };
}

describe('a replaced PC takes over its till', () => {
  it('makes the old till\'s chain its own books, goes on from its head, and counts the meals once', async () => {
    const { old, fresh, elder, journal } = await replacedPc();
    expect(await tillsToTakeOver(fresh)).toEqual([{ tillId: 'T2', records: 5, lastAt: expect.any(String) }]);

    expect(await takeOverTill(fresh, journal, request)).toBe(5);
    expect((await fresh.settings.get('till.id'))?.value).toBe('T2');
    expect(await fresh.meals.toArray()).toEqual(await old.meals.toArray());
    expect(await fresh.hubRecords.count()).toBe(0);
    expect(await otherTillsHistory(fresh, elder.idNumber, '2026-03-02')).toEqual([]);
    expect(await fresh.voidIndex.count()).toBe(1);
    // The journal holds the same chain, so the next start finds the books in step.
    expect((await readJournal(journal)).map((entry) => entry.record.hash)).toEqual((await unsentEntries(old, 0)).map((entry) => entry.record.hash));
    // A pull asked before the take-over, under the PC's former id, brings the till's records again: not stored.
    expect((await storePulled(fresh, (await unsentEntries(old, 0)).map((entry) => ({ tillId: 'T2', entry })))).stored).toBe(0);
    expect(await fresh.hubRecords.count()).toBe(0);
    expect(await fresh.audit.where('action').equals('take_over_till').toArray()).toMatchObject([{ actorId: 'm1', details: { tillId: 'T2', formerTillId: 'TNEW1', records: 5 } }]);

    // The chain goes on where the old PC stopped, and verifies from its first record.
    const next = await new Ledger(fresh, 'T2', () => Date.parse('2026-03-03T11:45:30+08:00')).recordMeal(aSale(null, '2026-03-03T11:45:30+08:00'));
    expect(next).toMatchObject({ id: 'T2-4', serial: 4, seq: 6 });
    expect(await verifyLedger(fresh)).toMatchObject({ ok: true, count: 6, headMatches: true });
    expect(await tillsToTakeOver(fresh)).toEqual([]);
  });

  it('refuses a PC with books of its own, and a chain that does not hold, changing nothing', async () => {
    const { fresh, journal } = await replacedPc();
    const selling = freshDb();
    await new Ledger(selling, 'T9', clock).recordMeal(aSale(null));
    await storePulled(selling, await fresh.hubRecords.toArray().then((rows) => rows.map((row) => ({ tillId: row.tillId, entry: { kind: row.kind, record: row.record } as never }))));
    await expect(takeOverTill(selling, memoryJournal(), request)).rejects.toThrow('本机已经有自己的账');
    // A till that recorded something a moment ago may still be selling on its old PC.
    await expect(takeOverTill(fresh, journal, { ...request, nowIso: '2026-03-02T12:00:00+08:00' })).rejects.toThrow('可能还在使用');
    expect(await tillsToTakeOver(selling)).toEqual([]);

    // A meal changed in the copy this PC holds: the chain breaks there.
    const [first] = await fresh.hubRecords.toArray();
    await fresh.hubRecords.put({ ...first!, record: { ...first!.record, subsidyFen: 900 } as never });
    await expect(takeOverTill(fresh, journal, request)).rejects.toThrow('在第 1 条核对不上');
    expect(await fresh.meals.count()).toBe(0);
    expect(await fresh.hubRecords.count()).toBe(5);
    expect((await fresh.settings.get('till.id'))?.value).toBe('TNEW1');
    expect(journal.text).toBe('');
  });
});
