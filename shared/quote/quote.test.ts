// General semantics of quoteMeal on small synthetic policies.
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '../policy/schema';
import { historyEntryFromQuote, quoteSequence } from './history';
import { quoteMeal } from './quote';
import { amounts, meal, policy, reasons, resident } from './test-fixtures';

type RuleInput = PolicyInput['rules'][number];
const rule = (id: string, over: Partial<RuleInput> = {}): RuleInput => ({
  id,
  name: `规则${id}`,
  group: 'g',
  tiers: [{ minAge: 60, benefit: { kind: 'fixed', amountFen: 300 } }],
  funding: [{ funder: 'street', remainder: true }],
  ...over,
});
const make = (rules: RuleInput[], over: Partial<PolicyInput> = {}) =>
  policy({
    format: 'canteen-policy/1',
    id: 'p',
    name: '测试政策',
    issuer: '测试街道',
    effectiveFrom: '2026-01-01',
    mealPeriods: [{ id: 'breakfast' }, { id: 'lunch' }, { id: 'dinner' }],
    funders: [{ id: 'street', name: '街道', claimable: true }],
    groups: [{ id: 'g', name: '补贴', type: 'subsidy', combine: 'highest' }],
    rules,
    ...over,
  });
const elder = resident({ birthDate: '1950-01-01' });
const noon = '2026-03-02T12:00:00+08:00';

describe('quoteMeal basics', () => {
  it('sums items by quantity and subsidises only eligible items', () => {
    const p = make([rule('r', { tiers: [{ benefit: { kind: 'percent', basisPoints: 5000 } }] })]);
    const m = meal(noon, []);
    m.items = [
      { itemId: 'rice', name: '米饭', unitPriceFen: 150, quantity: 2, subsidyEligible: true },
      { itemId: 'dish', name: '红烧肉', unitPriceFen: 900, quantity: 1, subsidyEligible: true },
      { itemId: 'beer', name: '啤酒', unitPriceFen: 600, quantity: 1, subsidyEligible: false },
    ];
    const q = quoteMeal({ policies: [p], resident: elder, meal: m, history: [] });
    // gross 300 + 900 + 600 = 1800; eligible 1200; 50% of 1200 = 600; pays 1200
    expect([q.grossFen, q.eligibleFen, q.elderPaysFen, amounts(q)]).toEqual([1800, 1200, 1200, [['r', 600]]]);
  });
  it('reads the date in China time whatever offset servedAt has', () => {
    const p = make([rule('r')]);
    const q = quoteMeal({ policies: [p], resident: elder, meal: meal('2026-03-01T23:30:00Z', [1000]), history: [] });
    expect([q.date, q.mealPeriod, q.servedAt]).toEqual(['2026-03-02', 'breakfast', '2026-03-01T23:30:00Z']);
  });
  it('takes the meal period the counter states', () => {
    const q = quoteMeal({ policies: [make([rule('r')])], resident: elder, meal: meal(noon, [1000], { mealPeriod: 'dinner' }), history: [] });
    expect(q.mealPeriod).toBe('dinner');
  });
  it('is deterministic', () => {
    const input = { policies: [make([rule('a'), rule('b')])], resident: elder, meal: meal(noon, [1000]), history: [] };
    expect(quoteMeal(input)).toEqual(quoteMeal(structuredClone(input)));
  });
  it('refuses a servedAt it cannot read', () => {
    expect(() => quoteMeal({ policies: [], resident: elder, meal: meal('2026-03-02 12:00', [1000]), history: [] })).toThrow(/servedAt/);
  });
});

describe('conditions', () => {
  it('stops on or after the date a resident moved or died', () => {
    const p = [make([rule('r')])];
    const moved = resident({ birthDate: '1950-01-01', status: 'moved', statusDate: '2026-03-02' });
    expect(reasons(quoteMeal({ policies: p, resident: moved, meal: meal(noon, [1000]), history: [] }))).toEqual(['r moved: 已迁出（2026-03-02），不再享受补贴']);
    const before = quoteMeal({ policies: p, resident: moved, meal: meal('2026-03-01T12:00:00+08:00', [1000]), history: [] });
    expect(before.lines).toHaveLength(1);
    const dead = resident({ birthDate: '1950-01-01', status: 'deceased' });
    expect(reasons(quoteMeal({ policies: p, resident: dead, meal: meal(noon, [1000]), history: [] }))).toEqual(['r deceased: 已身故，不再享受补贴']);
  });
  it('checks channel and 代领', () => {
    const p = [make([rule('r', { channels: ['dine_in'], proxyAllowed: false })])];
    expect(reasons(quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000], { channel: 'pickup' }), history: [] }))).toEqual([
      'r channel: 仅限堂食（本餐为自取）',
    ]);
    expect(reasons(quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000], { collectedBy: '女儿' }), history: [] }))).toEqual([
      'r proxy_not_allowed: 他人代领不享受此项，须本人就餐',
    ]);
    expect(quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000], { collectedBy: '  ' }), history: [] }).proxy).toBe(false);
  });
  it('says when nothing on the tray is eligible', () => {
    const q = quoteMeal({ policies: [make([rule('r')])], resident: elder, meal: meal(noon, [[500, false]]), history: [] });
    expect(reasons(q)).toEqual(['r no_eligible_items: 本餐没有可享受补贴的菜品']);
  });
  it('caps percent benefits at maxFen', () => {
    const p = [make([rule('r', { tiers: [{ benefit: { kind: 'percent', basisPoints: 2000, maxFen: 150 } }] })])];
    expect(amounts(quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000]), history: [] }))).toEqual([['r', 150]]);
  });
});

describe('combining', () => {
  it('in a sum group applies rules one after another and never below zero', () => {
    const p = [make([rule('a', { tiers: [{ benefit: { kind: 'fixed', amountFen: 600 } }] }), rule('b', { tiers: [{ benefit: { kind: 'fixed', amountFen: 600 } }] })], {
      groups: [{ id: 'g', name: '补贴', type: 'subsidy', combine: 'sum' }],
    })];
    const q = quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000]), history: [] });
    // a 600, then b capped at the 400 left; pays 0
    expect([amounts(q), q.elderPaysFen]).toEqual([[['a', 600], ['b', 400]], 0]);
  });
  it('in a highest group keeps the larger and says why the other lost; ties go to the first', () => {
    const p = [make([rule('a'), rule('b', { tiers: [{ benefit: { kind: 'fixed', amountFen: 400 } }] }), rule('c', { tiers: [{ benefit: { kind: 'fixed', amountFen: 400 } }] })])];
    const q = quoteMeal({ policies: p, resident: elder, meal: meal(noon, [1000]), history: [] });
    expect(amounts(q)).toEqual([['b', 400]]);
    expect(reasons(q)).toEqual(['a not_highest: 同组只享受一项，已享受更高的“规则b”', 'c not_highest: 同组只享受一项，已享受更高的“规则b”']);
  });
  it('applies several policies in order and says which are not in force', () => {
    const old = make([rule('r')], { id: 'old', effectiveFrom: '2020-01-01', effectiveTo: '2025-12-31' });
    const q = quoteMeal({ policies: [old, make([rule('r')])], resident: elder, meal: meal(noon, [1000]), history: [] });
    expect(q.policyIds).toEqual(['p']);
    expect(q.notApplied).toEqual([{ policyId: 'old', name: '测试政策', code: 'not_in_force', message: '政策有效期为 2020-01-01 至 2025-12-31，2026-03-02 不在有效期内' }]);
  });
});

describe('amount limits', () => {
  const p = [make([rule('r', { tiers: [{ benefit: { kind: 'fixed', amountFen: 400 } }], limits: [{ per: 'month', maxFen: 1000 }] })])];
  const days = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-04-01'].map((d) => meal(`${d}T12:00:00+08:00`, [1000]));
  it('cut the last subsidy to what is left, then stop, then reset next month', () => {
    const qs = quoteSequence({ policies: p, resident: elder }, days);
    // 400 + 400 + 200 (cut) = 1000; then used up; April starts again
    expect(qs.map((q) => q.lines[0]?.amountFen ?? 0)).toEqual([400, 400, 200, 0, 400]);
    expect(qs[2]?.lines[0]?.adjustments).toEqual([{ code: 'limit_month', message: '本月规则r额度仅剩 ¥2.00（上限 ¥10.00）' }]);
    expect(reasons(qs[3]!)).toEqual(['r limit_month: 本月规则r额度已用完（¥10.00/¥10.00）']);
  });
  it('on a group cut the total the group gives', () => {
    const g = [make([rule('a'), rule('b')], { groups: [{ id: 'g', name: '补贴', type: 'subsidy', combine: 'sum', limits: [{ per: 'day', maxFen: 500 }] }] })];
    const qs = quoteSequence({ policies: g, resident: elder }, [meal(noon, [1000]), meal('2026-03-02T18:00:00+08:00', [1000])]);
    // a 300 + b 300 = 600 > 500: b cut to 200; at dinner nothing is left
    expect(amounts(qs[0]!)).toEqual([['a', 300], ['b', 200]]);
    expect(reasons(qs[1]!)).toEqual(['a limit_day: 今日补贴额度已用完（¥5.00/¥5.00）', 'b limit_day: 今日补贴额度已用完（¥5.00/¥5.00）']);
    const over = quoteSequence({ policies: g, resident: elder, options: { overrideLimits: true } }, [meal(noon, [1000]), meal('2026-03-02T18:00:00+08:00', [1000])]);
    expect(over[1]?.lines.map((l) => [l.amountFen, l.overridden])).toEqual([[300, true], [300, true]]);
  });
});

describe('historyEntryFromQuote', () => {
  it('keeps date, meal period and every benefit including delivery', () => {
    const p = make([rule('r'), rule('d', { group: 'd' })], {
      groups: [
        { id: 'g', name: '补贴', type: 'subsidy', combine: 'highest' },
        { id: 'd', name: '送餐', type: 'delivery', combine: 'highest' },
      ],
    });
    const q = quoteMeal({ policies: [p], resident: elder, meal: meal(noon, [1000], { channel: 'delivery' }), history: [] });
    expect(historyEntryFromQuote(q)).toEqual({
      date: '2026-03-02',
      mealPeriod: 'lunch',
      benefits: [
        { policyId: 'p', ruleId: 'r', groupId: 'g', amountFen: 300 },
        { policyId: 'p', ruleId: 'd', groupId: 'd', amountFen: 300 },
      ],
    });
  });
});
