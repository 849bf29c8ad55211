import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { catchUpJournal, checkBooks, journalSink, rebuildFromJournal } from './journal';
import { Ledger, verifyLedger } from './ledger';
import { aResident, aSale, memoryJournal } from './test-fixtures';

let count = 0;
const opened: CanteenDB[] = [];
const freshDb = () => {
  const db = new CanteenDB(`journal-test-${++count}`);
  opened.push(db);
  return db;
};
afterEach(() => opened.splice(0).forEach((db) => db.close()));
const clock = () => Date.parse('2026-03-02T11:45:30+08:00');

async function tillWithSales(journal: ReturnType<typeof memoryJournal>, sales = 5) {
  const db = freshDb();
  await db.settings.put({ key: 'till.id', value: 'T1' });
  const ledger = new Ledger(db, 'T1', clock, journalSink(journal));
  const resident = aResident();
  for (let index = 0; index < sales; index++) await ledger.recordMeal(aSale(index % 2 ? resident : null));
  await ledger.voidMeal({ mealId: 'T1-2', reason: '点错', managerId: 'm1' });
  return { db, ledger };
}

describe('the ledger journal', () => {
  it('holds every chained record, written before the sale is confirmed', async () => {
    const journal = memoryJournal();
    const { db } = await tillWithSales(journal);
    expect(journal.text.trim().split('\n')).toHaveLength(6);
    expect(await checkBooks(db, journal)).toMatchObject({ kind: 'in_step', head: { seq: 6 } });
  });

  it('a journal that cannot be written (a full disk) fails the sale and the database keeps nothing of it', async () => {
    let full = false;
    const journal = memoryJournal({ full: () => full });
    const { db, ledger } = await tillWithSales(journal, 2);
    full = true;
    await expect(ledger.recordMeal(aSale(null))).rejects.toThrow(/磁盘空间不足/);
    expect(await db.meals.count()).toBe(2);
    full = false;
    expect((await ledger.recordMeal(aSale(null))).seq).toBe(4);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 4 });
  });

  it('a database thrown away by the browser is noticed, refused for sale, and rebuilt from the journal to the last record', async () => {
    const journal = memoryJournal();
    const { db } = await tillWithSales(journal);
    const before = await db.meals.toArray();
    const wiped = freshDb();
    const check = await checkBooks(wiped, journal);
    expect(check).toMatchObject({ kind: 'books_behind', head: { seq: 0 }, journalSeq: 6, markerSeq: 6 });

    expect(await rebuildFromJournal(wiped, journal, 'm1', '2026-03-02T15:00:00+08:00')).toBe(6);
    expect(await wiped.meals.toArray()).toEqual(before);
    expect(await wiped.voidIndex.count()).toBe(1);
    expect(await verifyLedger(wiped)).toMatchObject({ ok: true, count: 6, headMatches: true });
    expect(await checkBooks(wiped, journal)).toMatchObject({ kind: 'in_step' });
    expect(await wiped.audit.where('action').equals('rebuild_from_journal').toArray()).toMatchObject([{ actorId: 'm1', details: { fromSeq: 1, toSeq: 6, records: 6 } }]);
    // The till carries on with the same numbers.
    const next = await new Ledger(wiped, (await wiped.settings.get('till.id'))!.value as string, clock, journalSink(journal)).recordMeal(aSale(null));
    expect(next).toMatchObject({ id: 'T1-6', seq: 7 });
  });

  it('rebuilds only what the database lacks, when it lost its last records', async () => {
    const journal = memoryJournal();
    const { db } = await tillWithSales(journal);
    const copy = freshDb();
    // The copy has the first three records, as a backup taken earlier would.
    const { entries } = await import('../../shared/ledger/journal').then(async ({ readJournalText, trustedPrefix }) => trustedPrefix(readJournalText(journal.text)));
    await copy.meals.bulkAdd(entries.slice(0, 3).map((entry) => entry.record) as never[]);
    const third = entries[2]!.record;
    await copy.settings.put({ key: 'ledger.head', value: { seq: 3, hash: third.hash, mealSerial: 3 } });
    expect(await rebuildFromJournal(copy, journal, 'm1', '2026-03-02T15:00:00+08:00')).toBe(3);
    expect(await copy.meals.count()).toBe(await db.meals.count());
    expect(await verifyLedger(copy)).toMatchObject({ ok: true, count: 6, headMatches: true });
  });

  it('skips a line cut off by a crash mid-write, and a sale the guard refused leaves no line', async () => {
    const journal = memoryJournal();
    const { db, ledger } = await tillWithSales(journal, 2);
    // A record the database refused after it was journaled (a guard failure) is revoked in the journal.
    const bad = aSale(null);
    bad.payment = { method: 'cash', amountFen: -1 };
    await expect(ledger.recordMeal(bad)).rejects.toThrow();
    journal.text += '{"table":"meals","record":{"id":"T1-9"';
    const wiped = freshDb();
    expect(await rebuildFromJournal(wiped, journal, 'm1', '2026-03-02T15:00:00+08:00')).toBe(3);
    expect((await wiped.meals.toArray()).map((meal) => meal.id)).toEqual((await db.meals.toArray()).map((meal) => meal.id));
  });

  it('a sale the database refuses leaves no line in the journal, even on a disk too full for a revoke line', async () => {
    let full = false;
    const journal = memoryJournal({ full: () => full });
    const { db, ledger } = await tillWithSales(journal, 2);
    const before = journal.text;
    // Any line the journal takes fills the disk: a line written for the refused sale could not be revoked.
    const append = journal.journalAppend;
    journal.journalAppend = async (line: string) => {
      await append(line);
      full = true;
    };
    const bad = aSale(null);
    bad.payment = { method: 'cash', amountFen: -1 };
    await expect(ledger.recordMeal(bad)).rejects.toThrow();
    expect(journal.text).toBe(before);
    const wiped = freshDb();
    await rebuildFromJournal(wiped, journal, 'm1', '2026-03-02T15:00:00+08:00');
    expect(await wiped.meals.count()).toBe(await db.meals.count());
  });

  it('a sale the database refuses at its commit, on a disk too full for a revoke line, leaves no line behind', async () => {
    let full = false;
    const journal = memoryJournal({ full: () => full });
    const { db } = await tillWithSales(journal, 2);
    const before = journal.text;
    // The line goes in, then the disk is full and the transaction fails before it commits.
    const ledger = new Ledger(db, 'T1', clock, {
      ...journalSink(journal),
      flush: () => {
        full = true;
        throw new Error('QuotaExceededError');
      },
    });
    await expect(ledger.recordMeal(aSale(null))).rejects.toThrow();
    expect(journal.text).toBe(before);
    expect(await db.meals.count()).toBe(2);
    // Had the line stayed, a rebuild would bring back a sale the screen said was not recorded.
    const wiped = freshDb();
    await rebuildFromJournal(wiped, journal, 'm1', '2026-03-02T15:00:00+08:00');
    expect(await wiped.meals.count()).toBe(2);
  });

  it('refuses to rebuild from a journal that disagrees with the database, and stops at a record edited in the journal', async () => {
    const journal = memoryJournal();
    const { db } = await tillWithSales(journal);
    const wiped = freshDb();
    journal.text = journal.text.replace('"amountFen":1200', '"amountFen":0');
    await rebuildFromJournal(wiped, journal, 'm1', '2026-03-02T15:00:00+08:00');
    // The edited meal and everything after it cannot be trusted: the rebuild stops before it.
    const rebuilt = await wiped.meals.count();
    expect(rebuilt).toBeLessThan(await db.meals.count());
    expect(await verifyLedger(wiped)).toMatchObject({ ok: true, headMatches: true });
  });

  it('copies into an empty journal the records a till had before it kept one', async () => {
    const { db } = await tillWithSales(memoryJournal());
    const fresh = memoryJournal();
    expect(await checkBooks(db, fresh)).toMatchObject({ kind: 'journal_behind', journalSeq: 0 });
    expect(await catchUpJournal(db, fresh, 0)).toBe(6);
    expect(await checkBooks(db, fresh)).toMatchObject({ kind: 'in_step' });
    expect(fresh.flushedText).toBe(fresh.text);
  });

  it('confirms a sale only once its journal line is flushed to disk', async () => {
    const journal = memoryJournal();
    const { ledger } = await tillWithSales(journal, 2);
    const flush = journal.journalFlush;
    let release!: () => void;
    let asked!: () => void;
    const flushAsked = new Promise<void>((resolve) => (asked = resolve));
    journal.journalFlush = () => (asked(), new Promise<void>((resolve) => (release = resolve)).then(flush));
    let confirmed = false;
    const sale = ledger.recordMeal(aSale(null)).then((meal) => ((confirmed = true), meal));
    await flushAsked;
    // The database's commit has all the time it needs meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(confirmed).toBe(false);
    // Written, not yet on disk: a power cut now would leave the journal without it.
    expect(journal.text).toContain('"T1-3"');
    expect(journal.flushedText).not.toContain('"T1-3"');
    release();
    expect(await sale).toMatchObject({ id: 'T1-3' });
    expect(journal.flushedText).toContain('"T1-3"');
  });

  it('a journal that cannot be flushed after the commit keeps the sale, stops the next one, and is caught up at the next start', async () => {
    let failing = false;
    const journal = memoryJournal({ flushFails: () => failing });
    const { db, ledger } = await tillWithSales(journal, 2);
    failing = true;
    // The database committed it: taking it back would have the cashier sell the meal twice.
    expect(await ledger.recordMeal(aSale(null))).toMatchObject({ id: 'T1-3' });
    expect(await db.meals.count()).toBe(3);
    await expect(ledger.recordMeal(aSale(null))).rejects.toThrow(/账本日志没能存到磁盘.*上一笔已记入账本，不用重收.*收银已暂停/);
    expect(await db.meals.count()).toBe(3);
    // A power cut loses the unflushed line; the restarted till copies it from the books before selling.
    failing = false;
    journal.text = journal.flushedText;
    const check = await checkBooks(db, journal);
    expect(check).toMatchObject({ kind: 'journal_behind' });
    await catchUpJournal(db, journal, (check as { journalSeq: number }).journalSeq);
    expect(await checkBooks(db, journal)).toMatchObject({ kind: 'in_step' });
    expect(await new Ledger(db, 'T1', clock, journalSink(journal)).recordMeal(aSale(null))).toMatchObject({ id: 'T1-4' });
  });
});
