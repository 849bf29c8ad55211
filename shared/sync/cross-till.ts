// What sync cannot prevent: while a till was cut off from the hub, the same elder may have been subsidised
// at two tills for the same meal. Never corrected silently; each such case is a line to review in 日结 and
// in the 申报 preview. The rule is deliberately simple: the same person (ID number), day and meal period,
// subsidised at more than one till.
import { MEAL_PERIOD_LABELS } from '../atoms';
import { monthDays } from '../china-time';
import type { MealRecord } from '../ledger/records';

export type ReviewLine = { idNumber: string; name: string; date: string; mealPeriod: MealRecord['mealPeriod']; mealIds: string[]; tillIds: string[]; text: string };

export function crossTillReview(meals: readonly MealRecord[], voided: ReadonlySet<string>): ReviewLine[] {
  const groups = new Map<string, MealRecord[]>();
  for (const meal of meals) {
    if (!meal.resident || meal.subsidyFen <= 0 || voided.has(meal.id)) continue;
    const key = `${meal.resident.idNumber}|${meal.date}|${meal.mealPeriod}`;
    groups.set(key, [...(groups.get(key) ?? []), meal]);
  }
  const lines: ReviewLine[] = [];
  for (const group of groups.values()) {
    const tillIds = [...new Set(group.map((meal) => meal.tillId))].sort();
    if (tillIds.length < 2) continue;
    const [first] = group;
    const period = MEAL_PERIOD_LABELS[first!.mealPeriod];
    lines.push({
      idNumber: first!.resident!.idNumber,
      name: first!.resident!.name,
      date: first!.date,
      mealPeriod: first!.mealPeriod,
      mealIds: group.map((meal) => meal.id).sort(),
      tillIds,
      text: `${first!.resident!.name} ${first!.date} ${period}在 ${tillIds.length} 台收银台（${tillIds.join('、')}）各享受了补贴（${group.map((meal) => meal.id).sort().join('、')}），超出限额，请核实`,
    });
  }
  return lines.sort((a, b) => a.date.localeCompare(b.date) || a.idNumber.localeCompare(b.idNumber));
}

/**
 * Where each other till stands for the month's claim, as far as this till has pulled its books. `behind`: it
 * served on a day of the month after the last closing this till holds, so the claim would miss that day's
 * sales not yet synced: the month waits for it. `quiet`: its last closing held is before the month's last day
 * and nothing after it is known; named in the preview, since a till offline since then may hold more.
 */
export type TillForClaim = { tillId: string; lastClosing: string | null; lastServed: string | null; state: 'complete' | 'behind' | 'quiet' };

export function tillsForClaim(month: string, meals: readonly MealRecord[], lastClosing: ReadonlyMap<string, string | null>): TillForClaim[] {
  const lastServed = new Map<string, string>();
  for (const meal of meals) if (meal.month === month && (lastServed.get(meal.tillId) ?? '') < meal.date) lastServed.set(meal.tillId, meal.date);
  const lastDay = monthDays(month).at(-1)!;
  return [...lastClosing.keys()].sort().map((tillId) => {
    const closed = lastClosing.get(tillId) ?? null;
    const served = lastServed.get(tillId) ?? null;
    const state = served && (!closed || closed < served) ? 'behind' : !closed || closed < lastDay ? 'quiet' : 'complete';
    return { tillId, lastClosing: closed, lastServed: served, state };
  });
}
