import { describe, expect, it } from 'vitest';
import { quoteMeal } from '../quote/quote';
import { meal, resident } from '../quote/test-fixtures';
import { EXAMPLE_POLICIES } from './examples';
import { PolicySchema } from './schema';
import { emptySimplePolicy, fromPolicyFile, toPolicyFile, type SimplePolicy } from './simple-policy';
import { policiesForDate } from './versions';

const simple: SimplePolicy = {
  id: 'demo-80',
  name: '示例街道高龄助餐补贴',
  issuer: '示例街道办事处',
  effectiveFrom: '2026-01-01',
  mealPeriods: [{ id: 'lunch', from: '10:30', to: '13:30' }, { id: 'dinner' }],
  rules: [
    { name: '80 周岁以上', minAge: 80, amountFen: 300 },
    { name: '低保老人', minAge: 60, maxAge: 79, categoriesAnyOf: ['dibao', 'tekun'], amountFen: 500, hukouArea: '12' },
  ],
  limits: { perDay: 1, perMonth: 30 },
  funder: { name: '区财政', claimable: true },
};

describe('toPolicyFile', () => {
  it('writes a valid policy file that reads back to the same simple model', () => {
    const parsed = PolicySchema.safeParse(toPolicyFile(simple));
    expect(parsed.success).toBe(true);
    expect(fromPolicyFile(parsed.data!)).toEqual(simple);
  });
  it('writes the new-policy defaults as a valid file once named', () => {
    const fresh = { ...emptySimplePolicy('2026-05-01'), id: 'fresh', name: '新政策', issuer: '街道' };
    expect(PolicySchema.safeParse(toPolicyFile(fresh)).success).toBe(true);
  });
});

describe('fromPolicyFile', () => {
  it('gives null for the real policies that use more than the simple editor shows', () => {
    for (const [name, input] of Object.entries(EXAMPLE_POLICIES)) {
      const policy = PolicySchema.parse(input);
      const back = fromPolicyFile(policy);
      // Whatever it does accept must survive the round trip unchanged in meaning.
      if (back) expect(PolicySchema.parse(toPolicyFile(back)).rules.length, name).toBe(policy.rules.length);
    }
    const withPercent = PolicySchema.parse(toPolicyFile(simple));
    withPercent.rules[0]!.tiers[0]!.benefit = { kind: 'percent', basisPoints: 1000, rounding: 'half_up' };
    expect(fromPolicyFile(withPercent)).toBeNull();
    expect(fromPolicyFile({ ...PolicySchema.parse(toPolicyFile(simple)), excludedDates: ['2026-02-01'] })).toBeNull();
  });
});

describe('a new version from a future date', () => {
  it('prices meals before its effective date by the old amount and from it by the new one', () => {
    const v1 = PolicySchema.parse(toPolicyFile({ ...simple, rules: [simple.rules[0]!] }));
    const v2 = PolicySchema.parse(toPolicyFile({ ...simple, effectiveFrom: '2026-07-01', rules: [{ ...simple.rules[0]!, amountFen: 500 }] }));
    const versions = [
      { policy: v1, importedAt: '2026-01-01T09:00:00+08:00' },
      { policy: v2, importedAt: '2026-06-01T09:00:00+08:00' },
    ];
    const elder = resident({ birthDate: '1941-03-02' });
    const on = (date: string) =>
      quoteMeal({ policies: policiesForDate(versions, date), resident: elder, meal: meal(`${date}T11:30:00+08:00`, [1200]), history: [] });
    expect(on('2026-06-30').lines.map((l) => l.amountFen)).toEqual([300]);
    expect(on('2026-06-30').elderPaysFen).toBe(900);
    expect(on('2026-07-01').lines.map((l) => l.amountFen)).toEqual([500]);
    expect(on('2026-07-01').elderPaysFen).toBe(700);
  });
});
