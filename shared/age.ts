import { parseLocalDate, type LocalDate } from './china-time';

/** Full years (周岁) from year/month/day numbers; no Date objects, so it is cheap in hot loops. */
export function fullYears(by: number, bm: number, bd: number, y: number, m: number, d: number): number {
  // Comparing (month, day) pairs makes a Feb 29 birthday count on Mar 1 in common years:
  // on Feb 28 the pair (2, 28) is still before (2, 29).
  const beforeBirthday = m < bm || (m === bm && d < bd);
  return y - by - (beforeBirthday ? 1 : 0);
}

/** Age in full years (周岁) on a date. Throws on malformed dates (callers pass validated data). */
export function ageOn(birthDate: LocalDate, date: LocalDate): number {
  const b = parseLocalDate(birthDate);
  const t = parseLocalDate(date);
  if (!b || !t) throw new RangeError(`日期格式应为 YYYY-MM-DD：${birthDate} / ${date}`);
  return fullYears(b.y, b.m, b.d, t.y, t.m, t.d);
}

/** The age groups the 报表 counts and the 居民 list filters by. */
export const AGE_BUCKETS = ['60岁以下', '60-69岁', '70-79岁', '80-89岁', '90岁及以上'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export function ageBucket(age: number): AgeBucket {
  if (age < 60) return '60岁以下';
  if (age < 70) return '60-69岁';
  if (age < 80) return '70-79岁';
  if (age < 90) return '80-89岁';
  return '90岁及以上';
}
