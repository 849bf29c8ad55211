// Properties over random valid policies, residents and meal sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEAL_PERIODS, type MealPeriod } from '../atoms';
import { CATEGORY_CODES } from '../categories';
import { addDays, weekStart } from '../china-time';
import { PolicySchema, type Policy, type PolicyInput } from '../policy/schema';
import { quoteSequence } from './history';
import { quoteMeal } from './quote';
import { QuoteSchema, type HistoryEntry, type Meal, type ResidentFacts } from './types';

/** Present about one time in `oneIn`: conditions that exclude people should be the exception. */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn = 4): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const cats = fc.subarray([...CATEGORY_CODES.slice(0, 4)], { minLength: 1, maxLength: 2 });
const limit = fc
  .record({ per: fc.constantFrom('meal_period', 'day', 'week', 'month'), maxCount: sometimes(fc.integer({ min: 1, max: 3 }), 2), maxFen: sometimes(fc.integer({ min: 1, max: 1500 }), 2) })
  .map((l) => (l.maxCount === undefined && l.maxFen === undefined ? { ...l, maxCount: 2 } : l));
const limits = fc.array(limit, { maxLength: 2 });
const benefit = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), amountFen: fc.integer({ min: 0, max: 1500 }) }),
  fc.record({ kind: fc.constant('percent' as const), basisPoints: fc.integer({ min: 1, max: 10000 }), rounding: fc.constantFrom('half_up', 'down', 'up'), maxFen: sometimes(fc.integer({ min: 0, max: 1500 })) }),
  fc.record({ kind: fc.constant('copay' as const), elderPaysFen: fc.integer({ min: 0, max: 1500 }), maxFen: sometimes(fc.integer({ min: 0, max: 1500 })) }),
);
const tier = fc
  .record({ minAge: sometimes(fc.integer({ min: 50, max: 100 }), 2), maxAge: sometimes(fc.integer({ min: 50, max: 110 })), categoriesAnyOf: sometimes(cats), categoriesAllOf: sometimes(cats, 8), benefit })
  .map((t) => (t.minAge !== undefined && t.maxAge !== undefined && t.minAge > t.maxAge ? { ...t, minAge: t.maxAge, maxAge: t.minAge } : t));
const share = fc.oneof(
  fc.record({ funder: fc.constantFrom('city', 'district', 'canteen'), amountFen: fc.integer({ min: 0, max: 800 }), homeAreaOnly: fc.boolean() }),
  fc.record({ funder: fc.constantFrom('city', 'district', 'canteen'), basisPoints: fc.integer({ min: 1, max: 5000 }), homeAreaOnly: fc.boolean() }),
);
const rule = fc.record({
  tiers: fc.array(tier, { minLength: 1, maxLength: 3 }),
  group: fc.constantFrom('g0', 'g1', 'g2'),
  weekdaysOnly: sometimes(fc.constant(true)).map((b) => b ?? false),
  channels: sometimes(fc.subarray(['dine_in', 'pickup', 'delivery'] as const, { minLength: 1 })),
  proxyAllowed: sometimes(fc.constant(false)).map((b) => b ?? true),
  residenceAreas: sometimes(fc.constant(['4401'] as string[])),
  excludeCareHome: fc.boolean(),
  minBill: sometimes(fc.record({ amountFen: fc.integer({ min: 0, max: 2000 }), measure: fc.constantFrom('gross', 'net') })),
  capAtBill: fc.boolean(),
  limits,
  shares: fc.array(share, { maxLength: 2 }),
  remainderHomeOnly: sometimes(fc.constant(true)).map((b) => b ?? false),
});
const group = fc.record({ type: fc.constantFrom('discount', 'subsidy', 'subsidy', 'delivery'), combine: fc.constantFrom('highest', 'sum'), limits });

const policyArb: fc.Arbitrary<Policy> = fc
  .record({ groups: fc.tuple(group, group, group), rules: fc.array(rule, { minLength: 1, maxLength: 4 }), windows: sometimes(fc.constant(true)).map((b) => b ?? false) })
  .map(({ groups, rules, windows }) => {
    const input: PolicyInput = {
      format: 'canteen-policy/1',
      id: 'random',
      name: '随机政策',
      issuer: '测试',
      effectiveFrom: '2026-01-01',
      mealPeriods: MEAL_PERIODS.map((id, i) => (windows ? { id, from: ['06:00', '11:00', '17:00'][i], to: ['09:00', '13:30', '19:30'][i] } : { id })),
      funders: [
        { id: 'city', name: '市', claimable: true },
        { id: 'district', name: '区', claimable: true },
        { id: 'canteen', name: '食堂', claimable: false },
      ],
      groups: groups.map((g, i) => ({ id: `g${i}`, name: `组${i}`, ...g })),
      rules: rules.map(({ shares, remainderHomeOnly, ...r }, i) => ({
        id: `r${i}`,
        name: `规则${i}`,
        ...r,
        // delivery groups take fixed amounts only
        tiers: groups[Number(r.group.slice(1))]?.type === 'delivery' ? r.tiers.map((t) => ({ ...t, benefit: { kind: 'fixed' as const, amountFen: 200 } })) : r.tiers,
        funding: [...shares, { funder: 'district', remainder: true as const, homeAreaOnly: remainderHomeOnly }],
      })),
    };
    return PolicySchema.parse(input);
  });

const date = fc.integer({ min: 0, max: 20 }).map((d) => addDays('2026-02-23', d));
const residentArb: fc.Arbitrary<ResidentFacts> = fc.record({
  birthDate: fc.integer({ min: 0, max: 20000 }).map((d) => addDays('1921-01-01', d)),
  categories: fc.array(fc.record({ code: fc.constantFrom(...CATEGORY_CODES.slice(0, 4)), from: sometimes(date), to: sometimes(date) }), { maxLength: 3 }),
  residenceArea: fc.constantFrom('440118102001', '440118103001', '310107'),
  inCareHome: sometimes(fc.constant(true), 6).map((b) => b ?? false),
  status: sometimes(fc.constantFrom('moved' as const, 'deceased' as const), 6).map((s) => s ?? 'active'),
  statusDate: sometimes(date),
});
const mealArb: fc.Arbitrary<Meal> = fc.record({
  servedAt: fc.tuple(date, fc.integer({ min: 5 * 60, max: 21 * 60 })).map(([d, m]) => `${d}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00+08:00`),
  channel: fc.constantFrom('dine_in', 'dine_in', 'pickup', 'delivery'),
  collectedBy: sometimes(fc.constant('邻居')).map((c) => c ?? null),
  items: fc.array(
    fc.record({ itemId: fc.constant('x'), name: fc.constant('菜'), unitPriceFen: fc.integer({ min: 0, max: 3000 }), quantity: fc.integer({ min: 1, max: 3 }), subsidyEligible: fc.boolean() }),
    { minLength: 1, maxLength: 4 },
  ),
});
const scenario = fc.record({
  policies: fc.array(policyArb, { minLength: 1, maxLength: 2 }).map((ps) => ps.map((p, i) => ({ ...p, id: `p${i}` }))),
  resident: fc.option(residentArb, { freq: 8 }),
  meals: fc.array(mealArb, { minLength: 1, maxLength: 16 }),
  canteen: fc.constantFrom({ area: '440118102' }, {}),
});

const RUNS = { numRuns: 150 };

describe('quote properties', () => {
  it('nobody pays below zero, benefits never exceed the eligible bill, shares add up, output is valid', () => {
    fc.assert(
      fc.property(scenario, ({ policies, resident, meals, canteen }) => {
        for (const q of quoteSequence({ policies, resident, canteen }, meals)) {
          const benefits = q.lines.reduce((s, l) => s + l.amountFen, 0);
          expect(q.elderPaysFen).toBeGreaterThanOrEqual(0);
          expect(benefits).toBeLessThanOrEqual(q.eligibleFen);
          expect(q.elderPaysFen).toBe(q.grossFen - benefits);
          for (const l of [...q.lines, ...q.deliveryLines]) {
            expect(l.amountFen).toBeGreaterThan(0);
            expect(l.funders.reduce((s, f) => s + f.amountFen, 0)).toBe(l.amountFen);
          }
          if (resident === null) expect(q.lines).toEqual([]);
          expect(QuoteSchema.safeParse(q).success).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('no sequence of meals exceeds a count or amount limit', () => {
    fc.assert(
      fc.property(scenario, ({ policies, resident, meals, canteen }) => {
        const history: HistoryEntry[] = quoteSequence({ policies, resident, canteen }, meals).map((q) => ({
          date: q.date,
          mealPeriod: q.mealPeriod,
          benefits: [...q.lines, ...q.deliveryLines],
        }));
        const keyOf = (e: { date: string; mealPeriod: MealPeriod }, per: string) =>
          per === 'meal_period' ? `${e.date} ${e.mealPeriod}` : per === 'day' ? e.date : per === 'week' ? weekStart(e.date) : e.date.slice(0, 7);
        for (const p of policies) {
          const subjects = [
            ...p.rules.map((r) => ({ limits: r.limits, hits: (b: HistoryEntry['benefits'][number]) => b.ruleId === r.id })),
            ...p.groups.map((g) => ({ limits: g.limits, hits: (b: HistoryEntry['benefits'][number]) => b.groupId === g.id })),
          ];
          for (const s of subjects) {
            for (const l of s.limits) {
              const used = new Map<string, { count: number; fen: number }>();
              for (const e of history) {
                const mine = e.benefits.filter((b) => b.policyId === p.id && s.hits(b));
                if (mine.length === 0) continue;
                const u = used.get(keyOf(e, l.per)) ?? { count: 0, fen: 0 };
                used.set(keyOf(e, l.per), { count: u.count + 1, fen: u.fen + mine.reduce((a, b) => a + b.amountFen, 0) });
              }
              for (const u of used.values()) {
                expect(u.count).toBeLessThanOrEqual(l.maxCount ?? Infinity);
                expect(u.fen).toBeLessThanOrEqual(l.maxFen ?? Infinity);
              }
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('the same input gives the same quote', () => {
    fc.assert(
      fc.property(scenario, ({ policies, resident, meals, canteen }) => {
        const [first, ...rest] = meals as [Meal, ...Meal[]];
        const history = quoteSequence({ policies, resident, canteen }, rest).map((q) => ({ date: q.date, mealPeriod: q.mealPeriod, benefits: q.lines }));
        const input = { policies, resident, meal: first, history, canteen };
        expect(quoteMeal(structuredClone(input))).toEqual(quoteMeal(input));
      }),
      RUNS,
    );
  });
});
