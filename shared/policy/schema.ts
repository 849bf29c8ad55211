// THE POLICY FILE ("canteen-policy/1"): what a subdistrict office writes once and gives to every
// canteen. Documented in docs/policy-format.md; the eight real policies are in ./examples.
import { z } from 'zod';
import {
  BasisPointsSchema,
  CategoryCodeSchema,
  ChannelSchema,
  FenSchema,
  IdentifierSchema,
  LocalDateSchema,
  MealPeriodSchema,
} from '../atoms';
import { parseHhmm } from '../china-time';

export const POLICY_FORMAT = 'canteen-policy/1';

const HhmmSchema = z.string().refine((s) => parseHhmm(s) !== null, '时间应为 HH:MM（24 小时制），如 11:30');
const AreaCodeSchema = z.string().regex(/^\d{2,12}$/, '地区应为行政区划代码（数字），按前缀匹配，如 12 表示天津市');
const nonEmpty = <T extends z.ZodType>(item: T, what: string) => z.array(item).min(1, `${what}至少要有一项`);

export const PolicyMealPeriodSchema = z
  .strictObject({ id: MealPeriodSchema, from: HhmmSchema.optional(), to: HhmmSchema.optional() })
  .refine((p) => (p.from === undefined) === (p.to === undefined), '时段要同时写 from 和 to，或都不写')
  .refine((p) => p.from === undefined || p.to === undefined || (parseHhmm(p.from) ?? 0) < (parseHhmm(p.to) ?? 0), 'from 必须早于 to');

export const FunderSchema = z.strictObject({
  id: IdentifierSchema,
  name: z.string().min(1, '请写出资方名称'),
  /** Government money is claimed back; the canteen's own share is reported, never claimed. */
  claimable: z.boolean(),
});

/** Whose area a home-area-only share looks at: the elder's hukou (户籍) or where they live. */
export const HOME_AREAS = ['hukou', 'residence'] as const;
export type HomeArea = (typeof HOME_AREAS)[number];

const shareCommon = {
  funder: IdentifierSchema,
  /**
   * Paid only when the elder belongs to the canteen's own area (e.g. Zengcheng's township share): "hukou" by
   * their hukou, "residence" by where they live. true, as files were written before the choice, is "residence".
   */
  homeAreaOnly: z
    .union([z.boolean(), z.enum(HOME_AREAS)], { error: 'homeAreaOnly 应为 "hukou"（按户籍地）、"residence"（按居住地）或 true（同 "residence"）' })
    .optional(),
};

/** The area a share's homeAreaOnly looks at, or null when the share is paid wherever the elder eats. */
export function homeAreaOf(share: { homeAreaOnly?: boolean | HomeArea | undefined }): HomeArea | null {
  if (!share.homeAreaOnly) return null;
  return share.homeAreaOnly === 'hukou' ? 'hukou' : 'residence';
}
export const FundingShareSchema = z.union(
  [
    z.strictObject({ ...shareCommon, amountFen: FenSchema }),
    z.strictObject({ ...shareCommon, basisPoints: BasisPointsSchema }),
    z.strictObject({ ...shareCommon, remainder: z.literal(true) }),
  ],
  { error: '出资份额应为 {funder, amountFen}、{funder, basisPoints} 或 {funder, remainder: true} 之一' },
);

export const BenefitSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('fixed'), amountFen: FenSchema }),
    z.strictObject({
      kind: z.literal('percent'),
      basisPoints: BasisPointsSchema,
      rounding: z.enum(['half_up', 'down', 'up']).default('half_up'),
      maxFen: FenSchema.optional(),
    }),
    /** The elder pays a fixed price; the benefit is the rest of the bill (never negative). */
    z.strictObject({ kind: z.literal('copay'), elderPaysFen: FenSchema, maxFen: FenSchema.optional() }),
  ],
  { error: '优惠方式 kind 应为 fixed（定额）、percent（折扣）或 copay（个人自付定额）' },
);

export const TierSchema = z
  .strictObject({
    label: z.string().min(1).optional(),
    /** Age in full years (周岁) on the meal date, inclusive. */
    minAge: z.number().int().min(0).max(150).optional(),
    maxAge: z.number().int().min(0).max(150).optional(),
    categoriesAnyOf: nonEmpty(CategoryCodeSchema, 'categoriesAnyOf').optional(),
    categoriesAllOf: nonEmpty(CategoryCodeSchema, 'categoriesAllOf').optional(),
    benefit: BenefitSchema,
  })
  .refine((t) => t.minAge === undefined || t.maxAge === undefined || t.minAge <= t.maxAge, 'minAge 不能大于 maxAge');

export const LIMIT_SCOPES = ['meal_period', 'day', 'week', 'month'] as const;
export const LimitSchema = z
  .strictObject({
    per: z.enum(LIMIT_SCOPES, { error: 'per 应为 meal_period、day、week 或 month' }),
    maxCount: z.number().int().min(1).optional(),
    maxFen: FenSchema.optional(),
  })
  .refine((l) => l.maxCount !== undefined || l.maxFen !== undefined, '限额要写 maxCount（次数）或 maxFen（金额）');

export const GroupSchema = z.strictObject({
  id: IdentifierSchema,
  name: z.string().min(1),
  /** discount and subsidy lower the bill; delivery is paid to the deliverer and does not. */
  type: z.enum(['discount', 'subsidy', 'delivery']),
  combine: z.enum(['highest', 'sum']),
  limits: z.array(LimitSchema).default([]),
});

export const RuleSchema = z.strictObject({
  id: IdentifierSchema,
  name: z.string().min(1),
  group: IdentifierSchema,
  /** Who gets what; when several tiers match, the largest benefit wins. */
  tiers: nonEmpty(TierSchema, 'tiers'),
  mealPeriods: nonEmpty(MealPeriodSchema, 'mealPeriods').optional(),
  weekdaysOnly: z.boolean().default(false),
  channels: nonEmpty(ChannelSchema, 'channels').optional(),
  proxyAllowed: z.boolean().default(true),
  residenceAreas: nonEmpty(AreaCodeSchema, 'residenceAreas').optional(),
  hukouAreas: nonEmpty(AreaCodeSchema, 'hukouAreas').optional(),
  excludeCareHome: z.boolean().default(false),
  minBill: z
    .strictObject({
      amountFen: FenSchema,
      /** gross: the meal's full price; net: after the benefits of earlier groups (and earlier rules of a "sum" group). */
      measure: z.enum(['gross', 'net']),
      /** Count only subsidy-eligible items (not drinks and the like); absent: every item counts. */
      eligibleOnly: z.boolean().optional(),
      /** The bill must exceed amountFen ("only when the bill exceeds the subsidy"); absent: reaching it is enough. */
      mustExceed: z.boolean().optional(),
    })
    .optional(),
  /** true: a benefit larger than the bill is cut to the bill; false: it is not granted at all. */
  capAtBill: z.boolean().default(true),
  limits: z.array(LimitSchema).default([]),
  funding: nonEmpty(FundingShareSchema, 'funding'),
});

export const PolicySchema = z
  .strictObject({
    format: z.literal(POLICY_FORMAT, { error: `format 应为 "${POLICY_FORMAT}"` }),
    id: IdentifierSchema,
    name: z.string().min(1),
    issuer: z.string().min(1),
    source: z.string().optional(),
    notes: z.string().optional(),
    effectiveFrom: LocalDateSchema,
    /** Inclusive; absent while the policy is open-ended. */
    effectiveTo: LocalDateSchema.optional(),
    mealPeriods: nonEmpty(PolicyMealPeriodSchema, 'mealPeriods'),
    excludedDates: z.array(LocalDateSchema).default([]),
    /** Weekend days worked by official adjustment (调休上班日): they count as weekdays. */
    extraWorkdays: z.array(LocalDateSchema).default([]),
    funders: nonEmpty(FunderSchema, 'funders'),
    groups: nonEmpty(GroupSchema, 'groups'),
    rules: nonEmpty(RuleSchema, 'rules'),
  })
  .superRefine(checkReferences);

export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;
export type PolicyRule = z.infer<typeof RuleSchema>;
export type PolicyGroup = z.infer<typeof GroupSchema>;
export type PolicyTier = z.infer<typeof TierSchema>;
export type Benefit = z.infer<typeof BenefitSchema>;
export type FundingShare = z.infer<typeof FundingShareSchema>;
export type Funder = z.infer<typeof FunderSchema>;
export type Limit = z.infer<typeof LimitSchema>;
export type MinBill = NonNullable<PolicyRule['minBill']>;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

type Ctx = z.core.$RefinementCtx<z.output<z.ZodObject>>;

// Cross-references a single field's schema cannot see.
function checkReferences(p: Omit<Policy, never>, ctx: Ctx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (p.effectiveTo !== undefined && p.effectiveTo < p.effectiveFrom) issue(['effectiveTo'], 'effectiveTo 不能早于 effectiveFrom');
  for (const [key, ids] of [
    ['funders', p.funders.map((f) => f.id)],
    ['groups', p.groups.map((g) => g.id)],
    ['rules', p.rules.map((r) => r.id)],
    ['mealPeriods', p.mealPeriods.map((m) => m.id)],
  ] as const) {
    ids.forEach((id: string, i) => {
      if ((ids as readonly string[]).indexOf(id) !== i) issue([key, i, 'id'], key === 'mealPeriods' ? `餐次 ${id} 写了两次：每个餐次只写一次` : `编号 ${id} 重复：每个编号只能用一次，请改成别的编号`);
    });
  }
  const defined = (ids: readonly string[]) => `（已定义：${ids.join('、')}）`;
  const periods = new Set<string>(p.mealPeriods.map((m) => m.id));
  p.rules.forEach((r, i) => {
    const group = p.groups.find((g) => g.id === r.group);
    if (!group) issue(['rules', i, 'group'], `分组 ${r.group} 未在 groups 中定义${defined(p.groups.map((g) => g.id))}`);
    for (const m of r.mealPeriods ?? []) {
      if (!periods.has(m)) issue(['rules', i, 'mealPeriods'], `餐次 ${m} 未在政策的 mealPeriods 中定义${defined([...periods])}`);
    }
    if (group?.type === 'delivery') {
      r.tiers.forEach((t, j) => {
        if (t.benefit.kind !== 'fixed') issue(['rules', i, 'tiers', j, 'benefit'], '送餐补贴只能是定额（fixed）');
      });
    }
    r.funding.forEach((s, j) => {
      if (!p.funders.some((f) => f.id === s.funder)) issue(['rules', i, 'funding', j, 'funder'], `出资方 ${s.funder} 未在 funders 中定义${defined(p.funders.map((f) => f.id))}`);
    });
    if (r.funding.filter((s) => 'remainder' in s).length !== 1) {
      issue(['rules', i, 'funding'], '每条规则要有且只有一个 remainder（承担余额的）出资方，如 { "funder": "district", "remainder": true }');
    }
    const bp = r.funding.reduce((sum, s) => sum + ('basisPoints' in s ? s.basisPoints : 0), 0);
    if (bp > 10000) issue(['rules', i, 'funding'], '各出资方的百分比合计不能超过 100%');
  });
}

/** Policies whose effective dates cover a China local date, in the given order. */
export function policiesInForce<P extends Pick<Policy, 'effectiveFrom' | 'effectiveTo'>>(policies: readonly P[], date: string): P[] {
  return policies.filter((p) => isInForce(p, date));
}

export function isInForce(p: Pick<Policy, 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return p.effectiveFrom <= date && (p.effectiveTo === undefined || date <= p.effectiveTo);
}
