import type { MealRecord } from '../../shared/ledger/records';

/**
 * The day's sales, newest first. By the till's serial, a number: the ids sort wrongly as text
 * ("T-21" before "T-3"), which once hid the newest sales from the tenth of the day on.
 */
export function newestFirst(meals: readonly MealRecord[]): MealRecord[] {
  return [...meals].sort((a, b) => b.serial - a.serial || b.recordedAt.localeCompare(a.recordedAt));
}

/** Whether a sale matches what the cashier typed to find it: part of its number, or of the elder's name. */
export function matchesSale(meal: MealRecord, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  if (!wanted) return true;
  // A number is the sale's number as the receipt shows it: 1 finds the first sale, not the 10th to 19th.
  if (/^\d+$/.test(wanted)) return String(meal.serial) === String(Number(wanted));
  return meal.id.toLowerCase().includes(wanted) || (meal.resident?.name ?? '散客').includes(wanted);
}
