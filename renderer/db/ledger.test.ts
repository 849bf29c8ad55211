import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { CanteenDB } from './canteen-db';
import { BooksClosedError, Ledger, verifyLedger, type SaleToPrice } from './ledger';
import { countedLimitHistory } from './meals-repository';
import { aResident, aSale, tianjin } from './test-fixtures';
import { quoteMeal } from '../../shared/quote/quote';
import { residentFacts, residentSnapshot, type ResidentRecord } from '../../shared/ledger/records';

let dbCount = 0;
const opened: CanteenDB[] = [];
function freshDb(name = `ledger-test-${++dbCount}`) {
  const db = new CanteenDB(name);
  opened.push(db);
  return db;
}
afterEach(() => opened.splice(0).forEach((db) => db.close()));

const clock = () => Date.parse('2026-03-02T11:45:30+08:00');

/** Changes the stored books beneath the app, as someone editing the database files would. */
function tamper(db: CanteenDB, store: string, change: (objects: IDBObjectStore) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction(store, 'readwrite');
    change(tx.objectStore(store));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

describe('Ledger', () => {
  it('records a meal that is still there after the database is opened again', async () => {
    const name = `ledger-reopen-${++dbCount}`;
    const db = freshDb(name);
    const resident = aResident();
    const meal = await new Ledger(db, 'T1', clock).recordMeal(aSale(resident));
    db.close();

    const again = freshDb(name);
    expect(await again.meals.get(meal.id)).toEqual(meal);
    expect(meal).toMatchObject({ id: 'T1-1', serial: 1, seq: 1, date: '2026-03-02', month: '2026-03', mealPeriod: 'lunch', recordedAt: '2026-03-02T11:45:30+08:00' });
    // Tianjin: 3 yuan off a 15 yuan lunch for an 86-year-old with local hukou.
    expect(meal.subsidyFen).toBe(300);
    expect(meal.payment.amountFen).toBe(1200);
  });

  it('numbers meals per till and links every record to the one before', async () => {
    const db = freshDb();
    const ledger = new Ledger(db, 'T1', clock);
    const first = await ledger.recordMeal(aSale(aResident()));
    const second = await ledger.recordMeal(aSale(null));
    expect([first.id, second.id]).toEqual(['T1-1', 'T1-2']);
    expect(second.prevHash).toBe(first.hash);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 2, headMatches: true });
  });

  it('refuses an invalid meal and writes nothing', async () => {
    const db = freshDb();
    const ledger = new Ledger(db, 'T1', clock);
    const bad = aSale(null);
    bad.payment = { method: 'cash', amountFen: -5 };
    await expect(ledger.recordMeal(bad)).rejects.toThrow();
    expect(await db.meals.count()).toBe(0);
    expect(await ledger.head()).toMatchObject({ seq: 0, mealSerial: 0 });
    // The ledger keeps working after a refusal.
    expect((await ledger.recordMeal(aSale(null))).id).toBe('T1-1');
  });

  it('voids by a reversal record: the meal stays, who and why are kept, a second void is refused', async () => {
    const db = freshDb();
    const ledger = new Ledger(db, 'T1', clock);
    const meal = await ledger.recordMeal(aSale(aResident()));
    const reversal = await ledger.voidMeal({ mealId: meal.id, reason: '点错菜品', managerId: 'm1' });
    expect(await db.meals.get(meal.id)).toEqual(meal);
    expect(reversal).toMatchObject({ mealId: meal.id, reason: '点错菜品', managerId: 'm1', seq: 2, prevHash: meal.hash });
    expect(await db.audit.where('action').equals('void').toArray()).toMatchObject([{ actorId: 'm1', details: { mealId: meal.id } }]);
    expect(await db.voidIndex.toArray()).toEqual([{ mealId: meal.id, residentId: meal.residentId, mealDate: meal.date }]);

    await expect(ledger.voidMeal({ mealId: meal.id, reason: '再次作废', managerId: 'm1' })).rejects.toThrow();
    expect(await db.voids.count()).toBe(1);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 2 });
  });

  it('keeps one chain when two windows record at the same time', async () => {
    const db = freshDb();
    const windowA = new Ledger(db, 'T1', clock);
    const windowB = new Ledger(db, 'T1', clock);
    await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? windowA : windowB).recordMeal(aSale(null))));
    expect(await db.meals.count()).toBe(10);
    expect(new Set((await db.meals.toArray()).map((meal) => meal.id)).size).toBe(10);
    expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 10 });
  });

  it('names the first record that was edited behind the ledger\'s back', async () => {
    const db = freshDb();
    const ledger = new Ledger(db, 'T1', clock);
    for (let index = 0; index < 4; index++) await ledger.recordMeal(aSale(aResident()));
    const third = (await db.meals.get('T1-3'))!;
    await tamper(db, 'meals', (meals) => meals.put({ ...third, payment: { ...third.payment, amountFen: 0 } }));
    expect(await verifyLedger(db)).toMatchObject({ ok: false, broken: { table: 'meals', id: 'T1-3', seq: 3 } });
  });

  it('notices meals cut off the end of the chain', async () => {
    const db = freshDb();
    const ledger = new Ledger(db, 'T1', clock);
    for (let index = 0; index < 3; index++) await ledger.recordMeal(aSale(null));
    await tamper(db, 'meals', (meals) => meals.delete('T1-3'));
    expect(await verifyLedger(db)).toMatchObject({ ok: true, count: 2, headMatches: false });
  });

  describe('a sale is priced with the history inside its own append', () => {
    /** A sale priced when the ledger appends it, as the counter's record-sale does. */
    const priced = (resident: ResidentRecord): SaleToPrice => ({
      residentId: resident.id,
      price: ({ servedAt, history }) => {
        const meal = { servedAt, channel: 'dine_in' as const, items: [{ itemId: 'set-a', name: '套餐A', unitPriceFen: 1500, quantity: 1, subsidyEligible: true }] };
        const quote = quoteMeal({ policies: [tianjin], resident: residentFacts(resident), meal, history });
        return { residentId: resident.id, resident: residentSnapshot(resident), meal, quote, payment: { method: 'cash', amountFen: quote.elderPaysFen }, cashierId: 'c1' };
      },
    });

    it('two windows confirming the same elder\'s lunch at once subsidise it once', async () => {
      const db = freshDb();
      const resident = aResident();
      // Tianjin: one subsidised meal a day. Ten windows, one database, all at once.
      const meals = await Promise.all(Array.from({ length: 10 }, () => new Ledger(db, 'T1', clock).recordMeal(priced(resident))));
      expect(meals.filter((meal) => meal.subsidyFen > 0)).toHaveLength(1);
      expect(meals.map((meal) => meal.payment.amountFen).sort()).toEqual([1200, ...Array(9).fill(1500)]);
    });

    it('a history read ahead is used again only while the books hold the same meals and voids for it', async () => {
      const db = freshDb();
      const resident = aResident();
      const date = '2026-03-02';
      const here = new Ledger(db, 'T1', clock);
      const there = new Ledger(db, 'T1', clock);
      // This window read the elder's history when the elder was identified; the other then sold the lunch.
      here.knowHistory(resident.id, await countedLimitHistory(db, resident.id, date));
      expect((await there.recordMeal(priced(resident))).subsidyFen).toBe(300);
      expect((await here.recordMeal(priced(resident))).subsidyFen).toBe(0);
      // The other window voids the subsidised lunch: the day's subsidy is free again, here too.
      here.knowHistory(resident.id, await countedLimitHistory(db, resident.id, date));
      const [first] = await db.meals.toArray();
      await there.voidMeal({ mealId: first!.id, reason: '点错', managerId: 'm1' });
      expect((await here.recordMeal(priced(resident))).subsidyFen).toBe(300);
      // This window's own sale is in its history afterwards, without reading the meals again.
      expect((await here.recordMeal(priced(resident))).subsidyFen).toBe(0);
    });
  });

  describe('time only moves forward in the books', () => {
    const closeDay = (ledger: Ledger, id: string) => ledger.closeDay({ id, closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {} });

    it('refuses a sale on a closed day, and a manager may book it to the next open day with a reason', async () => {
      const db = freshDb();
      let now = Date.parse('2026-03-02T11:00:00+08:00');
      const ledger = new Ledger(db, 'T1', () => now);
      await ledger.recordMeal(aSale(null, '2026-03-02T11:00:00+08:00'));
      await closeDay(ledger, '2026-03-02');
      await closeDay(ledger, '2026-03-03');
      now = Date.parse('2026-03-02T12:30:00+08:00');
      const sale = { residentId: null, price: ({ servedAt }: { servedAt: string }) => aSale(null, servedAt) };
      const refusal = await ledger.recordMeal(sale).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(BooksClosedError);
      expect(refusal).toMatchObject({ date: '2026-03-02', why: 'day', nextOpenDate: '2026-03-04' });
      expect(await db.meals.count()).toBe(1);

      await expect(ledger.recordMeal(sale, { date: '2026-03-03', managerId: 'm1', reason: '日结后来客' })).rejects.toThrow(/已日结/);
      const booked = await ledger.recordMeal(sale, { date: '2026-03-04', managerId: 'm1', reason: '日结后来客' });
      expect(booked).toMatchObject({ date: '2026-03-04', meal: { servedAt: '2026-03-04T12:30:00+08:00' }, recordedAt: '2026-03-02T12:30:00+08:00', rebooked: { fromDate: '2026-03-02', managerId: 'm1', reason: '日结后来客' } });
      expect(await db.audit.where('action').equals('rebook_sale').toArray()).toMatchObject([{ actorId: 'm1', details: { mealId: booked.id, toDate: '2026-03-04' } }]);
    });

    it('refuses a sale in a month already claimed', async () => {
      const db = freshDb();
      let now = Date.parse('2026-03-31T11:00:00+08:00');
      const ledger = new Ledger(db, 'T1', () => now);
      await ledger.closeMonth({ month: '2026-03', revision: 1, closedBy: 'm1' });
      now = Date.parse('2026-03-20T11:00:00+08:00');
      await expect(ledger.recordMeal(aSale(null, '2026-03-20T11:00:00+08:00'))).rejects.toMatchObject({ why: 'month', nextOpenDate: '2026-04-01' });
    });

    it('a day another window closed is closed here at once, though this window sold on it a moment ago', async () => {
      const db = freshDb();
      const here = new Ledger(db, 'T1', clock);
      await here.recordMeal(aSale(null));
      await closeDay(new Ledger(db, 'T1', clock), '2026-03-02');
      await expect(here.recordMeal(aSale(null))).rejects.toMatchObject({ why: 'day' });
      expect(await db.meals.count()).toBe(1);
    });

    it('a day found open is read again after the books were replaced, even where the new chain is as long', async () => {
      const db = freshDb();
      const here = new Ledger(db, 'T1', clock);
      for (let i = 0; i < 3; i++) await here.recordMeal(aSale(null));
      // A restore brings books of the same length whose last record closed the day.
      await db.delete();
      await db.open();
      const restored = new Ledger(db, 'T1', clock);
      for (let i = 0; i < 2; i++) await restored.recordMeal(aSale(null));
      await closeDay(restored, '2026-03-02');
      expect((await here.head()).seq).toBe(3);
      await expect(here.recordMeal(aSale(null))).rejects.toMatchObject({ why: 'day' });
    });

    it('refuses a void dated before its meal (a clock set back) and a void on a closed day', async () => {
      const db = freshDb();
      let now = Date.parse('2026-03-02T11:45:00+08:00');
      const ledger = new Ledger(db, 'T1', () => now);
      const meal = await ledger.recordMeal(aSale(null, '2026-03-02T11:45:00+08:00'));
      now = Date.parse('2026-03-02T09:00:00+08:00');
      await expect(ledger.voidMeal({ mealId: meal.id, reason: '点错', managerId: 'm1' })).rejects.toThrow(/时钟/);
      now = Date.parse('2026-03-02T13:00:00+08:00');
      await closeDay(ledger, '2026-03-02');
      await expect(ledger.voidMeal({ mealId: meal.id, reason: '点错', managerId: 'm1' })).rejects.toThrow(/已日结/);
      expect(await db.voids.count()).toBe(0);
      expect((await ledger.head()).lastAt).toBe('2026-03-02T13:00:00+08:00');
    });
  });
});
