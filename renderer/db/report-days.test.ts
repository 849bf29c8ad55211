import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { summarizeRange } from '../../shared/reports/range-report';
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';
import { mealIdsVoidedSince } from './meals-repository';
import { rangeReport } from './report-days';
import { aResident, aSale } from './test-fixtures';

const clock = () => Date.parse('2026-03-20T12:00:00+08:00');
const residents = [aResident(), aResident({ birthDate: '1960-05-05' }), aResident({ birthDate: '1950-07-01' })];
const lunchOn = (day: number, who: number | null) => aSale(who === null ? null : residents[who]!, `2026-03-${String(day).padStart(2, '0')}T11:45:00+08:00`);

/** What the report must say: every meal of the range read from the books, voids left out. */
async function direct(db: CanteenDB, from: string, to: string) {
  return summarizeRange(from, to, await db.meals.toArray(), await mealIdsVoidedSince(db, from));
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
});
