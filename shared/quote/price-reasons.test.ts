import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICIES } from '../policy/examples';
import { priceReasons } from './price-reasons';
import { quoteMeal } from './quote';
import { example, meal, policy, resident } from './test-fixtures';

// 2025-03-03 is a Monday, inside the shipped Shenzhen example's dates.
const NOON = '2025-03-03T11:45:00+08:00';
const shenzhen = example('shenzhen');
const elder75 = resident({ birthDate: '1950-01-01' });
const texts = (list: { message: string }[]) => list.map((reason) => reason.message);

describe('priceReasons: only what explains the price is shown at once', () => {
  it('does not tell a dine-in meal that the delivery fee is for deliveries only', () => {
    const quote = quoteMeal({ policies: [shenzhen], resident: elder75, meal: meal(NOON, [1200]), history: [] });
    expect(quote.notApplied.map((reason) => reason.code)).toEqual(['channel']);
    const { shown, more } = priceReasons(quote, [shenzhen]);
    expect(shown).toEqual([]);
    expect(more.map((reason) => reason.code)).toEqual(['channel']);
  });

  it('hides the rules that lost in a "highest" group that paid, and shows why a group paid nothing', () => {
    const raw = structuredClone(EXAMPLE_POLICIES.shenzhen) as { rules: Record<string, unknown>[] };
    raw.rules.push({ ...raw.rules[0], id: 'extra', name: '特困加补', tiers: [{ minAge: 60, categoriesAnyOf: ['tekun'], benefit: { kind: 'fixed', amountFen: 1500 } }] });
    const twoRules = policy(raw as never);
    const paid = quoteMeal({ policies: [twoRules], resident: elder75, meal: meal(NOON, [1200]), history: [] });
    expect(paid.lines).toHaveLength(1);
    expect(priceReasons(paid, [twoRules]).shown).toEqual([]);

    const young = resident({ birthDate: '1960-01-01' });
    const none = quoteMeal({ policies: [twoRules], resident: young, meal: meal(NOON, [1200]), history: [] });
    expect(none.lines).toHaveLength(0);
    // Nothing paid: each rule's reason explains the full price.
    expect(texts(priceReasons(none, [twoRules]).shown)).toEqual(['需具备以下身份之一：特困、低保、低保边缘、百岁老人、优抚、计生特殊家庭', '需具备以下身份之一：特困']);
  });

  it('says a walk-in gets no subsidy once, not once per rule', () => {
    const quote = quoteMeal({ policies: [shenzhen], resident: null, meal: meal(NOON, [1200]), history: [] });
    expect(quote.notApplied).toHaveLength(2);
    expect(texts(priceReasons(quote, [shenzhen]).shown)).toEqual(['散客（未识别老人身份）不享受补贴']);
  });
});
