// The 报表 page's figures for a date range. A busy month is half a million meals, and reading that many
// records takes IndexedDB many seconds whatever the index; so each day's meals are added up once, into a
// tally kept in a cache beside the books, and a report reads a month's tallies instead.
//
// The cache is not part of the books: its own database, never backed up or restored, written with relaxed
// durability. It is trusted only while the last meal it took in still carries the hash it had then (the
// hash chain vouches for every record before it), so a restore or a different set of books starts it
// afresh. Meals recorded since are added before each report. Even then a day's tally is used only once it
// agrees with the books: its meal count must be the books' count of that day's meals, else the day is
// added up again from the books (a cache can never go stale unseen). Counting a busy month's days on the
// date index reads every index entry (seconds for half a million meals), so a day that agreed is sealed:
// the digest of the tally as it was when it agreed is kept in it, and while the tally is unchanged the
// count is not taken again. A meal added to the day by catching up, or any other change, breaks the seal,
// and the day is counted at the next report. Voids are never cached: they are
// taken off at each report, read from the books by their place in the chain, not by their date, since a
// clock set back dates a void before its meal.
import Dexie, { type Table } from 'dexie';
import { addDays, daysBetween, type LocalDate } from '../../shared/china-time';
import type { MealRecord } from '../../shared/ledger/records';
import { emptyTally, reportFromTallies, tallyMeal, type DayTally, type RangeReport } from '../../shared/reports/range-report';
import type { CanteenDB } from './canteen-db';

/** The last meal (by chain position) the tallies include. */
type UpTo = { key: 'upTo'; seq: number; hash: string };

/**
 * A day's tally with the chain position of its first meal (the voids that can touch the day come after it),
 * and its seal: the digest of the tally when its meal count last agreed with the books.
 */
export type CachedDay = DayTally & { firstSeq?: number; sealed?: string };

class ReportDaysDB extends Dexie {
  days!: Table<CachedDay, LocalDate>;
  meta!: Table<UpTo, string>;

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'relaxed' });
    this.version(1).stores({ days: 'date', meta: 'key' });
    // Version 2's tallies know their first meal's place in the chain: version 1's are added up again.
    this.version(2)
      .stores({ days: 'date', meta: 'key' })
      .upgrade((tx) => Promise.all([tx.table('days').clear(), tx.table('meta').clear()]));
    // Version 3's tallies name a subsidy without a tier by its rule (tierLabel), where version 2's said
    // （无档次）: a day's meal count cannot tell them apart, so they are all added up again.
    this.version(3)
      .stores({ days: 'date', meta: 'key' })
      .upgrade((tx) => Promise.all([tx.table('days').clear(), tx.table('meta').clear()]));
  }
}

const caches = new Map<string, ReportDaysDB>();
/** One cache per books database, named after it. */
const cacheOf = (db: CanteenDB) => caches.get(db.name) ?? caches.set(db.name, new ReportDaysDB(`${db.name}-report-days`)).get(db.name)!;

const CHUNK = 20_000;

function addMeal(day: CachedDay, meal: MealRecord): void {
  tallyMeal(day, meal);
  day.firstSeq = Math.min(day.firstSeq ?? meal.seq, meal.seq);
}

/** How many meals a tally took in (voids are never in a cached tally). */
const mealCount = (day: DayTally) => Object.values(day.meals).reduce((sum, count) => sum + count, 0);

/**
 * The digest of a tally's figures without its seal: cyrb53 (two 32-bit lanes) over its JSON, where the
 * residents served stand in by their number and their meals. It tells a tally changed since it agreed with
 * the books, by this code or any other; it is no signature (whoever can write the cache can write a seal),
 * and need not be one: the books keep the chain, the cache only saves reading them. Measured in the ledger
 * bench over a busy month's 31 tallies (about 17,000 residents a day): SHA-256 of the whole JSON 3.5-4.4 s,
 * cyrb53 of it 1.7 s, this 0.1 s, against the 5-10 s of counting the days it saves.
 */
function digest({ sealed: _sealed, residents, ...figures }: CachedDay): string {
  let served = 0;
  for (const entry of residents.values()) served += entry.meals;
  const text = JSON.stringify([figures, residents.size, served], (_key, value: unknown) => (value instanceof Map ? [...value] : value));
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ char, 2654435761);
    h2 = Math.imul(h2 ^ char, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

const isSealed = (day: CachedDay) => day.sealed !== undefined && day.sealed === digest(day);

/**
 * Each day of `dates` as the books have it up to meal `upToSeq`: the cached tally where it is sealed or its
 * meal count is the books' count of that day's meals, else the day added up again from the books; days
 * checked are sealed and put back in the cache. Counting a day's meals on the date index reads no record.
 */
async function verifiedDays(db: CanteenDB, cache: ReportDaysDB, dates: readonly LocalDate[], cached: ReadonlyMap<LocalDate, CachedDay>, upToSeq: number): Promise<Map<LocalDate, CachedDay>> {
  const days = new Map<LocalDate, CachedDay>();
  const toCount: LocalDate[] = [];
  for (const date of dates) {
    const day = cached.get(date);
    if (day && isSealed(day)) days.set(date, day);
    else toCount.push(date);
  }
  if (!toCount.length) return days;

  // One read of the books: the counts and the meals recorded after the tallies agree with each other.
  const { counts, later } = await db.transaction('r', db.meals, async () => {
    const [counts, later] = await Promise.all([Promise.all(toCount.map((date) => db.meals.where('date').equals(date).count())), db.meals.where('seq').above(upToSeq).toArray()]);
    return { counts, later };
  });
  const laterByDay = new Map<LocalDate, number>();
  for (const meal of later) laterByDay.set(meal.date, (laterByDay.get(meal.date) ?? 0) + 1);

  const checked: CachedDay[] = [];
  for (const [i, date] of toCount.entries()) {
    const day = cached.get(date);
    const expected = counts[i]! - (laterByDay.get(date) ?? 0);
    if (expected === 0 && !day) continue;
    let agreed: CachedDay;
    if (day && expected === mealCount(day) && (expected === 0 || day.firstSeq !== undefined)) agreed = day;
    else {
      agreed = emptyTally(date);
      for (const meal of await db.meals.where('date').equals(date).toArray()) if (meal.seq <= upToSeq) addMeal(agreed, meal);
    }
    agreed.sealed = digest(agreed);
    days.set(date, agreed);
    checked.push(agreed);
  }
  if (checked.length) {
    await cache.transaction('rw', cache.days, cache.meta, async () => {
      // Put back only into the tallies these were made against: another window may have moved them on.
      if (((await cache.meta.get('upTo'))?.seq ?? 0) === upToSeq) await cache.days.bulkPut(checked);
    });
  }
  return days;
}

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
      const tallies = new Map<LocalDate, CachedDay>(dates.map((date) => [date, emptyTally(date)]));
      for (const tally of await cache.days.bulkGet(dates)) if (tally) tallies.set(tally.date, tally);
      for (const meal of meals) addMeal(tallies.get(meal.date)!, meal);
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
  const upToSeq = upTo?.seq ?? 0;
  const dates = Array.from({ length: Math.max(0, daysBetween(from, to) + 1) }, (_, i) => addDays(from, i));
  const tallies = await verifiedDays(db, cache, dates, new Map(days.map((day) => [day.date, day])), upToSeq);
  // A void comes after its meal in the chain: the voids after the range's first meal are all that can touch it.
  let firstSeq = Infinity;
  for (const day of tallies.values()) if (day.firstSeq !== undefined) firstSeq = Math.min(firstSeq, day.firstSeq);
  if (firstSeq !== Infinity) {
    const voids = await db.voids.where('seq').above(firstSeq).toArray();
    // Only meals the tallies took in: one recorded and voided since is in neither.
    for (const meal of await db.meals.bulkGet(voids.map((entry) => entry.mealId))) {
      const tally = meal && meal.seq <= upToSeq && tallies.get(meal.date);
      if (tally) tallyMeal(tally, meal, -1);
    }
  }
  return reportFromTallies(from, to, tallies);
}
