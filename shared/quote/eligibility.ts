// Who and which meal a rule covers. Each condition lives here once; the quote and the counter's
// limit display both call it. Every failure carries a code and a plain Chinese reason.
import { MEAL_PERIOD_LABELS, CHANNEL_LABELS, type Channel, type MealPeriod } from '../atoms';
import { categoryLabel } from '../categories';
import { formatHhmm, parseHhmm, type LocalDate } from '../china-time';
import type { Policy, PolicyGroup, PolicyRule, PolicyTier } from '../policy/schema';
import type { NotAppliedCode, ResidentCategory, ResidentFacts } from './types';

export type Reason = { code: NotAppliedCode; message: string };

const WEEKDAY_NAMES = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** Default meal periods for times no policy window covers: breakfast before 10:00, lunch before 15:00. */
const LUNCH_FROM = 600;
const DINNER_FROM = 900;

/** The meal period of a time of day: the first policy window containing it, else the default split. */
export function resolveMealPeriod(policies: readonly Policy[], minuteOfDay: number): MealPeriod {
  for (const p of policies) {
    for (const mp of p.mealPeriods) {
      if (mp.from !== undefined && mp.to !== undefined && inWindow(minuteOfDay, mp.from, mp.to)) return mp.id;
    }
  }
  return minuteOfDay < LUNCH_FROM ? 'breakfast' : minuteOfDay < DINNER_FROM ? 'lunch' : 'dinner';
}

function inWindow(minute: number, from: string, to: string): boolean {
  return minute >= (parseHhmm(from) ?? 0) && minute <= (parseHhmm(to) ?? 1440);
}

/** Reasons that stop a whole policy for this meal: an excluded date, a period or time it does not cover. */
export function policyMealReason(policy: Policy, date: LocalDate, minuteOfDay: number, mealPeriod: MealPeriod): Reason | null {
  if (policy.excludedDates.includes(date)) return { code: 'excluded_date', message: `${date} 为本政策不发放补贴的日期` };
  const mp = policy.mealPeriods.find((m) => m.id === mealPeriod);
  if (!mp) return periodReason(policy.mealPeriods.map((m) => m.id), mealPeriod);
  if (mp.from !== undefined && mp.to !== undefined && !inWindow(minuteOfDay, mp.from, mp.to)) {
    return {
      code: 'outside_window',
      message: `${formatHhmm(minuteOfDay)} 不在${MEAL_PERIOD_LABELS[mealPeriod]}时段（${mp.from}–${mp.to}）内`,
    };
  }
  return null;
}

function periodReason(allowed: readonly MealPeriod[], mealPeriod: MealPeriod): Reason {
  return {
    code: 'meal_period',
    message: `仅限${allowed.map((m) => MEAL_PERIOD_LABELS[m]).join('、')}（本餐为${MEAL_PERIOD_LABELS[mealPeriod]}）`,
  };
}

export type MealFacts = {
  date: LocalDate;
  weekday: number;
  mealPeriod: MealPeriod;
  channel: Channel;
  proxy: boolean;
};

/** Reasons about this meal for one rule: weekday, meal period, channel, 代领. */
export function ruleMealReason(policy: Policy, group: PolicyGroup, rule: PolicyRule, meal: MealFacts): Reason | null {
  if (rule.weekdaysOnly && meal.weekday >= 6 && !policy.extraWorkdays.includes(meal.date)) {
    return { code: 'weekend', message: `仅限工作日（今天是${WEEKDAY_NAMES[meal.weekday]}）` };
  }
  if (rule.mealPeriods && !rule.mealPeriods.includes(meal.mealPeriod)) return periodReason(rule.mealPeriods, meal.mealPeriod);
  const channels: readonly Channel[] = group.type === 'delivery' ? ['delivery'] : (rule.channels ?? []);
  if (channels.length > 0 && !channels.includes(meal.channel)) {
    return {
      code: 'channel',
      message: `仅限${channels.map((c) => CHANNEL_LABELS[c]).join('、')}（本餐为${CHANNEL_LABELS[meal.channel]}）`,
    };
  }
  if (meal.proxy && !rule.proxyAllowed) return { code: 'proxy_not_allowed', message: '他人代领不享受此项，须本人就餐' };
  return null;
}

/** Reasons about the resident that do not depend on tiers: status, care home, residence, hukou. */
export function residentReason(rule: PolicyRule, r: ResidentFacts, date: LocalDate): Reason | null {
  if (r.status !== 'active' && (r.statusDate === undefined || date >= r.statusDate)) {
    const when = r.statusDate === undefined ? '' : `（${r.statusDate}）`;
    return r.status === 'moved'
      ? { code: 'moved', message: `已迁出${when}，不再享受补贴` }
      : { code: 'deceased', message: `已身故${when}，不再享受补贴` };
  }
  if (rule.excludeCareHome && r.inCareHome) return { code: 'care_home', message: '入住养老机构的老人不享受此项' };
  const areaFail = areaReason(rule.residenceAreas, r.residenceArea, '居住地');
  if (areaFail) return { code: 'area', message: areaFail };
  const hukouFail = areaReason(rule.hukouAreas, r.hukouArea, '户籍地');
  if (hukouFail) return { code: 'hukou', message: hukouFail };
  return null;
}

function areaReason(allowed: readonly string[] | undefined, area: string | undefined, what: string): string | null {
  if (!allowed) return null;
  if (area === undefined || area === '') return `未登记${what}，无法确认是否在适用范围内`;
  if (allowed.some((a) => area.startsWith(a))) return null;
  return `${what}（${area}）不在适用范围（${allowed.join('、')}）内`;
}

export function isHomeArea(residenceArea: string | undefined, canteenArea: string | undefined): boolean {
  return canteenArea !== undefined && canteenArea !== '' && residenceArea !== undefined && residenceArea.startsWith(canteenArea);
}

export type HukouHome = {
  atHome: boolean;
  /** false when the hukou could not tell (not recorded, or recorded only to a wider area that holds the canteen's) and residence decided. */
  byHukou: boolean;
};

/**
 * Whether the elder's hukou is in the canteen's area. A hukou recorded only to a wider area that holds the
 * canteen's (the district "440118" for a township canteen "440118102"), or not at all, cannot tell which
 * township: then where the elder lives decides, as for "residence".
 */
export function hukouHome(r: Pick<ResidentFacts, 'hukouArea' | 'residenceArea'>, canteenArea: string | undefined): HukouHome {
  const hukou = r.hukouArea ?? '';
  if (canteenArea === undefined || canteenArea === '') return { atHome: false, byHukou: false };
  if (hukou.length >= canteenArea.length) return { atHome: hukou.startsWith(canteenArea), byHukou: true };
  if (hukou !== '' && !canteenArea.startsWith(hukou)) return { atHome: false, byHukou: true };
  return { atHome: isHomeArea(r.residenceArea, canteenArea), byHukou: false };
}

function validOn(c: ResidentCategory, date: LocalDate): boolean {
  return (c.from === undefined || c.from <= date) && (c.to === undefined || date <= c.to);
}

/** The category codes a resident holds on `date`, in the order held, each once. */
export function categoriesHeldOn(held: readonly ResidentCategory[], date: LocalDate): ResidentCategory['code'][] {
  return [...new Set(held.filter((c) => validOn(c, date)).map((c) => c.code))];
}

function holds(held: readonly ResidentCategory[], code: string, date: LocalDate): boolean {
  for (const c of held) if (c.code === code && validOn(c, date)) return true;
  return false;
}

/** A category the resident has on record but not on this date. */
function lapsed(held: readonly ResidentCategory[], codes: readonly string[]): Reason | null {
  const c = held.find((h) => codes.includes(h.code));
  if (!c) return null;
  return { code: 'category_expired', message: `${categoryLabel(c.code)}身份不在有效期内（${c.from ?? '…'} 至 ${c.to ?? '…'}）` };
}

function categoriesReason(tier: PolicyTier, held: readonly ResidentCategory[], date: LocalDate): Reason | null {
  const anyOf = tier.categoriesAnyOf;
  if (anyOf && !anyOf.some((code) => holds(held, code, date))) {
    return lapsed(held, anyOf) ?? { code: 'category_missing', message: `需具备以下身份之一：${anyOf.map(categoryLabel).join('、')}` };
  }
  const allOf = tier.categoriesAllOf;
  if (!allOf) return null;
  const missing = allOf.filter((code) => !holds(held, code, date));
  if (missing.length === 0) return null;
  return (
    lapsed(held, missing) ?? {
      code: 'category_missing',
      message: `需同时具备：${allOf.map(categoryLabel).join('、')}（缺少：${missing.map(categoryLabel).join('、')}）`,
    }
  );
}

/**
 * The tiers a resident qualifies for on a date, or the most helpful reason none does: a tier whose
 * age fits but category does not says more than one the resident is too young for.
 */
export function matchTiers(rule: PolicyRule, r: ResidentFacts, date: LocalDate, age: number): PolicyTier[] | Reason {
  const matched: PolicyTier[] = [];
  let ageFail: (Reason & { minAge: number }) | null = null;
  let categoryFail: Reason | null = null;
  for (const t of rule.tiers) {
    if (t.minAge !== undefined && age < t.minAge) {
      if (!ageFail || t.minAge < ageFail.minAge) ageFail = { code: 'under_age', message: `未满${t.minAge}周岁（${age}岁）`, minAge: t.minAge };
      continue;
    }
    if (t.maxAge !== undefined && age > t.maxAge) {
      ageFail ??= { code: 'over_age', message: `超过${t.maxAge}周岁（${age}岁），不属于本档`, minAge: Infinity };
      continue;
    }
    const c = categoriesReason(t, r.categories, date);
    if (c) categoryFail ??= c;
    else matched.push(t);
  }
  if (matched.length > 0) return matched;
  const fail = categoryFail ?? ageFail;
  return fail ? { code: fail.code, message: fail.message } : { code: 'category_missing', message: '不符合任何档次' };
}
