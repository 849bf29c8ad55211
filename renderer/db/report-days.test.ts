import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { residentFacts } from '../../shared/ledger/records';
import { emptySimplePolicy, toPolicyFile } from '../../shared/policy/simple-policy';
import { PolicySchema } from '../../shared/policy/schema';
import { quoteMeal } from '../../shared/quote/quote';
import { emptyTally, summarizeRange, tallyMeal } from '../../shared/reports/range-report';
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';
import { rangeReport, type CachedDay } from './report-days';
import { aResident, aSale, voidAsVersion1 } from './test-fixtures';

const clock = () => Date.parse('2026-03-20T12:00:00+08:00');
const residents = [aResident(), aResident({ birthDate: '1960-05-05' }), aResident({ birthDate: '1950-07-01' })];
const lunchOn = (day: number, who: number | null) => aSale(who === null ? null : residents[who]!, `2026-03-${String(day).padStart(2, '0')}T11:45:00+08:00`);

/** What the report must say: every meal of the range read from the books, every voided one left out. */
async function direct(db: CanteenDB, from: string, to: string) {
  return summarizeRange(from, to, await db.meals.toArray(), new Set((await db.voids.toArray()).map((entry) => entry.mealId)));
}

/** The cache beside the books, opened as it is on disk. */
async function cacheOf(db: CanteenDB) {
  const cache = new Dexie(`${db.name}-report-days`);
  await cache.open();
  return { cache, days: cache.table<CachedDay, string>('days') };
}

describe('the range report from day tallies', () => {
  it('equals the report read meal by meal, after later meals and later voids', async () => {
    const db = new CanteenDB('report-days-test');
    const ledger = new Ledger(db, 'T1', clock);
    const meals = [];
    for (const [day, who] of [[2, 0], [2, 1], [3, null], [3, 0], [9, 2], [10, 1]] as const) meals.push(await ledger.recordMeal(lunchOn(day, who)));
    expect(await rangeReport(db, '2026-03-01', '2026-03-31')).toEqual(await direct(db, '2026-03-01', '2026-03-31'));

    // Meals after the tallies were made, one on a day already tallied; then voids of a tallied and a new meal.
    const late = await ledger.recordMeal(lunchOn(2, 2));
    await ledger.recordMeal(lunchOn(11, 0));
    await ledger.voidMeal({ mealId: meals[1]!.id, reason: '点错', managerId: 'm1' });
    await ledger.voidMeal({ mealId: late.id, reason: '重复', managerId: 'm1' });
    const month = await rangeReport(db, '2026-03-01', '2026-03-31');
    expect(month).toEqual(await direct(db, '2026-03-01', '2026-03-31'));
    expect(month).toMatchObject({ meals: 6, walkIns: 1, persons: 3 });
    // Resident 1's only meal of the 2nd was voided: in the first days only resident 0 remains.
    expect(await rangeReport(db, '2026-03-02', '2026-03-03')).toEqual(await direct(db, '2026-03-02', '2026-03-03'));
    expect((await rangeReport(db, '2026-03-02', '2026-03-03')).persons).toBe(1);
    db.close();
  });

  it('start afresh when the books beneath them are different books (a restore)', async () => {
    const first = new CanteenDB('report-days-restore');
    const ledger = new Ledger(first, 'T1', clock);
    for (const day of [4, 5, 6]) await ledger.recordMeal(lunchOn(day, 0));
    expect((await rangeReport(first, '2026-03-01', '2026-03-31')).meals).toBe(3);
    first.close();
    await Dexie.delete('report-days-restore');

    // Other books under the same name: as many meals, other days and another elder.
    const second = new CanteenDB('report-days-restore');
    const other = new Ledger(second, 'T2', clock);
    for (const day of [7, 8, 9]) await other.recordMeal(lunchOn(day, 2));
    const report = await rangeReport(second, '2026-03-01', '2026-03-31');
    expect(report).toEqual(await direct(second, '2026-03-01', '2026-03-31'));
    expect(report.byDay.filter((day) => day.meals.lunch).map((day) => day.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    second.close();
  });

  it('after the clock was set back: a void dated before its meal, and a sale on the earlier day', async () => {
    const db = new CanteenDB('report-days-clock');
    let now = Date.parse('2026-03-10T12:30:00+08:00');
    const ledger = new Ledger(db, 'T1', () => now);
    const tenth = [];
    for (const who of [0, 1, 2, null]) tenth.push(await ledger.recordMeal(lunchOn(10, who)));
    expect((await rangeReport(db, '2026-03-10', '2026-03-10')).meals).toBe(4);

    // The PC's clock goes back to the 9th: the void of a meal of the 10th is dated the 9th (books from before the
    // ledger refused such a void, written here as they were), and a new sale lands on the 9th.
    now = Date.parse('2026-03-09T12:40:00+08:00');
    await voidAsVersion1(db, tenth[1]!.id, '2026-03-09T12:40:00+08:00');
    await ledger.recordMeal(lunchOn(9, 1));
    for (const [from, to] of [['2026-03-10', '2026-03-10'], ['2026-03-09', '2026-03-10'], ['2026-03-01', '2026-03-31']] as const) {
      expect(await rangeReport(db, from, to)).toEqual(await direct(db, from, to));
    }
    expect((await rangeReport(db, '2026-03-10', '2026-03-10')).meals).toBe(3);
    db.close();
  });

  it('checks each day against the books before use, and adds up again a day that disagrees', async () => {
    const db = new CanteenDB('report-days-verify');
    const ledger = new Ledger(db, 'T1', clock);
    for (const [day, who] of [[2, 0], [2, 1], [3, null], [4, 2], [4, 0], [5, 1]] as const) await ledger.recordMeal(lunchOn(day, who));
    const truth = await direct(db, '2026-03-01', '2026-03-31');
    expect(await rangeReport(db, '2026-03-01', '2026-03-31')).toEqual(truth);

    // The cache goes wrong under the books: a day with meals it never had, a day lost, a day from an older version.
    const { cache, days } = await cacheOf(db);
    const second = (await days.get('2026-03-02'))!;
    for (let i = 0; i < 4; i++) tallyMeal(second, (await db.meals.where('date').equals('2026-03-02').first())!);
    await days.put(second);
    await days.delete('2026-03-04');
    const { firstSeq: _dropped, ...old } = (await days.get('2026-03-05'))!;
    await days.put(old);
    await days.put({ ...emptyTally('2026-03-20'), meals: { breakfast: 0, lunch: 7, dinner: 0 } });

    expect(await rangeReport(db, '2026-03-01', '2026-03-31')).toEqual(truth);
    // Each day was added up again from the books and put back: the next report reads them as they should be.
    expect((await days.get('2026-03-02'))!.meals.lunch).toBe(2);
    expect((await days.get('2026-03-04'))!.meals.lunch).toBe(2);
    expect((await days.get('2026-03-05'))!.firstSeq).toBeGreaterThan(0);
    expect((await days.get('2026-03-20'))!.meals.lunch).toBe(0);
    expect(await rangeReport(db, '2026-03-01', '2026-03-31')).toEqual(truth);
    cache.close();
    db.close();
  });

  it('are added up again when made by the version that put rule-named subsidies under （无档次）', async () => {
    const db = new CanteenDB('report-days-tiers');
    const ledger = new Ledger(db, 'T1', clock);
    // A street's top-up written in the 政策 page's simple form: its one rule, “80 周岁以上”, has no tier label.
    const topUp = PolicySchema.parse(toPolicyFile({ ...emptySimplePolicy('2026-01-01'), id: 'topup', name: '高龄加补', issuer: '街道办' }));
    const sale = lunchOn(12, 0);
    const meal = await ledger.recordMeal({ ...sale, quote: quoteMeal({ policies: [topUp], resident: residentFacts(residents[0]!), meal: sale.meal, history: [] }) });

    // The cache as the earlier version left it on disk: the same meals, the subsidy under （无档次）.
    const tally: CachedDay = { ...emptyTally('2026-03-12'), firstSeq: meal.seq };
    tallyMeal(tally, meal);
    tally.tiers = new Map([['（无档次）', { tier: '（无档次）', meals: 1, amountFen: 300 }]]);
    const earlier = new Dexie('report-days-tiers-report-days');
    earlier.version(2).stores({ days: 'date', meta: 'key' });
    await earlier.table('days').put(tally);
    await earlier.table('meta').put({ key: 'upTo', seq: meal.seq, hash: meal.hash });
    earlier.close();

    const report = await rangeReport(db, '2026-03-12', '2026-03-12');
    expect(report.subsidyByTier).toEqual([{ tier: '80 周岁以上', meals: 1, amountFen: 300 }]);
    expect(report).toEqual(await direct(db, '2026-03-12', '2026-03-12'));
    db.close();
  });
});
