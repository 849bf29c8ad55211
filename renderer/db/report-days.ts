// The 报表 page's figures for a date range. A busy month is half a million meals, and reading that many
// records takes IndexedDB many seconds whatever the index; so each day's meals are added up once, into a
// tally kept in a cache beside the books, and a report reads a month's tallies instead.
//
// The cache is not part of the books: its own database, never backed up or restored, written with relaxed
// durability. It is trusted only while the last meal it took in still carries the hash it had then (the
// hash chain vouches for every record before it), so a restore or a different set of books starts it
// afresh. Meals recorded since are added before each report; voids are taken off at each report, from the
// books, so a late void never leaves a stale figure behind.
import Dexie, { type Table } from 'dexie';
import type { LocalDate } from '../../shared/china-time';
import { emptyTally, reportFromTallies, tallyMeal, type DayTally, type RangeReport } from '../../shared/reports/range-report';
import type { CanteenDB } from './canteen-db';
import { mealIdsVoidedSince } from './meals-repository';

/** The last meal (by chain position) the tallies include. */
type UpTo = { key: 'upTo'; seq: number; hash: string };

class ReportDaysDB extends Dexie {
  days!: Table<DayTally, LocalDate>;
  meta!: Table<UpTo, string>;

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({ days: 'date', meta: 'key' });
  }
}

const caches = new Map<string, ReportDaysDB>();
/** One cache per books database, named after it. */
const cacheOf = (db: CanteenDB) => caches.get(db.name) ?? caches.set(db.name, new ReportDaysDB(`${db.name}-report-days`)).get(db.name)!;

const CHUNK = 20_000;

/** Adds every meal recorded since the tallies were last brought up to date; starts afresh when the books changed under them. */
async function catchUp(db: CanteenDB, cache: ReportDaysDB, progress: (done: number, total: number) => void): Promise<void> {
  const upTo = await cache.meta.get('upTo');
  if (upTo && (await db.meals.where('seq').equals(upTo.seq).first())?.hash !== upTo.hash) {
    await cache.transaction('rw', cache.days, cache.meta, () => Promise.all([cache.days.clear(), cache.meta.clear()]));
  }
  let after = (await cache.meta.get('upTo'))?.seq ?? 0;
  const total = await db.meals.where('seq').above(after).count();
  let done = 0;
  for (;;) {
    const meals = await db.meals.where('seq').above(after).limit(CHUNK).toArray();
    if (!meals.length) return;
    after = await cache.transaction('rw', cache.days, cache.meta, async () => {
      const current = (await cache.meta.get('upTo'))?.seq ?? 0;
      // Another window brought the tallies further (or started them afresh): go on from where they are.
      if (current !== after) return current;
      const dates = [...new Set(meals.map((meal) => meal.date))];
      const tallies = new Map(dates.map((date) => [date, emptyTally(date)]));
      for (const tally of await cache.days.bulkGet(dates)) if (tally) tallies.set(tally.date, tally);
      for (const meal of meals) tallyMeal(tallies.get(meal.date)!, meal);
      const last = meals[meals.length - 1]!;
      await cache.days.bulkPut([...tallies.values()]);
      await cache.meta.put({ key: 'upTo', seq: last.seq, hash: last.hash });
      return last.seq;
    });
    done += meals.length;
    progress(Math.min(done, total), total);
  }
}

/** The report of `from`..`to` (both included), as of the last meal recorded; voided meals left out. */
export async function rangeReport(db: CanteenDB, from: LocalDate, to: LocalDate, progress: (done: number, total: number) => void = () => {}): Promise<RangeReport> {
  const cache = cacheOf(db);
  await catchUp(db, cache, progress);
  // The tallies and how far they go, read together: another window may bring them further meanwhile.
  const [upTo, days] = await cache.transaction('r', cache.days, cache.meta, () =>
    Promise.all([cache.meta.get('upTo'), cache.days.where('date').between(from, to, true, true).toArray()]),
  );
  const tallies = new Map(days.map((day) => [day.date, day]));
  // Only meals the tallies took in: one recorded and voided since is in neither.
  for (const meal of await db.meals.bulkGet([...(await mealIdsVoidedSince(db, from))])) {
    const tally = meal && meal.seq <= (upTo?.seq ?? 0) && tallies.get(meal.date);
    if (tally) tallyMeal(tally, meal, -1);
  }
  return reportFromTallies(from, to, tallies);
}
