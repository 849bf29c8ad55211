// 报表: the figures of any date range, for the charts and the Excel export. Voided meals are left out of
// every figure. One pass over the meals, no Date objects: a month of a busy canteen is tens of thousands.
import { MEAL_PERIODS, type MealPeriod } from '../atoms';
import { fullYears } from '../age';
import { addDays, daysBetween, parseLocalDate, toChinaLocal, type LocalDate } from '../china-time';
import type { MealRecord } from '../ledger/records';
import type { FunderTotal } from './day-summary';

export const AGE_BUCKETS = ['60岁以下', '60-69岁', '70-79岁', '80-89岁', '90岁及以上'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
/** A subsidy line without a tier. */
export const NO_TIER = '（无档次）';

export type RangeReport = {
  from: LocalDate;
  to: LocalDate;
  meals: number;
  /** Distinct residents served; walk-ins are counted in `walkIns` only. */
  persons: number;
  walkIns: number;
  grossFen: number;
  discountFen: number;
  subsidyFen: number;
  elderPaidFen: number;
  /** Every date of the range, in order, with the meals of each period. */
  byDay: { date: LocalDate; meals: Record<MealPeriod, number> }[];
  subsidyByFunder: FunderTotal[];
  subsidyByTier: { tier: string; meals: number; amountFen: number }[];
  /** Distinct residents by their age (周岁) on the day of their first meal in the range. */
  ages: Record<AgeBucket, number>;
  /** Meals by half-hour of servedAt in China time: 48 slots, slot i starts at i*30 minutes after midnight. */
  halfHours: number[];
};

export function ageBucket(age: number): AgeBucket {
  if (age < 60) return '60岁以下';
  if (age < 70) return '60-69岁';
  if (age < 80) return '70-79岁';
  if (age < 90) return '80-89岁';
  return '90岁及以上';
}

/** "11:30-12:00" for half-hour slot 23. */
export function halfHourLabel(slot: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = slot * 30;
  const end = start + 30;
  return `${pad(Math.floor(start / 60))}:${pad(start % 60)}-${pad(Math.floor(end / 60) % 24)}:${pad(end % 60)}`;
}

/**
 * The report of `from`..`to` (both included). `meals` may hold meals outside the range (they are skipped);
 * `voidedIds` are the ids of voided meals.
 */
export function summarizeRange(from: LocalDate, to: LocalDate, meals: readonly MealRecord[], voidedIds: ReadonlySet<string>): RangeReport {
  const days = Math.max(0, daysBetween(from, to) + 1);
  const dayIndex = new Map<string, number>();
  const byDay: RangeReport['byDay'] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    dayIndex.set(date, i);
    byDay.push({ date, meals: Object.fromEntries(MEAL_PERIODS.map((period) => [period, 0])) as Record<MealPeriod, number> });
  }
  const funders = new Map<string, FunderTotal>();
  const tiers = new Map<string, { tier: string; meals: number; amountFen: number }>();
  const ages = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket, 0])) as Record<AgeBucket, number>;
  const firstMeal = new Map<string, { date: LocalDate; birthDate: string | undefined }>();
  const halfHours = new Array<number>(48).fill(0);
  const totals = { meals: 0, walkIns: 0, grossFen: 0, discountFen: 0, subsidyFen: 0, elderPaidFen: 0 };

  for (const meal of meals) {
    const day = dayIndex.get(meal.date);
    if (day === undefined || voidedIds.has(meal.id)) continue;
    const { quote } = meal;
    totals.meals++;
    byDay[day]!.meals[meal.mealPeriod]++;
    totals.grossFen += quote.grossFen;
    totals.elderPaidFen += quote.elderPaysFen;
    for (const line of quote.lines) {
      if (line.type === 'discount') totals.discountFen += line.amountFen;
      if (line.type !== 'subsidy') continue;
      totals.subsidyFen += line.amountFen;
      const tierKey = line.tier ?? NO_TIER;
      const tier = tiers.get(tierKey) ?? { tier: tierKey, meals: 0, amountFen: 0 };
      tier.meals++;
      tier.amountFen += line.amountFen;
      tiers.set(tierKey, tier);
      for (const share of line.funders) {
        const total = funders.get(share.funderId) ?? { funderId: share.funderId, funderName: share.funderName, claimable: share.claimable, amountFen: 0 };
        total.amountFen += share.amountFen;
        funders.set(share.funderId, total);
      }
    }
    const local = toChinaLocal(meal.meal.servedAt);
    if (local) halfHours[Math.floor(local.minuteOfDay / 30)]! += 1;
    if (meal.residentId) {
      const seen = firstMeal.get(meal.residentId);
      if (!seen || meal.date < seen.date) firstMeal.set(meal.residentId, { date: meal.date, birthDate: meal.resident?.facts.birthDate });
    } else totals.walkIns++;
  }

  for (const { date, birthDate } of firstMeal.values()) {
    const b = birthDate ? parseLocalDate(birthDate) : null;
    const t = parseLocalDate(date);
    if (b && t) ages[ageBucket(fullYears(b.y, b.m, b.d, t.y, t.m, t.d))]++;
  }

  return {
    from,
    to,
    ...totals,
    persons: firstMeal.size,
    byDay,
    subsidyByFunder: [...funders.values()].sort((a, b) => (a.funderId < b.funderId ? -1 : 1)),
    subsidyByTier: [...tiers.values()].sort((a, b) => (a.tier < b.tier ? -1 : 1)),
    ages,
    halfHours,
  };
}
