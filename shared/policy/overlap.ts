// Two different policies that would both subsidise one meal: the quote adds them up (an 85-year-old once got
// ¥3 + ¥2 from two funders), which is right only when the funders mean it. Importing a policy beside another
// says so with an example, found by pricing sample elders and meals under both together.
import { addDays, type LocalDate } from '../china-time';
import { CATEGORY_CODES, categoryLabel } from '../categories';
import { MEAL_PERIOD_LABELS } from '../atoms';
import { formatYuan } from '../money';
import { quoteMeal } from '../quote/quote';
import type { ResidentFacts } from '../quote/types';
import type { Policy } from './schema';

export type Overlap = { other: Policy; example: string };

const AGES = [60, 65, 70, 75, 80, 85, 90, 100];
const MINUTES = [7 * 60, 8 * 60 + 30, 10 * 60 + 30, 11 * 60 + 45, 13 * 60, 16 * 60 + 30, 17 * 60 + 30, 19 * 60];
const pad = (n: number) => String(n).padStart(2, '0');

/** Each policy of `others` (another id, dates overlapping) that would pay the same meal as `policy`, with one such meal. */
export function doubleSubsidies(policy: Policy, others: readonly Policy[], canteenArea?: string): Overlap[] {
  const found: Overlap[] = [];
  for (const other of others) {
    if (other.id === policy.id) continue;
    const from = policy.effectiveFrom > other.effectiveFrom ? policy.effectiveFrom : other.effectiveFrom;
    const ends = [policy.effectiveTo, other.effectiveTo].filter((d): d is string => d !== undefined).sort();
    if (ends[0] !== undefined && ends[0] < from) continue;
    const example = sharedMeal(policy, other, from, ends[0], canteenArea);
    if (example) found.push({ other, example });
  }
  return found;
}

function areasOf(policies: readonly Policy[], canteenArea?: string): (string | undefined)[] {
  const areas = new Set<string | undefined>([canteenArea]);
  for (const p of policies) for (const rule of p.rules) for (const area of [...(rule.residenceAreas ?? []), ...(rule.hukouAreas ?? [])]) areas.add(area);
  return [...areas];
}

function sharedMeal(a: Policy, b: Policy, from: LocalDate, to: LocalDate | undefined, canteenArea?: string): string | null {
  const areas = areasOf([a, b], canteenArea);
  for (let day = 0; day < 7; day++) {
    const date = addDays(from, day);
    if (to !== undefined && date > to) break;
    for (const minute of MINUTES) {
      for (const area of areas) {
        for (const categories of [[], ...CATEGORY_CODES.map((code) => [code])]) {
          for (const age of AGES) {
            const birthYear = Number(date.slice(0, 4)) - age;
            const resident: ResidentFacts = { birthDate: `${birthYear}${date.slice(4)}`, categories: categories.map((code) => ({ code })), residenceArea: area, hukouArea: area, inCareHome: false, status: 'active' };
            const quote = quoteMeal({
              policies: [a, b],
              resident,
              meal: { servedAt: `${date}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00+08:00`, channel: 'dine_in', collectedBy: null, items: [{ itemId: 'x', name: '套餐', unitPriceFen: 3000, quantity: 1, subsidyEligible: true }] },
              history: [],
              canteen: canteenArea ? { area: canteenArea } : {},
            });
            const paid = (p: Policy) => quote.lines.filter((line) => line.policyId === p.id && line.amountFen > 0).reduce((sum, line) => sum + line.amountFen, 0);
            const fromA = paid(a);
            const fromB = paid(b);
            if (fromA > 0 && fromB > 0) {
              const who = `${age} 岁${categories.length ? categoryLabel(categories[0]!) : ''}老人`;
              return `例如 ${who} ${date} ${MEAL_PERIOD_LABELS[quote.mealPeriod]}一餐：“${a.name}”${formatYuan(fromA)}，“${b.name}”${formatYuan(fromB)}，合计 ${formatYuan(fromA + fromB)}`;
            }
          }
        }
      }
    }
  }
  return null;
}
