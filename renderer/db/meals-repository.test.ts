import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteMeal } from '../../shared/quote/quote';
import { CanteenDB } from './canteen-db';
import { Ledger } from './ledger';
import { limitHistory, mealsBetween, mealsInPeriod, mealsOfResident, mealsOnDay } from './meals-repository';
import { aResident, aSale, tianjin } from './test-fixtures';

const db = new CanteenDB('meals-repository-test');
const ledger = new Ledger(db, 'T1', () => Date.parse('2026-03-09T12:00:00+08:00'));
const wang = aResident({ name: '王秀英' });
const li = aResident({ name: '李建国' });

/** Records a meal priced as the counter prices it: with the resident's history from the ledger. */
async function serve(resident: typeof wang | null, servedAt: string) {
  const history = resident ? await limitHistory(db, resident.id, servedAt.slice(0, 10)) : [];
  return ledger.recordMeal(aSale(resident, servedAt, history));
}

beforeAll(async () => {
  // Week of Mon 2026-03-02: Wang eats lunch Mon-Fri and one dinner; Li eats once; a walk-in; Wang's Tuesday lunch is voided.
  await serve(wang, '2026-02-27T11:40:00+08:00');
  for (const day of ['02', '03', '04']) await serve(wang, `2026-03-${day}T11:40:00+08:00`);
  await ledger.voidMeal({ mealId: 'T1-3', reason: '重复结账', managerId: 'm1' });
  await serve(wang, '2026-03-04T17:50:00+08:00');
  await serve(li, '2026-03-04T11:50:00+08:00');
  await serve(null, '2026-03-04T12:10:00+08:00');
  for (const day of ['05', '06']) await serve(wang, `2026-03-${day}T11:40:00+08:00`);
});
afterAll(() => db.close());

describe('meal queries', () => {
  it('finds a resident\'s meals in a date range', async () => {
    const meals = await mealsOfResident(db, wang.id, '2026-03-03', '2026-03-05');
    expect(meals.map((meal) => meal.date).sort()).toEqual(['2026-03-03', '2026-03-04', '2026-03-04', '2026-03-05']);
  });
  it('finds meals by day, by date range and by meal period', async () => {
    expect(await mealsOnDay(db, '2026-03-04')).toHaveLength(4);
    expect(await mealsBetween(db, '2026-03-01', '2026-03-31')).toHaveLength(8);
    expect(await mealsBetween(db, '2026-02-01', '2026-02-28')).toHaveLength(1);
    expect((await mealsInPeriod(db, '2026-03-04', 'lunch')).map((meal) => meal.residentId)).toEqual(expect.arrayContaining([wang.id, li.id, null]));
    expect(await mealsInPeriod(db, '2026-03-04', 'dinner')).toHaveLength(1);
  });
  it('gives the limits the resident\'s non-voided meals, so Tianjin\'s daily and weekly caps hold', async () => {
    // Tianjin: one subsidised meal a day, five a calendar week (Mon-Sun).
    const wednesdayDinner = (await mealsInPeriod(db, '2026-03-04', 'dinner'))[0]!;
    expect(wednesdayDinner.subsidyFen).toBe(0);
    expect(wednesdayDinner.quote.notApplied.map((reason) => reason.code)).toContain('limit_day');

    // Subsidised this week: Mon, Wed, Thu, Fri lunch (Tuesday's was voided): Saturday is the fifth.
    const history = await limitHistory(db, wang.id, '2026-03-07');
    expect(history.filter((entry) => entry.date >= '2026-03-02' && entry.benefits.length)).toHaveLength(4);
    const saturday = await serve(wang, '2026-03-07T11:40:00+08:00');
    expect(saturday.subsidyFen).toBe(300);

    const sunday = quoteMeal({ policies: [tianjin], resident: saturday.resident!.facts, meal: { ...saturday.meal, servedAt: '2026-03-08T11:40:00+08:00' }, history: await limitHistory(db, wang.id, '2026-03-08') });
    expect(sunday.elderPaysFen).toBe(1500);
    expect(sunday.notApplied.map((reason) => reason.code)).toContain('limit_week');
  });
});
