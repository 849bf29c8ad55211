// Records the quote reads and writes. Zod schemas so the ledger, the claim file and the office
// verifier validate the same shapes; types inferred from them.
import { z } from 'zod';
import { CategoryCodeSchema, ChannelSchema, FenSchema, IdentifierSchema, InstantSchema, LocalDateSchema, MealPeriodSchema } from '../atoms';
import type { LimitScope, Policy } from '../policy/schema';

export const ResidentCategorySchema = z.strictObject({
  code: CategoryCodeSchema,
  /** Inclusive validity dates; absent means open-ended. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});

/** What the quote needs to know about a resident: never the ID number or the name. */
export const ResidentFactsSchema = z.strictObject({
  birthDate: LocalDateSchema,
  categories: z.array(ResidentCategorySchema).default([]),
  /** Administrative division codes (行政区划代码), as precise as known, e.g. township "440118102". */
  residenceArea: z.string().optional(),
  hukouArea: z.string().optional(),
  inCareHome: z.boolean().default(false),
  status: z.enum(['active', 'moved', 'deceased']).default('active'),
  /** Moved away or died on this date: no subsidy on or after it. */
  statusDate: LocalDateSchema.optional(),
});

export const MealItemSchema = z.strictObject({
  itemId: z.string().min(1),
  name: z.string().min(1),
  unitPriceFen: FenSchema,
  quantity: z.number().int().min(1).max(999),
  /** Only eligible items' prices form the base that discounts and subsidies apply to. */
  subsidyEligible: z.boolean(),
});

export const MealSchema = z.strictObject({
  servedAt: InstantSchema,
  channel: ChannelSchema,
  /** Name of whoever collected the meal for the elder (代领); null or absent when the elder came. */
  collectedBy: z.string().nullable().optional(),
  /** The counter may state the meal period; otherwise it is resolved from the time. */
  mealPeriod: MealPeriodSchema.optional(),
  items: z.array(MealItemSchema).min(1, '一餐至少要有一个菜品'),
});

export const BenefitRefSchema = z.strictObject({
  policyId: IdentifierSchema,
  ruleId: IdentifierSchema,
  groupId: IdentifierSchema,
  amountFen: FenSchema,
});

/** One earlier, non-voided meal of the resident, as far as limits care. See historyEntryFromQuote. */
export const HistoryEntrySchema = z.strictObject({
  date: LocalDateSchema,
  mealPeriod: MealPeriodSchema,
  benefits: z.array(BenefitRefSchema),
});

export const CanteenSchema = z.strictObject({
  /** The canteen's own area code (township for Zengcheng), for home-area-only funding shares. */
  area: z.string().optional(),
});

export const QuoteOptionsSchema = z.strictObject({
  /** Manager PIN override at the counter: grant benefits despite limits; lines say overridden. */
  overrideLimits: z.boolean().optional(),
});

export const NOT_APPLIED_CODES = [
  'not_in_force',
  'walk_in',
  'moved',
  'deceased',
  'excluded_date',
  'weekend',
  'meal_period',
  'outside_window',
  'channel',
  'proxy_not_allowed',
  'care_home',
  'area',
  'hukou',
  'under_age',
  'over_age',
  'category_missing',
  'category_expired',
  'below_minimum',
  'no_eligible_items',
  'zero_benefit',
  'bill_below_benefit',
  'not_highest',
  'limit_period',
  'limit_day',
  'limit_week',
  'limit_month',
] as const;
export type NotAppliedCode = (typeof NOT_APPLIED_CODES)[number];

export const ADJUSTMENT_CODES = ['capped_at_bill', 'outside_home_area', 'limit_period', 'limit_day', 'limit_week', 'limit_month'] as const;

export const FunderShareSchema = z.strictObject({
  funderId: IdentifierSchema,
  funderName: z.string(),
  claimable: z.boolean(),
  amountFen: FenSchema,
});

export const QuoteLineSchema = z.strictObject({
  policyId: IdentifierSchema,
  ruleId: IdentifierSchema,
  ruleName: z.string(),
  groupId: IdentifierSchema,
  type: z.enum(['discount', 'subsidy', 'delivery']),
  kind: z.enum(['fixed', 'percent', 'copay']),
  tier: z.string().optional(),
  amountFen: FenSchema,
  funders: z.array(FunderShareSchema),
  /** Why the amount is less than the rule's full benefit. */
  adjustments: z.array(z.strictObject({ code: z.enum(ADJUSTMENT_CODES), message: z.string() })).optional(),
  overridden: z.literal(true).optional(),
});

export const NotAppliedSchema = z.strictObject({
  policyId: IdentifierSchema,
  /** Absent when the whole policy did not apply (not_in_force). */
  ruleId: IdentifierSchema.optional(),
  name: z.string(),
  code: z.enum(NOT_APPLIED_CODES),
  message: z.string(),
});

export const QuoteSchema = z.strictObject({
  servedAt: InstantSchema,
  date: LocalDateSchema,
  mealPeriod: MealPeriodSchema,
  channel: ChannelSchema,
  proxy: z.boolean(),
  /** The policies that priced this meal. */
  policyIds: z.array(IdentifierSchema),
  grossFen: FenSchema,
  /** Sum of subsidy-eligible items. */
  eligibleFen: FenSchema,
  /** Discounts and subsidies, in the order they were applied. */
  lines: z.array(QuoteLineSchema),
  /** Paid to the deliverer; they do not lower what the elder pays. */
  deliveryLines: z.array(QuoteLineSchema),
  elderPaysFen: FenSchema,
  notApplied: z.array(NotAppliedSchema),
});

export type ResidentFacts = z.infer<typeof ResidentFactsSchema>;
export type ResidentCategory = z.infer<typeof ResidentCategorySchema>;
export type Meal = z.infer<typeof MealSchema>;
export type MealItem = z.infer<typeof MealItemSchema>;
export type BenefitRef = z.infer<typeof BenefitRefSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type Canteen = z.infer<typeof CanteenSchema>;
export type QuoteOptions = z.infer<typeof QuoteOptionsSchema>;
export type FunderShare = z.infer<typeof FunderShareSchema>;
export type QuoteLine = z.infer<typeof QuoteLineSchema>;
export type Adjustment = NonNullable<QuoteLine['adjustments']>[number];
export type NotApplied = z.infer<typeof NotAppliedSchema>;
export type Quote = z.infer<typeof QuoteSchema>;

export type QuoteInput = {
  /** Validated policies; those not in force on the meal date are skipped (and said so). */
  policies: readonly Policy[];
  /** null for a walk-in: no benefits. */
  resident: ResidentFacts | null;
  meal: Meal;
  /** The resident's earlier non-voided meals since historySince(date); more is harmless. */
  history: readonly HistoryEntry[];
  canteen?: Canteen;
  options?: QuoteOptions;
};

export const LIMIT_CODES = {
  meal_period: 'limit_period',
  day: 'limit_day',
  week: 'limit_week',
  month: 'limit_month',
} as const satisfies Record<LimitScope, NotAppliedCode>;
