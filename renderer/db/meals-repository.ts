// Reads of the meal ledger, each on an index. Voided meals are still in the ledger; callers that count
// what happened ask for the voids beside them.
import type { MealPeriod } from '../../shared/atoms';
import type { LocalDate } from '../../shared/china-time';
import type { MealRecord, VoidRecord } from '../../shared/ledger/records';
import { historySince } from '../../shared/quote/limits';
import { historyEntryFromQuote } from '../../shared/quote/history';
import type { HistoryEntry } from '../../shared/quote/types';
import type { ChainHead } from '../../shared/ledger/chain';
import type { CanteenDB } from './canteen-db';
import { readHead } from './ledger-head';

const mealsOfResidentRange = (db: CanteenDB, residentId: string, from: LocalDate, to: LocalDate) =>
  db.meals.where('[residentId+date]').between([residentId, from], [residentId, to], true, true);

export function mealsOfResident(db: CanteenDB, residentId: string, from: LocalDate, to: LocalDate): Promise<MealRecord[]> {
  return mealsOfResidentRange(db, residentId, from, to).toArray();
}

export function mealsOnDay(db: CanteenDB, date: LocalDate): Promise<MealRecord[]> {
  return db.meals.where('date').equals(date).toArray();
}

export function mealsInPeriod(db: CanteenDB, date: LocalDate, mealPeriod: MealPeriod): Promise<MealRecord[]> {
  return db.meals.where('[date+mealPeriod]').equals([date, mealPeriod]).toArray();
}

/** The voids of these meals, by meal id. */
export async function voidsOf(db: CanteenDB, mealIds: readonly string[]): Promise<Map<string, VoidRecord>> {
  const voids = mealIds.length ? await db.voids.where('mealId').anyOf(mealIds as string[]).toArray() : [];
  return new Map(voids.map((entry) => [entry.mealId, entry]));
}

/**
 * What the limits of a meal on `date` need: the resident's non-voided meals since the widest limit window
 * began. Asked at every sale, so in one read transaction, with each meal's void looked up on its own and
 * all at once: an anyOf cursor would hop through the other residents' voids between them, one round trip
 * a hop.
 */
export function limitHistory(db: CanteenDB, residentId: string, date: LocalDate): Promise<HistoryEntry[]> {
  return countedLimitHistory(db, residentId, date).then((history) => history.entries);
}

/** How many meals and voids of the resident a limit history of `date` was made from. */
export type HistoryCounts = { meals: number; voids: number };
/** `at`: the ledger's head when it was read; while the head is the same, nothing was added since. */
export type CountedHistory = HistoryCounts & { date: LocalDate; entries: HistoryEntry[]; at: ChainHead };

const voidIndexRange = (db: CanteenDB, residentId: string, since: LocalDate, date: LocalDate) =>
  db.voidIndex.where('[residentId+mealDate]').between([residentId, since], [residentId, date], true, true);

/** limitHistory, with the counts it was made from (see historyCounts). */
export function countedLimitHistory(db: CanteenDB, residentId: string, date: LocalDate): Promise<CountedHistory> {
  const since = historySince(date);
  // Two range reads on indexes, however many meals the resident ate, and the head they were read at.
  return db.transaction('r', db.meals, db.voidIndex, db.settings, async () => {
    const [meals, voided, head] = await Promise.all([mealsOfResident(db, residentId, since, date), voidIndexRange(db, residentId, since, date).primaryKeys(), readHead(db)]);
    const voidedIds = new Set(voided);
    return {
      date,
      meals: meals.length,
      voids: voided.length,
      entries: meals.filter((meal) => !voidedIds.has(meal.id)).map((meal) => historyEntryFromQuote(meal.quote)),
      at: { seq: head.seq, hash: head.hash },
    };
  });
}

/**
 * The counts a limit history of `date` is made from, without reading the meals: keys only, a fraction of
 * the cost. Meals and voids are only ever added, so a history made from the same counts is the same history.
 */
export function historyCounts(db: CanteenDB, residentId: string, date: LocalDate): Promise<HistoryCounts> {
  const since = historySince(date);
  return db.transaction('r', db.meals, db.voidIndex, async () => {
    const [meals, voids] = await Promise.all([mealsOfResidentRange(db, residentId, since, date).count(), voidIndexRange(db, residentId, since, date).count()]);
    return { meals, voids };
  });
}

/** The meals of `from`..`to` (both included), on the date index. */
export function mealsBetween(db: CanteenDB, from: LocalDate, to: LocalDate): Promise<MealRecord[]> {
  return db.meals.where('date').between(from, to, true, true).toArray();
}

/** Ids of the meals voided on or after `from`: a meal of `from` or later can only be voided then. Voids are few. */
export async function mealIdsVoidedSince(db: CanteenDB, from: LocalDate): Promise<Set<string>> {
  const voids = await db.voids.where('date').aboveOrEqual(from).toArray();
  return new Set(voids.map((entry) => entry.mealId));
}
