// The "simple policy": the common case a manager can edit in a form on the 政策 page. One subsidy group
// combining by highest, fixed amounts by age (and optionally category or hukou area), count limits, and
// one funder paying the whole amount. toPolicyFile writes the ordinary policy file; fromPolicyFile reads
// one back, or gives null when the file uses anything the form cannot show (edit the file instead).
import type { CategoryCode } from '../categories';
import type { MealPeriod } from '../atoms';
import { POLICY_FORMAT, type Limit, type Policy, type PolicyInput } from './schema';

export type SimpleMealPeriod = { id: MealPeriod; from?: string; to?: string };

export type SimpleRule = {
  name: string;
  minAge: number;
  maxAge?: number;
  /** Any one of these categories qualifies; absent: no category needed. */
  categoriesAnyOf?: CategoryCode[];
  amountFen: number;
  /** Hukou area code prefix, e.g. "12" for Tianjin. */
  hukouArea?: string;
};

export type SimpleLimits = { perDay?: number; perWeek?: number; perMonth?: number };

export type SimplePolicy = {
  id: string;
  name: string;
  issuer: string;
  effectiveFrom: string;
  effectiveTo?: string;
  mealPeriods: SimpleMealPeriod[];
  rules: SimpleRule[];
  limits: SimpleLimits;
  funder: { name: string; claimable: boolean };
};

const GROUP_ID = 'subsidy';
const FUNDER_ID = 'funder';
const LIMIT_KEYS = [
  ['day', 'perDay'],
  ['week', 'perWeek'],
  ['month', 'perMonth'],
] as const;

export function emptySimplePolicy(effectiveFrom: string): SimplePolicy {
  return {
    id: '',
    name: '',
    issuer: '',
    effectiveFrom,
    mealPeriods: [{ id: 'lunch' }],
    rules: [{ name: '80 周岁以上', minAge: 80, amountFen: 300 }],
    limits: { perDay: 1 },
    funder: { name: '区财政', claimable: true },
  };
}

export function toPolicyFile(simple: SimplePolicy): PolicyInput {
  const limits: Limit[] = [];
  for (const [per, key] of LIMIT_KEYS) {
    const maxCount = simple.limits[key];
    if (maxCount !== undefined) limits.push({ per, maxCount });
  }
  return {
    format: POLICY_FORMAT,
    id: simple.id,
    name: simple.name,
    issuer: simple.issuer,
    effectiveFrom: simple.effectiveFrom,
    ...(simple.effectiveTo ? { effectiveTo: simple.effectiveTo } : {}),
    mealPeriods: simple.mealPeriods.map((m) => (m.from && m.to ? { id: m.id, from: m.from, to: m.to } : { id: m.id })),
    funders: [{ id: FUNDER_ID, name: simple.funder.name, claimable: simple.funder.claimable }],
    groups: [{ id: GROUP_ID, name: '助餐补贴', type: 'subsidy', combine: 'highest', limits }],
    rules: simple.rules.map((r, i) => ({
      id: `rule-${i + 1}`,
      name: r.name,
      group: GROUP_ID,
      tiers: [
        {
          minAge: r.minAge,
          ...(r.maxAge !== undefined ? { maxAge: r.maxAge } : {}),
          ...(r.categoriesAnyOf?.length ? { categoriesAnyOf: r.categoriesAnyOf } : {}),
          benefit: { kind: 'fixed', amountFen: r.amountFen },
        },
      ],
      ...(r.hukouArea ? { hukouAreas: [r.hukouArea] } : {}),
      funding: [{ funder: FUNDER_ID, remainder: true }],
    })),
  };
}

/** The simple model of a (validated) policy, or null when it uses what the simple editor cannot show. */
export function fromPolicyFile(p: Policy): SimplePolicy | null {
  if (p.source !== undefined || p.notes !== undefined) return null;
  if (p.excludedDates.length > 0 || p.extraWorkdays.length > 0) return null;
  if (p.funders.length !== 1 || p.groups.length !== 1) return null;
  const [funder] = p.funders as [Policy['funders'][number]];
  const [group] = p.groups as [Policy['groups'][number]];
  if (group.type !== 'subsidy' || group.combine !== 'highest') return null;
  const limits: SimpleLimits = {};
  for (const l of group.limits) {
    const key = LIMIT_KEYS.find(([per]) => per === l.per)?.[1];
    if (!key || l.maxFen !== undefined || l.maxCount === undefined || limits[key] !== undefined) return null;
    limits[key] = l.maxCount;
  }
  const rules: SimpleRule[] = [];
  for (const r of p.rules) {
    if (r.group !== group.id || r.tiers.length !== 1) return null;
    if (r.mealPeriods || r.weekdaysOnly || r.channels || !r.proxyAllowed || r.residenceAreas || r.excludeCareHome) return null;
    if (r.minBill || !r.capAtBill || r.limits.length > 0) return null;
    if (r.hukouAreas && r.hukouAreas.length !== 1) return null;
    if (r.funding.length !== 1 || !('remainder' in r.funding[0]!) || r.funding[0]!.homeAreaOnly) return null;
    const t = r.tiers[0]!;
    if (t.label !== undefined || t.categoriesAllOf || t.benefit.kind !== 'fixed') return null;
    rules.push({
      name: r.name,
      minAge: t.minAge ?? 0,
      ...(t.maxAge !== undefined ? { maxAge: t.maxAge } : {}),
      ...(t.categoriesAnyOf ? { categoriesAnyOf: [...t.categoriesAnyOf] as CategoryCode[] } : {}),
      amountFen: t.benefit.amountFen,
      ...(r.hukouAreas ? { hukouArea: r.hukouAreas[0] } : {}),
    });
  }
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    effectiveFrom: p.effectiveFrom,
    ...(p.effectiveTo !== undefined ? { effectiveTo: p.effectiveTo } : {}),
    mealPeriods: p.mealPeriods.map((m) => ({ ...m })),
    rules,
    limits,
    funder: { name: funder.name, claimable: funder.claimable },
  };
}
