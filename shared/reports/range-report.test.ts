import { describe, expect, it } from 'vitest';
import { toChinaLocal } from '../china-time';
import type { MealRecord } from '../ledger/records';
import { emptyTally, halfHourLabel, reportFromTallies, summarizeRange, tallyMeal, type DayTally } from './range-report';
import { emptySimplePolicy, toPolicyFile } from '../policy/simple-policy';
import { PolicySchema } from '../policy/schema';
import { quoteMeal } from '../quote/quote';

const facts = (birthDate: string) => ({ birthDate, hukouArea: 'x', residenceArea: 'x', categories: [], inCareHome: false, status: 'active' as const });
type Line = { type: 'subsidy' | 'discount'; amountFen: number; tier?: string; rule?: string; funders?: [string, number][] };

let serial = 0;
function meal(residentId: string | null, birthDate: string, servedAt: string, grossFen: number, lines: Line[]): MealRecord {
  serial++;
  const { date, minuteOfDay } = toChinaLocal(servedAt)!;
  const mealPeriod = minuteOfDay < 600 ? 'breakfast' : minuteOfDay < 900 ? 'lunch' : 'dinner';
  const quoteLines = lines.map((line, i) => ({
    policyId: 'p',
    ruleId: `r${i}`,
    ruleName: line.rule ?? 'rule',
    groupId: 'g',
    type: line.type,
    kind: 'fixed' as const,
    tier: line.tier,
    amountFen: line.amountFen,
    funders: (line.funders ?? []).map(([funderId, amountFen]) => ({ funderId, funderName: `${funderId}名`, claimable: funderId !== 'canteen', amountFen })),
  }));
  const off = lines.reduce((sum, line) => sum + line.amountFen, 0);
  return {
    id: `T1-${serial}`,
    tillId: 'T1',
    serial,
    residentId,
    resident: residentId ? { id: residentId, name: residentId, idKind: 'resident', idNumber: 'x', facts: facts(birthDate) } : null,
    meal: { servedAt, channel: 'dine_in', items: [{ itemId: 'std', name: '标准餐', unitPriceFen: grossFen, quantity: 1, subsidyEligible: true }] },
    quote: { servedAt, date, mealPeriod, channel: 'dine_in', proxy: false, policyIds: ['p'], grossFen, eligibleFen: grossFen, lines: quoteLines, deliveryLines: [], elderPaysFen: grossFen - off, notApplied: [] },
    date,
    month: date.slice(0, 7),
    mealPeriod,
    subsidyFen: 0,
    payment: { method: 'cash', amountFen: grossFen - off },
    cashierId: 'c1',
    recordedAt: servedAt,
    seq: serial,
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  } as MealRecord;
}

describe('summarizeRange', () => {
  const meals = [
    // 2026-03-01: a 65-year-old (born 1961-03-01, turns 65 that day), lunch 11:15, tier A subsidy 300 (city 200 + district 100)
    meal('r65', '1961-03-01', '2026-03-01T11:15:00+08:00', 1200, [{ type: 'subsidy', amountFen: 300, tier: 'A', funders: [['city', 200], ['district', 100]] }]),
    // the same person again on 03-02 at 11:45: counted once in persons and ages
    meal('r65', '1961-03-01', '2026-03-02T11:45:00+08:00', 1200, [{ type: 'subsidy', amountFen: 300, tier: 'A', funders: [['city', 200], ['district', 100]] }]),
    // an 80-year-old the day before the 80th birthday is 79: born 1946-03-03, served 03-02
    meal('r79', '1946-03-03', '2026-03-02T11:40:00+08:00', 1500, [
      { type: 'discount', amountFen: 150, funders: [['canteen', 150]] },
      { type: 'subsidy', amountFen: 500, tier: 'B', funders: [['city', 500]] },
    ]),
    // 90-year-old at breakfast 07:29, by a rule without tiers of its own
    meal('r90', '1936-01-01', '2026-03-03T07:29:59+08:00', 800, [{ type: 'subsidy', amountFen: 250, rule: '低保老人补贴', funders: [['district', 250]] }]),
    // 85, dinner at 17:30 sharp
    meal('r85', '1941-01-01', '2026-03-03T17:30:00+08:00', 1000, []),
    // a walk-in, 12:00, written in UTC (04:00Z is 12:00 in China)
    meal(null, '', '2026-03-03T04:00:00Z', 1800, []),
  ];
  const voided = meal('r85', '1941-01-01', '2026-03-02T11:50:00+08:00', 9999, [{ type: 'subsidy', amountFen: 777, tier: 'A', funders: [['city', 777]] }]);
  const outside = meal('r90', '1936-01-01', '2026-03-04T11:00:00+08:00', 5555, [{ type: 'subsidy', amountFen: 555, tier: 'A', funders: [['city', 555]] }]);
  const report = summarizeRange('2026-03-01', '2026-03-03', [...meals, voided, outside], new Set([voided.id]));

  it('totals to the fen, without voided meals or meals outside the range', () => {
    expect(report.meals).toBe(6);
    expect(report.persons).toBe(4);
    expect(report.walkIns).toBe(1);
    expect(report.grossFen).toBe(1200 + 1200 + 1500 + 800 + 1000 + 1800);
    expect(report.discountFen).toBe(150);
    expect(report.subsidyFen).toBe(300 + 300 + 500 + 250);
    expect(report.elderPaidFen).toBe(7500 - 150 - 1350);
  });

  it('sums the subsidy by funder and by tier', () => {
    expect(report.subsidyByFunder.map((f) => [f.funderId, f.amountFen, f.claimable])).toEqual([
      ['city', 200 + 200 + 500, true],
      ['district', 100 + 100 + 250, true],
    ]);
    expect(report.subsidyByTier).toEqual([
      { tier: 'A', meals: 2, amountFen: 600 },
      { tier: 'B', meals: 1, amountFen: 500 },
      { tier: '低保老人补贴', meals: 1, amountFen: 250 },
    ]);
    const byFunder = report.subsidyByFunder.reduce((sum, f) => sum + f.amountFen, 0);
    expect(byFunder).toBe(report.subsidyFen);
  });

  it('names a subsidy priced by the 政策 page\'s simple form by its rule, each rule a row of its own: never （无档次）', () => {
    const simple = PolicySchema.parse(
      toPolicyFile({ ...emptySimplePolicy('2026-01-01'), id: 'street', name: '街道助餐', issuer: '街道办', rules: [{ name: '80 周岁以上', minAge: 80, amountFen: 300 }, { name: '70-79 周岁', minAge: 70, maxAge: 79, amountFen: 200 }] }),
    );
    const priced = (residentId: string, birthDate: string, servedAt: string) => {
      const record = meal(residentId, birthDate, servedAt, 1200, []);
      const quote = quoteMeal({ policies: [simple], resident: { ...record.resident!.facts }, meal: record.meal, history: [] });
      return { ...record, quote };
    };
    const report = summarizeRange('2026-03-01', '2026-03-31', [priced('a', '1940-01-01', '2026-03-02T11:30:00+08:00'), priced('b', '1950-06-01', '2026-03-02T11:35:00+08:00'), priced('a', '1940-01-01', '2026-03-03T11:30:00+08:00')], new Set());
    expect(report.subsidyByTier).toEqual([
      { tier: '70-79 周岁', meals: 1, amountFen: 200 },
      { tier: '80 周岁以上', meals: 2, amountFen: 600 },
    ]);
  });

  it('counts meals per day by period, every day of the range', () => {
    expect(report.byDay).toEqual([
      { date: '2026-03-01', meals: { breakfast: 0, lunch: 1, dinner: 0 } },
      { date: '2026-03-02', meals: { breakfast: 0, lunch: 2, dinner: 0 } },
      { date: '2026-03-03', meals: { breakfast: 1, lunch: 1, dinner: 1 } },
    ]);
  });

  it('buckets persons by age on their first meal of the range', () => {
    expect(report.ages).toEqual({ '60岁以下': 0, '60-69岁': 1, '70-79岁': 1, '80-89岁': 1, '90岁及以上': 1 });
  });

  it('buckets meals by half-hour in China time', () => {
    const nonzero = report.halfHours.flatMap((count, slot) => (count ? [[halfHourLabel(slot), count]] : []));
    expect(nonzero).toEqual([
      ['07:00-07:30', 1],
      ['11:00-11:30', 1],
      ['11:30-12:00', 2],
      ['12:00-12:30', 1],
      ['17:30-18:00', 1],
    ]);
    expect(halfHourLabel(47)).toBe('23:30-00:00');
  });

  it('is empty for a range without meals', () => {
    const empty = summarizeRange('2026-04-01', '2026-04-30', meals, new Set());
    expect(empty.meals).toBe(0);
    expect(empty.byDay).toHaveLength(30);
    expect(empty.subsidyByFunder).toEqual([]);
  });
});

describe('day tallies', () => {
  const lunch = meal('r70', '1955-06-01', '2026-03-05T11:30:00+08:00', 1500, [{ type: 'subsidy', amountFen: 300, tier: 'A', funders: [['city', 300]] }]);
  const dinner = meal('r70', '1955-06-01', '2026-03-05T17:30:00+08:00', 1200, [{ type: 'subsidy', amountFen: 200, tier: 'C', funders: [['street', 200]] }]);
  const nextDay = meal('r80', '1945-06-01', '2026-03-06T11:30:00+08:00', 1500, []);

  it('take a voided meal off again as if it had never been added: its tier, funder and person go with it', () => {
    const day: DayTally = emptyTally('2026-03-05');
    for (const entry of [lunch, dinner]) tallyMeal(day, entry);
    const next = emptyTally('2026-03-06');
    tallyMeal(next, nextDay);
    tallyMeal(day, dinner, -1);
    const tallied = reportFromTallies('2026-03-05', '2026-03-06', new Map([[day.date, day], [next.date, next]]));
    expect(tallied).toEqual(summarizeRange('2026-03-05', '2026-03-06', [lunch, dinner, nextDay], new Set([dinner.id])));
    expect(tallied.subsidyByTier.map((t) => t.tier)).toEqual(['A']);
    expect(tallied.subsidyByFunder.map((f) => f.funderId)).toEqual(['city']);

    tallyMeal(day, lunch, -1);
    const emptied = reportFromTallies('2026-03-05', '2026-03-06', new Map([[day.date, day], [next.date, next]]));
    expect(emptied).toMatchObject({ meals: 1, persons: 1, subsidyFen: 0, subsidyByTier: [], subsidyByFunder: [] });
    expect(emptied.ages['80-89岁']).toBe(1);
  });

  it('survive a structured clone, as IndexedDB stores them', () => {
    const day = emptyTally('2026-03-05');
    tallyMeal(day, lunch);
    const copy = structuredClone(day);
    tallyMeal(copy, dinner);
    expect(reportFromTallies('2026-03-05', '2026-03-05', new Map([[copy.date, copy]]))).toEqual(summarizeRange('2026-03-05', '2026-03-05', [lunch, dinner], new Set()));
  });
});
