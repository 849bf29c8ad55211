// 关爱名单: residents of the chosen categories (独居 by default) who usually eat here and have not been
// served for N days, for the community's visiting workers. Pure: the panel reads the ledger and passes it in.
import { addDays, daysBetween } from '../china-time';
import type { CategoryCode } from '../categories';
import type { MealRecord, ResidentRecord, VoidRecord } from '../ledger/records';

/** "Usually eats here": served on at least this many of the LOOKBACK_DAYS days before the absence window. */
export const USUAL_MIN_DAYS = 4;
export const LOOKBACK_DAYS = 14;
export const DEFAULT_ABSENT_DAYS = 2;

export type CareContact = { id: string; residentId: string; at: string; by: string; note: string };

export type CareListEntry = {
  resident: ResidentRecord;
  /** Last date with a non-voided meal, or null when none is on record. */
  lastMealDate: string | null;
  /** Full days since the last meal (today counts as one when nothing was served today). */
  daysAbsent: number;
  /** Days served within the lookback window before the absence window. */
  usualDays: number;
  lastContact: CareContact | null;
};

export type CareListInput = {
  today: string;
  absentDays: number;
  categories: readonly CategoryCode[];
  residents: readonly ResidentRecord[];
  meals: readonly Pick<MealRecord, 'id' | 'residentId' | 'date'>[];
  voids: readonly Pick<VoidRecord, 'mealId'>[];
  contacts?: readonly CareContact[];
};

/** Whether the resident holds one of the categories on the date (validity dates inclusive). */
export function holdsCategoryOn(resident: ResidentRecord, codes: readonly string[], date: string): boolean {
  return resident.categories.some((c) => codes.includes(c.code) && (!c.from || c.from <= date) && (!c.to || c.to >= date));
}

/** Still on the roster today: not moved away or deceased (on or before today). */
function isPresent(resident: ResidentRecord, today: string): boolean {
  if (resident.status === 'active') return true;
  return resident.statusDate !== undefined && resident.statusDate > today;
}

/**
 * The absence window is the last `absentDays` days including today: [today - N + 1, today].
 * The lookback window is the LOOKBACK_DAYS days before it.
 */
export function careList(input: CareListInput): CareListEntry[] {
  const absentDays = Math.max(1, Math.floor(input.absentDays));
  const windowStart = addDays(input.today, -(absentDays - 1));
  const lookbackStart = addDays(windowStart, -LOOKBACK_DAYS);
  const voided = new Set(input.voids.map((v) => v.mealId));
  const servedDates = new Map<string, Set<string>>();
  for (const meal of input.meals) {
    if (!meal.residentId || voided.has(meal.id) || meal.date > input.today) continue;
    let dates = servedDates.get(meal.residentId);
    if (!dates) servedDates.set(meal.residentId, (dates = new Set()));
    dates.add(meal.date);
  }
  const lastContacts = new Map<string, CareContact>();
  for (const contact of input.contacts ?? []) {
    const prev = lastContacts.get(contact.residentId);
    if (!prev || prev.at < contact.at) lastContacts.set(contact.residentId, contact);
  }
  const entries: CareListEntry[] = [];
  for (const resident of input.residents) {
    if (!isPresent(resident, input.today) || !holdsCategoryOn(resident, input.categories, input.today)) continue;
    const dates = [...(servedDates.get(resident.id) ?? [])].sort();
    const lastMealDate = dates[dates.length - 1] ?? null;
    if (lastMealDate !== null && lastMealDate >= windowStart) continue;
    const usualDays = dates.filter((d) => d >= lookbackStart && d < windowStart).length;
    if (usualDays < USUAL_MIN_DAYS) continue;
    entries.push({
      resident,
      lastMealDate,
      daysAbsent: lastMealDate === null ? absentDays : daysBetween(lastMealDate, input.today),
      usualDays,
      lastContact: lastContacts.get(resident.id) ?? null,
    });
  }
  return entries.sort((a, b) => b.daysAbsent - a.daysAbsent || a.resident.name.localeCompare(b.resident.name, 'zh'));
}
