// Builders shared by the quote tests (not shipped code paths).
import type { z } from 'zod';
import { EXAMPLE_POLICIES } from '../policy/examples';
import { PolicySchema, type Policy, type PolicyInput } from '../policy/schema';
import { ResidentFactsSchema, type Meal, type Quote, type ResidentFacts } from './types';

export function example(name: string): Policy {
  return PolicySchema.parse(EXAMPLE_POLICIES[name]);
}

export function policy(input: PolicyInput): Policy {
  return PolicySchema.parse(input);
}

export function resident(facts: z.input<typeof ResidentFactsSchema>): ResidentFacts {
  return ResidentFactsSchema.parse(facts);
}

/** A meal of eligible items at these prices (fen), or of [price, eligible] pairs. */
export function meal(servedAt: string, items: ReadonlyArray<number | readonly [number, boolean]>, extra: Partial<Meal> = {}): Meal {
  return {
    servedAt,
    channel: 'dine_in',
    items: items.map((it, i) => {
      const [price, eligible] = typeof it === 'number' ? [it, true] : it;
      return { itemId: `i${i}`, name: `菜${i}`, unitPriceFen: price, quantity: 1, subsidyEligible: eligible };
    }),
    ...extra,
  };
}

export const reasons = (q: Quote) => q.notApplied.map((n) => `${n.ruleId ?? n.policyId} ${n.code}: ${n.message}`);
export const amounts = (q: Quote) => q.lines.map((l) => [l.ruleId, l.amountFen]);
