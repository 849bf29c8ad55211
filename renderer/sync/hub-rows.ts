// The other tills' records on this till: what the hub handed over, stored apart from this till's own
// books (which keep their own chain), read by the limits and the day's and month's checks.
import { monthDays, type LocalDate } from '../../shared/china-time';
import type { OtherTillBooks } from '../../shared/claims/build-claim';
import type { DayClosingRecord, MealRecord, MonthClosingRecord, VoidRecord } from '../../shared/ledger/records';
import { historyEntryFromQuote } from '../../shared/quote/history';
import { historySince } from '../../shared/quote/limits';
import type { HistoryEntry } from '../../shared/quote/types';
import { advanceCursors } from '../../shared/sync/protocol';
import type { ChainEntry, Cursors, HubEntry } from '../../shared/sync/wire';
import type { CanteenDB } from '../db/canteen-db';

export type HubRecordRow = {
  tillId: string;
  seq: number;
  kind: ChainEntry['kind'];
  id: string;
  record: ChainEntry['record'];
  /** Meals of a registered elder: their ID number, the same person whichever till's roster served them. */
  personKey?: string;
  /** Voids: the meal reversed. */
  mealId?: string;
  /** Meals and voids: their date; day closings: the day closed. */
  date?: string;
};

export type SyncStateRow = { key: 'cursors'; value: Cursors } | { key: 'pushed'; value: number };

function rowOf({ tillId, entry }: HubEntry): HubRecordRow {
  const base = { tillId, seq: entry.record.seq, kind: entry.kind, id: entry.record.id, record: entry.record };
  switch (entry.kind) {
    case 'meal':
      return { ...base, date: entry.record.date, ...(entry.record.resident ? { personKey: entry.record.resident.idNumber } : {}) };
    case 'void':
      return { ...base, mealId: entry.record.mealId, date: entry.record.date };
    case 'dayClosing':
      return { ...base, date: entry.record.id };
    case 'monthClosing':
      return base;
  }
}

export async function hubCursors(db: CanteenDB): Promise<Cursors> {
  const row = await db.syncState.get('cursors');
  return row?.key === 'cursors' ? row.value : {};
}

/**
 * Stores a pulled page and moves the cursors in the same transaction, so a till closed halfway through
 * asks again from where its records end. A record already held is put again unchanged (same key).
 */
export function storePulled(db: CanteenDB, entries: readonly HubEntry[]): Promise<{ stored: number; cursors: Cursors }> {
  return db.transaction('rw', db.hubRecords, db.syncState, db.settings, async () => {
    // This till's own records are in its own books, never among the others' (a pull asked under the id it
    // had before taking over a till may still bring that till's records back).
    const own = (await db.settings.get('till.id'))?.value;
    const { cursors, fresh } = advanceCursors(await hubCursors(db), entries.filter((item) => item.tillId !== own));
    await db.hubRecords.bulkPut(fresh.map(rowOf));
    await db.syncState.put({ key: 'cursors', value: cursors });
    return { stored: fresh.length, cursors };
  });
}

/**
 * The limit history the other tills add for this elder on `date`: their non-voided meals since the widest
 * limit window began, found by ID number. Called beside the till's own limitHistory, on the local copy:
 * the sale never waits on the network.
 */
export function otherTillsHistory(db: CanteenDB, idNumber: string, date: LocalDate): Promise<HistoryEntry[]> {
  return db.transaction('r', db.hubRecords, async () => {
    const meals = await db.hubRecords.where('[personKey+date]').between([idNumber, historySince(date)], [idNumber, date], true, true).toArray();
    if (!meals.length) return [];
    const voided = new Set((await db.hubRecords.where('mealId').anyOf(meals.map((row) => row.id)).toArray()).map((row) => row.mealId));
    return meals.filter((row) => !voided.has(row.id)).map((row) => historyEntryFromQuote((row.record as MealRecord).quote));
  });
}

/** The other tills' meals of `from`..`to`, and the ids of those voided. */
export async function otherTillsMeals(db: CanteenDB, from: LocalDate, to: LocalDate): Promise<{ meals: MealRecord[]; voided: Set<string> }> {
  const rows = await db.hubRecords.where('date').between(from, to, true, true).toArray();
  const meals = rows.filter((row) => row.kind === 'meal').map((row) => row.record as MealRecord);
  const voids = await db.hubRecords.where('kind').equals('void').toArray();
  return { meals, voided: new Set(voids.map((row) => (row.record as VoidRecord).mealId)) };
}

/** Each other till known to this one, and the last day it closed. */
export async function otherTillsClosings(db: CanteenDB): Promise<Map<string, string | null>> {
  const cursors = await hubCursors(db);
  const last = new Map<string, string | null>(Object.keys(cursors).map((tillId) => [tillId, null]));
  for (const row of await db.hubRecords.where('kind').equals('dayClosing').toArray()) {
    const date = (row.record as DayClosingRecord).id;
    if ((last.get(row.tillId) ?? '') < date) last.set(row.tillId, date);
  }
  return last;
}

/**
 * The other tills' part of a month's claim: each till's meals of the month and its voids, with the meals those
 * voids reverse (from any month), as far as this till holds them (`heads`: up to its cursors when read).
 */
export async function otherTillsClaimBooks(db: CanteenDB, month: string): Promise<{ heads: Cursors; tills: OtherTillBooks[] }> {
  // The cursors first: every record up to them is held, so a claim cut there reads the same records later.
  const heads = await hubCursors(db);
  if (!Object.keys(heads).length) return { heads, tills: [] };
  const days = monthDays(month);
  const held = (row: HubRecordRow) => row.seq <= (heads[row.tillId] ?? 0);
  const [monthRows, voidRows] = await Promise.all([db.hubRecords.where('date').between(days[0]!, days.at(-1)!, true, true).filter(held).toArray(), db.hubRecords.where('kind').equals('void').filter(held).toArray()]);
  const meals = new Map(monthRows.filter((row) => row.kind === 'meal').map((row) => [row.id, row]));
  // A void of an earlier month's meal (a reversal) needs that meal: voids are few, so only those are looked for.
  const missing = new Set(voidRows.map((row) => row.mealId!).filter((id) => !meals.has(id)));
  const earlier = missing.size ? await db.hubRecords.where('kind').equals('meal').filter((row) => missing.has(row.id)).toArray() : [];
  const tills = new Map<string, OtherTillBooks & { meals: MealRecord[]; voids: VoidRecord[]; voidedMeals: Map<string, MealRecord> }>();
  const till = (tillId: string) => tills.get(tillId) ?? tills.set(tillId, { tillId, meals: [], voids: [], voidedMeals: new Map() }).get(tillId)!;
  for (const row of meals.values()) till(row.tillId).meals.push(row.record as MealRecord);
  const byId = new Map([...meals.values(), ...earlier].map((row) => [row.id, row.record as MealRecord]));
  for (const row of voidRows) {
    const books = till(row.tillId);
    const voided = byId.get(row.mealId!);
    books.voids.push(row.record as VoidRecord);
    if (voided) books.voidedMeals.set(voided.id, voided);
  }
  return { heads, tills: [...tills.values()].sort((a, b) => a.tillId.localeCompare(b.tillId)) };
}

/** Month closings of `month` made at other tills: a canteen sends one claim a month, from one till. */
export async function otherTillsMonthClosings(db: CanteenDB, month: string): Promise<{ tillId: string; closing: MonthClosingRecord }[]> {
  const rows = await db.hubRecords.where('kind').equals('monthClosing').toArray();
  return rows.map((row) => ({ tillId: row.tillId, closing: row.record as MonthClosingRecord })).filter(({ closing }) => closing.month === month);
}
