// The quote scenario file (docs/quote-scenario.md): policies inline or as paths relative to the
// scenario, the resident, earlier meals, and the meal to quote.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { toChinaIso } from '../shared/china-time';
import { checkPolicy, formatPolicyNote } from '../shared/policy/check-policy';
import type { Policy } from '../shared/policy/schema';
import { historyEntryFromQuote, quoteSequence } from '../shared/quote/history';
import { quoteMeal } from '../shared/quote/quote';
import { CanteenSchema, MealSchema, QuoteOptionsSchema, ResidentFactsSchema, type Meal, type Quote } from '../shared/quote/types';
import { validate } from '../shared/validation';
import { InputError, formatIssues, readJsonFile, readJsonSource } from './io';

export const SCENARIO_FORMAT = 'canteen-scenario/1';

export const ScenarioSchema = z.strictObject({
  format: z.literal(SCENARIO_FORMAT, { error: `format 应为 "${SCENARIO_FORMAT}"` }),
  description: z.string().optional(),
  policies: z.array(z.union([z.string().min(1), z.record(z.string(), z.unknown())])).min(1, '至少要有一份政策'),
  canteen: CanteenSchema.optional(),
  resident: ResidentFactsSchema.nullable(),
  earlierMeals: z.array(MealSchema).default([]),
  meal: MealSchema,
  options: QuoteOptionsSchema.optional(),
});

export type Scenario = Omit<z.infer<typeof ScenarioSchema>, 'policies'> & { policies: Policy[] };

export function loadScenario(file: string): Scenario {
  const r = validate(ScenarioSchema, readJsonFile(file));
  if (!r.ok) throw new InputError([`${file} 不是有效的场景文件：`, ...formatIssues(r.issues)].join('\n'));
  const policies = r.value.policies.map((p, i) => {
    const path = typeof p === 'string' ? resolve(dirname(file), p) : `policies[${i}]`;
    const source = typeof p === 'string' ? readJsonSource(path) : { value: p, lineOf: () => undefined };
    const v = checkPolicy(source.value, source.lineOf);
    if (!v.ok) throw new InputError([`${path} 不是有效的政策文件：`, ...v.problems.map((n) => `  - ${formatPolicyNote(n)}`)].join('\n'));
    return v.policy;
  });
  // Times in other zones (a "Z" from toISOString, say) are priced in China time; show them so.
  const inChinaTime = (meal: Meal): Meal => ({ ...meal, servedAt: toChinaIso(meal.servedAt) ?? meal.servedAt });
  return { ...r.value, earlierMeals: r.value.earlierMeals.map(inChinaTime), meal: inChinaTime(r.value.meal), policies };
}

/** The scenario's meal, after its earlier meals were quoted in order (without the override). */
export function quoteScenario(s: Scenario): Quote {
  const base = { policies: s.policies, resident: s.resident, ...(s.canteen ? { canteen: s.canteen } : {}) };
  const history = quoteSequence(base, s.earlierMeals).map(historyEntryFromQuote);
  return quoteMeal({ ...base, ...(s.options ? { options: s.options } : {}), meal: s.meal, history });
}
