// The minimum bill: which items count (eligibleOnly) and whether reaching it is enough (mustExceed).
// 2026-03-02 is a Monday. Amounts in fen.
import { describe, expect, it } from 'vitest';
import { describeMinBill } from '../policy/explain';
import { PolicySchema, type MinBill, type PolicyInput } from '../policy/schema';
import { validate } from '../validation';
import { quoteMeal } from './quote';
import { amounts, meal, policy, reasons, resident } from './test-fixtures';

const NOON = '2026-03-02T12:00:00+08:00';
const elder = resident({ birthDate: '1940-01-01' });

function withMinBill(minBill: MinBill, discountBp?: number): PolicyInput {
  return {
    format: 'canteen-policy/1',
    id: 'p',
    name: '起付测试',
    issuer: '测试',
    effectiveFrom: '2026-01-01',
    mealPeriods: [{ id: 'lunch' }],
    funders: [{ id: 'f', name: '区财政', claimable: true }],
    groups: [
      { id: 'discount', name: '折扣', type: 'discount', combine: 'highest' },
      { id: 'subsidy', name: '补贴', type: 'subsidy', combine: 'highest' },
    ],
    rules: [
      ...(discountBp ? [{ id: 'd', name: '折扣', group: 'discount', tiers: [{ minAge: 60, benefit: { kind: 'percent' as const, basisPoints: discountBp } }], funding: [{ funder: 'f', remainder: true as const }] }] : []),
      { id: 's', name: '补贴', group: 'subsidy', minBill, tiers: [{ minAge: 60, benefit: { kind: 'fixed', amountFen: 300 } }], funding: [{ funder: 'f', remainder: true }] },
    ],
  };
}

const quote = (minBill: MinBill, items: Parameters<typeof meal>[1], discountBp?: number) =>
  quoteMeal({ policies: [policy(withMinBill(minBill, discountBp))], resident: elder, meal: meal(NOON, items), history: [] });

describe('minBill.eligibleOnly: drinks and other non-eligible items do not count', () => {
  // An 8.00 meal and a 3.00 drink (not eligible) against a 10.00 minimum.
  const items = [800, [300, false]] as const;
  it('without it the drink counts: 11.00 reaches 10.00', () => {
    expect(amounts(quote({ amountFen: 1000, measure: 'gross' }, [...items]))).toEqual([['s', 300]]);
  });
  it('with it only the 8.00 meal counts, and the reason says so', () => {
    const q = quote({ amountFen: 1000, measure: 'gross', eligibleOnly: true }, [...items]);
    expect(q.lines).toEqual([]);
    expect(reasons(q)).toEqual(['s below_minimum: 可补贴菜品满 ¥10.00 才能享受（本餐可补贴菜品 ¥8.00）']);
  });
  it('measured net, it counts the eligible items after the discount: 10.00 − 10% = 9.00 < 9.50', () => {
    const q = quote({ amountFen: 950, measure: 'net', eligibleOnly: true }, [1000, [500, false]], 1000);
    expect(reasons(q)).toEqual(['s below_minimum: 优惠后可补贴菜品满 ¥9.50 才能享受（本餐可补贴菜品 ¥9.00）']);
    // Without eligibleOnly the drink lifts the net bill to 14.00.
    expect(amounts(quote({ amountFen: 950, measure: 'net' }, [1000, [500, false]], 1000))).toEqual([['d', 100], ['s', 300]]);
  });
});

describe('minBill.mustExceed: only when the bill exceeds the amount', () => {
  it('refuses a bill equal to the amount and grants one a fen above it', () => {
    const exceed = { amountFen: 500, measure: 'gross', mustExceed: true } as const;
    expect(reasons(quote(exceed, [500]))).toEqual(['s below_minimum: 消费超过 ¥5.00 才能享受（本餐 ¥5.00）']);
    expect(amounts(quote(exceed, [501]))).toEqual([['s', 300]]);
  });
  it('without it, reaching the amount is enough', () => {
    expect(amounts(quote({ amountFen: 500, measure: 'gross' }, [500]))).toEqual([['s', 300]]);
  });
  it('prices the bills around it as the old way of writing it, amountFen + 1 fen', () => {
    for (let bill = 450; bill <= 550; bill += 1) {
      const a = quote({ amountFen: 500, measure: 'gross', mustExceed: true }, [bill]);
      const b = quote({ amountFen: 501, measure: 'gross' }, [bill]);
      expect([bill, a.elderPaysFen]).toEqual([bill, b.elderPaysFen]);
    }
  });
});

describe('minBill in the policy file and its explanation', () => {
  it('takes the two options as true or false only', () => {
    expect(validate(PolicySchema, withMinBill({ amountFen: 500, measure: 'gross', eligibleOnly: true, mustExceed: true })).ok).toBe(true);
    expect(validate(PolicySchema, withMinBill({ amountFen: 500, measure: 'gross', eligibleOnly: 'yes' as unknown as boolean })).ok).toBe(false);
  });
  it('reads back what counts and how', () => {
    expect(describeMinBill({ amountFen: 1500, measure: 'net' })).toBe('优惠后消费满 ¥15.00');
    expect(describeMinBill({ amountFen: 800, measure: 'gross', eligibleOnly: true })).toBe('可补贴菜品满 ¥8.00');
    expect(describeMinBill({ amountFen: 500, measure: 'gross', mustExceed: true })).toBe('消费超过 ¥5.00');
  });
});
