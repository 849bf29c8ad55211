// 报表: the figures of any date range, for the charts and the Excel export. Voided meals are left out of
// every figure. Meals are added up by day (tallies that a cache may keep), the days then into the range;
// no Date objects: a month of a busy canteen is tens of thousands of meals.
import { MEAL_PERIODS, type MealPeriod } from '../atoms';
import { AGE_BUCKETS, ageBucket, fullYears, type AgeBucket } from '../age';
import { addDays, daysBetween, parseLocalDate, toChinaLocal, type LocalDate } from '../china-time';
import type { MealRecord } from '../ledger/records';
import type { FunderTotal } from './day-summary';

/**
 * What the 按档次 table calls a subsidy: its tier, or its rule where the rule has no tiers of its own. The
 * 政策 page's simple form writes each age bracket as a rule (“80 周岁以上”) without a tier label, and so do
 * policies such as Putuo's (“低保老人补贴”); without their rule names every such subsidy was one （无档次） row.
 */
export function tierLabel(line: { ruleName: string; tier?: string | undefined }): string {
  return line.tier ?? line.ruleName;
}

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
  /** By tierLabel: the tier, or the rule of a rule without tiers. */
  subsidyByTier: { tier: string; meals: number; amountFen: number }[];
  /** Distinct residents by their age (周岁) on the day of their first meal in the range. */
  ages: Record<AgeBucket, number>;
  /** Meals by half-hour of servedAt in China time: 48 slots, slot i starts at i*30 minutes after midnight. */
  halfHours: number[];
};

/** "11:30-12:00" for half-hour slot 23. */
export function halfHourLabel(slot: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = slot * 30;
  const end = start + 30;
  return `${pad(Math.floor(start / 60))}:${pad(start % 60)}-${pad(Math.floor(end / 60) % 24)}:${pad(end % 60)}`;
}

/** A subsidy funder's total within a tally; `lines` tells an entry emptied by a subtraction from one that paid 0. */
type FunderTally = FunderTotal & { lines: number };

/**
 * One day's meals added up, in a form that adds and subtracts: a range's report is the sum of its days'
 * tallies, so a day once added up need not be read again (see renderer/db/report-days.ts). Maps, so that
 * IndexedDB stores a tally as it is.
 */
export type DayTally = {
  date: LocalDate;
  meals: Record<MealPeriod, number>;
  walkIns: number;
  grossFen: number;
  discountFen: number;
  subsidyFen: number;
  elderPaidFen: number;
  funders: Map<string, FunderTally>;
  tiers: Map<string, { tier: string; meals: number; amountFen: number }>;
  halfHours: number[];
  /** Meals per resident served that day, with the birth date the meal's snapshot carried. */
  residents: Map<string, { meals: number; birthDate: string | undefined }>;
};

export function emptyTally(date: LocalDate): DayTally {
  return {
    date,
    meals: Object.fromEntries(MEAL_PERIODS.map((period) => [period, 0])) as Record<MealPeriod, number>,
    walkIns: 0,
    grossFen: 0,
    discountFen: 0,
    subsidyFen: 0,
    elderPaidFen: 0,
    funders: new Map(),
    tiers: new Map(),
    halfHours: new Array<number>(48).fill(0),
    residents: new Map(),
  };
}

/** Adds a meal of the tally's day to it (`sign` 1), or takes one added before off again (-1, for a void). */
export function tallyMeal(tally: DayTally, meal: MealRecord, sign: 1 | -1 = 1): void {
  const { quote } = meal;
  tally.meals[meal.mealPeriod] += sign;
  tally.grossFen += sign * quote.grossFen;
  tally.elderPaidFen += sign * quote.elderPaysFen;
  for (const line of quote.lines) {
    if (line.type === 'discount') tally.discountFen += sign * line.amountFen;
    if (line.type !== 'subsidy') continue;
    tally.subsidyFen += sign * line.amountFen;
    const tierKey = tierLabel(line);
    const tier = tally.tiers.get(tierKey) ?? { tier: tierKey, meals: 0, amountFen: 0 };
    tier.meals += sign;
    tier.amountFen += sign * line.amountFen;
    tally.tiers.set(tierKey, tier);
    for (const share of line.funders) {
      const total = tally.funders.get(share.funderId) ?? { funderId: share.funderId, funderName: share.funderName, claimable: share.claimable, amountFen: 0, lines: 0 };
      total.lines += sign;
      total.amountFen += sign * share.amountFen;
      tally.funders.set(share.funderId, total);
    }
  }
  const local = toChinaLocal(meal.meal.servedAt);
  if (local) tally.halfHours[Math.floor(local.minuteOfDay / 30)]! += sign;
  if (meal.residentId) {
    const served = tally.residents.get(meal.residentId) ?? { meals: 0, birthDate: meal.resident?.facts.birthDate };
    served.meals += sign;
    tally.residents.set(meal.residentId, served);
  } else tally.walkIns += sign;
}

/** The report of `from`..`to` (both included) from its days' tallies; a day without one had no meals. */
export function reportFromTallies(from: LocalDate, to: LocalDate, tallies: ReadonlyMap<LocalDate, DayTally>): RangeReport {
  const days = Math.max(0, daysBetween(from, to) + 1);
  const byDay: RangeReport['byDay'] = [];
  const funders = new Map<string, FunderTally>();
  const tiers = new Map<string, { tier: string; meals: number; amountFen: number }>();
  const ages = Object.fromEntries(AGE_BUCKETS.map((bucket) => [bucket, 0])) as Record<AgeBucket, number>;
  const firstMeal = new Map<string, { date: LocalDate; birthDate: string | undefined }>();
  const halfHours = new Array<number>(48).fill(0);
  const totals = { meals: 0, walkIns: 0, grossFen: 0, discountFen: 0, subsidyFen: 0, elderPaidFen: 0 };

  // Days in order, so a resident's first day seen is the first day served.
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    const tally = tallies.get(date) ?? emptyTally(date);
    byDay.push({ date, meals: { ...tally.meals } });
    for (const period of MEAL_PERIODS) totals.meals += tally.meals[period];
    totals.walkIns += tally.walkIns;
    totals.grossFen += tally.grossFen;
    totals.discountFen += tally.discountFen;
    totals.subsidyFen += tally.subsidyFen;
    totals.elderPaidFen += tally.elderPaidFen;
    for (const [key, entry] of tally.funders) {
      const total = funders.get(key) ?? { ...entry, amountFen: 0, lines: 0 };
      total.lines += entry.lines;
      total.amountFen += entry.amountFen;
      funders.set(key, total);
    }
    for (const [key, entry] of tally.tiers) {
      const total = tiers.get(key) ?? { tier: key, meals: 0, amountFen: 0 };
      total.meals += entry.meals;
      total.amountFen += entry.amountFen;
      tiers.set(key, total);
    }
    tally.halfHours.forEach((count, slot) => (halfHours[slot]! += count));
    for (const [residentId, served] of tally.residents) {
      if (served.meals > 0 && !firstMeal.has(residentId)) firstMeal.set(residentId, { date, birthDate: served.birthDate });
    }
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
    subsidyByFunder: [...funders.values()]
      .filter((f) => f.lines > 0)
      .map(({ lines: _lines, ...total }) => total)
      .sort((a, b) => (a.funderId < b.funderId ? -1 : 1)),
    subsidyByTier: [...tiers.values()].filter((t) => t.meals > 0).sort((a, b) => (a.tier < b.tier ? -1 : 1)),
    ages,
    halfHours,
  };
}

/**
 * The report of `from`..`to` (both included). `meals` may hold meals outside the range (they are skipped);
 * `voidedIds` are the ids of voided meals.
 */
export function summarizeRange(from: LocalDate, to: LocalDate, meals: readonly MealRecord[], voidedIds: ReadonlySet<string>): RangeReport {
  const tallies = new Map<LocalDate, DayTally>();
  for (const meal of meals) {
    if (meal.date < from || meal.date > to || voidedIds.has(meal.id)) continue;
    let tally = tallies.get(meal.date);
    if (!tally) tallies.set(meal.date, (tally = emptyTally(meal.date)));
    tallyMeal(tally, meal);
  }
  return reportFromTallies(from, to, tallies);
}
