// The only way meals, voids and closings get into the books: appended, never edited or deleted, each
// linked into the hash chain, validated, and committed with strict durability before the call resolves.
import Dexie from 'dexie';
import { addDays, chinaIsoFromEpochMs, type LocalDate } from '../../shared/china-time';
import { linkRecordNow, verifyChain, type ChainHead, type ChainVerdict, type Chained } from '../../shared/ledger/chain';
import { journalLine, type JournalRecordEntry } from '../../shared/ledger/journal';
import type { AuditRecord, DayClosingRecord, MealRecord, MonthClosingRecord, VoidIndexRecord, VoidRecord } from '../../shared/ledger/records';
import type { HistoryEntry } from '../../shared/quote/types';
import { CHAINED_TABLES, type CanteenDB, type ChainedTable } from './canteen-db';
import { historyEntryFromQuote } from '../../shared/quote/history';
import { HEAD_KEY, readHead, sameHead, type LedgerHead } from './ledger-head';
import { countedLimitHistory, historyCounts, type CountedHistory } from './meals-repository';

export { EMPTY_HEAD, HEAD_KEY, type LedgerHead } from './ledger-head';

export class LedgerError extends Error {}

/** The day a sale would land in is closed (日结) or its month was claimed: it needs a manager's decision. */
export class BooksClosedError extends LedgerError {
  constructor(
    readonly date: LocalDate,
    readonly why: 'day' | 'month',
    readonly nextOpenDate: LocalDate,
  ) {
    super(why === 'day' ? `${date} 已日结，这一天的账不能再加消费` : `${date.slice(0, 7)} 已申报关账，这个月的账不能再加消费`);
  }
}

/** A manager's decision to book a sale to the next open day, because its own day is closed. */
export type Rebooking = { date: LocalDate; managerId: string; reason: string };

/** Where the second, independent copy of every chained record goes (see journal.ts). */
export type JournalSink = {
  append(line: string): Promise<void>;
  flush(): Promise<void>;
  /** Takes back the line of a record the database refused (see Bridge.journalTakeBack). */
  takeBack(line: string, revoke: string): Promise<void>;
  mark?(head: ChainHead): void;
};

/** What a sale is priced with, read in the very transaction that appends it. */
export type SaleContext = { servedAt: string; history: HistoryEntry[] };
/** A sale to be priced at the moment it is appended, for `residentId` (null: a walk-in). */
export type SaleToPrice = { residentId: string | null; price(context: SaleContext): NewMeal };

type Unchained<T> = Omit<T, keyof Chained>;
export type NewMeal = Omit<Unchained<MealRecord>, 'id' | 'serial' | 'tillId' | 'recordedAt' | 'date' | 'month' | 'mealPeriod' | 'subsidyFen'>;
export type NewVoid = Pick<VoidRecord, 'mealId' | 'reason' | 'managerId'>;

export type Clock = () => number;

export class Ledger {
  /** Set when a confirmed record's journal line could not be flushed: no more sales until the till restarts. */
  private journalTrouble: string | undefined;
  /** Limit histories read lately, by resident, with the counts and the head they were made at (see historyNow). */
  private readonly histories = new Map<string, CountedHistory>();
  /** The day this till last sold on, found open at the head `at` (see closedNow). */
  private openDay: { date: LocalDate; at: ChainHead } | undefined;

  constructor(
    private readonly db: CanteenDB,
    private readonly tillId: string,
    private readonly clock: Clock = Date.now,
    private readonly journal?: JournalSink,
  ) {}

  head(): Promise<LedgerHead> {
    return readHead(this.db);
  }

  /**
   * Records a confirmed sale. Resolves only when the meal is on disk. A SaleToPrice is priced inside the
   * append's transaction, with the resident's history as it is then: two windows (or tills
   * writing into one database) cannot both see an unused meal slot. A sale whose day is closed is refused
   * with a BooksClosedError unless a manager rebooked it to the next open day.
   */
  async recordMeal(sale: NewMeal | SaleToPrice, rebooking?: Rebooking): Promise<MealRecord> {
    let history: CountedHistory | undefined;
    const meal = await this.append<MealRecord>('meals', async (head, now) => {
      const servedAt = rebooking ? `${rebooking.date}${now.slice(10)}` : now;
      // Whether the sale's day is closed is read while the history is: one round trip to the database, not two.
      // At the head this till's last sale left (the common case at a counter), neither is read again.
      const expectedDate = 'price' in sale ? servedAt.slice(0, 10) : sale.quote.date;
      const closedRead = this.closedNow(expectedDate, head);
      closedRead.catch(() => undefined);
      if ('price' in sale && sale.residentId) history = await this.historyNow(sale.residentId, servedAt.slice(0, 10), head);
      const priced = 'price' in sale ? sale.price({ servedAt, history: history?.entries ?? [] }) : sale;
      const { quote } = priced;
      await this.refuseClosed(quote.date, rebooking, quote.date === expectedDate ? closedRead : undefined);
      const serial = head.mealSerial + 1;
      const record: Unchained<MealRecord> = {
        ...priced,
        ...(rebooking ? { rebooked: { fromDate: now.slice(0, 10), managerId: rebooking.managerId, reason: rebooking.reason } } : {}),
        id: `${this.tillId}-${serial}`,
        tillId: this.tillId,
        serial,
        date: quote.date,
        month: quote.date.slice(0, 7),
        mealPeriod: quote.mealPeriod,
        subsidyFen: quote.lines.filter((line) => line.type === 'subsidy').reduce((sum, line) => sum + line.amountFen, 0),
        recordedAt: now,
      };
      const audit = priced.override
        ? { actorId: priced.override.managerId, action: 'override', details: { mealId: record.id, reason: priced.override.reason } }
        : rebooking && { actorId: rebooking.managerId, action: 'rebook_sale', details: { mealId: record.id, fromDate: now.slice(0, 10), toDate: rebooking.date, reason: rebooking.reason } };
      return { record, mealSerial: serial, audit };
    });
    // Committed at the head `at`: the meal's day was open, and the history it was priced with, and this meal,
    // are the resident's history now.
    const at = { seq: meal.seq, hash: meal.hash };
    this.openDay = { date: meal.date, at };
    if (history && meal.residentId && meal.date === history.date) {
      this.knowHistory(meal.residentId, { ...history, meals: history.meals + 1, entries: [...history.entries, historyEntryFromQuote(meal.quote)], at });
    }
    return meal;
  }

  /**
   * An elder's limit history read ahead of a sale (the counter reads it when the elder is identified), so the
   * sale's own transaction need only count the meals and voids it was made from.
   */
  knowHistory(residentId: string, history: CountedHistory): void {
    this.histories.delete(residentId);
    this.histories.set(residentId, history);
    if (this.histories.size > 64) this.histories.delete(this.histories.keys().next().value!);
  }

  /**
   * The resident's limit history as the books hold it now, read inside the sale's transaction. One read
   * before (knowHistory, or this till's last sale to them) is used again when the ledger's head is still
   * the one it was read at (nothing was appended since), or when the books still count the same meals and
   * voids for that window: both are only ever added to, so equal counts mean the same history. Counting
   * reads keys only; reading the meals themselves is what costs at the end of a month.
   */
  private async historyNow(residentId: string, date: LocalDate, head: ChainHead): Promise<CountedHistory> {
    const known = this.histories.get(residentId);
    if (known?.date === date) {
      if (sameHead(known.at, head)) return known;
      const counts = await historyCounts(this.db, residentId, date);
      if (counts.meals === known.meals && counts.voids === known.voids) return known;
    }
    return countedLimitHistory(this.db, residentId, date);
  }

  /** Refuses a date that is closed (日结) or in a claimed month; a rebooking must name the next open day. */
  private async refuseClosed(date: LocalDate, rebooking: Rebooking | undefined, closedRead = this.closedWhy(date)): Promise<void> {
    const why = await closedRead;
    if (why) throw new BooksClosedError(date, why, await this.nextOpenDate(date));
    if (rebooking && rebooking.date !== (await this.nextOpenDate(addDays(rebooking.date, -1)))) throw new LedgerError('只能记入下一个未日结的营业日');
  }

  /** closedWhy, unless this till found the day open at this very head: every closing moves the head. */
  private closedNow(date: LocalDate, head: ChainHead): Promise<'day' | 'month' | null> {
    return this.openDay?.date === date && sameHead(this.openDay.at, head) ? Dexie.Promise.resolve(null) : this.closedWhy(date);
  }

  private async closedWhy(date: LocalDate): Promise<'day' | 'month' | null> {
    const [day, monthClosings] = await Promise.all([this.db.dayClosings.get(date), this.db.monthClosings.where('id').startsWith(date.slice(0, 7)).count()]);
    if (day) return 'day';
    if (monthClosings > 0) return 'month';
    return null;
  }

  /** The first day after `date` that is neither closed nor in a claimed month. */
  async nextOpenDate(date: LocalDate): Promise<LocalDate> {
    let day = addDays(date, 1);
    while (await this.closedWhy(day)) day = addDays(day, 1);
    return day;
  }

  /** Reverses a meal. The meal stays as it was; the void points at it with who, when and why. */
  async voidMeal(request: NewVoid): Promise<VoidRecord> {
    return this.append<VoidRecord>('voids', async (head, now) => {
      const meal = await this.db.meals.get(request.mealId);
      if (!meal) throw new LedgerError(`找不到这笔消费：${request.mealId}`);
      // A void dated before its meal means the clock was set back: the books would read backwards.
      if (now < meal.recordedAt) throw new LedgerError(`电脑时钟（${now.slice(0, 16).replace('T', ' ')}）早于这笔消费的记录时间，请先校正时钟再作废`);
      const why = await this.closedWhy(now.slice(0, 10));
      if (why) throw new LedgerError(why === 'day' ? '今天已日结：作废会改变已打印的日结单，请在下一个营业日作废' : '本月已申报关账：请在下个月作废，作废会记入下月申报的冲正');
      return {
        record: { ...request, id: `V-${request.mealId}`, voidedAt: now, date: now.slice(0, 10) },
        mealSerial: head.mealSerial,
        audit: { actorId: request.managerId, action: 'void', details: { mealId: request.mealId, reason: request.reason } },
        voidIndex: meal.residentId ? { mealId: meal.id, residentId: meal.residentId, mealDate: meal.date } : undefined,
      };
    });
  }

  closeDay(closing: Omit<Unchained<DayClosingRecord>, 'closedAt'>): Promise<DayClosingRecord> {
    return this.append<DayClosingRecord>('dayClosings', async (head, now) => ({
      record: { ...closing, closedAt: now },
      mealSerial: head.mealSerial,
      audit: { actorId: closing.closedBy, action: 'close_day', details: { date: closing.id } },
    }));
  }

  /** Closes a month for its claim; each exported revision closes it once more, in the chain. */
  closeMonth(closing: Pick<MonthClosingRecord, 'month' | 'revision' | 'closedBy' | 'otherTills'>): Promise<MonthClosingRecord> {
    return this.append<MonthClosingRecord>('monthClosings', async (head, now) => ({
      record: { ...closing, id: closing.revision === 1 ? closing.month : `${closing.month}#r${closing.revision}`, closedAt: now },
      mealSerial: head.mealSerial,
      audit: { actorId: closing.closedBy, action: 'close_month', details: { month: closing.month, revision: closing.revision } },
    }));
  }

  /**
   * Appends one chained record in one transaction: IndexedDB runs overlapping read-write transactions one
   * after another, so two windows can never link to the same head. The record is hashed in script, in the
   * transaction's own turn (linkRecordNow); only the journal's append is waited for with Dexie.waitFor, which
   * keeps the transaction open across it.
   *
   * The journal follows the database's answers: its line is written only after every write of the record
   * was accepted, and before the transaction may commit, so a line the disk refuses aborts the sale. The
   * line's flush then runs while the database commits (two disk flushes side by side, not one after the
   * other), and the record is confirmed only when both are done. A commit that fails has its line taken back.
   * A flush that fails after the commit leaves the record in the books (the database holds it on disk; it is
   * not taken back, or the cashier would sell the meal twice) and stops the till's next sale until a restart,
   * when the books check copies into the journal whatever it lacks.
   */
  private async append<T extends Chained>(
    table: ChainedTable,
    build: (
      head: LedgerHead,
      now: string,
    ) => Promise<{ record: Unchained<T>; mealSerial: number; audit?: Omit<AuditRecord, 'at' | 'id'> | undefined; voidIndex?: VoidIndexRecord | undefined }>,
  ): Promise<T> {
    // Every chained table is in scope: a sale reads the closings and the resident's meals and voids in the
    // same transaction that appends it (a version-1 database, in the upgrade tests, has no void index).
    const scope = [...CHAINED_TABLES.map((name) => this.db[name]), this.db.settings, this.db.audit, ...(this.db.tables.some((t) => t.name === 'voidIndex') ? [this.db.voidIndex] : [])];
    if (this.journalTrouble) throw new LedgerError(this.journalTrouble);
    let journaled: JournalRecordEntry | undefined;
    let flushed: Promise<void> | undefined;
    try {
      const linked = await this.db.transaction('rw', scope, async () => {
        const head = await this.head();
        const now = chinaIsoFromEpochMs(this.clock());
        const { record, mealSerial, audit, voidIndex } = await build(head, now);
        // The database guard validates the record exactly as hashed (see guard.ts); a bad one aborts it all.
        const linked = linkRecordNow(record, head) as T;
        await (this.db[table] as unknown as { add(record: T): Promise<unknown> }).add(linked);
        await this.db.settings.put({ key: HEAD_KEY, value: { seq: linked.seq, hash: linked.hash, mealSerial, lastAt: now } satisfies LedgerHead });
        if (audit) await this.db.audit.add({ ...audit, at: now });
        if (voidIndex) await this.db.voidIndex.add(voidIndex);
        // The second copy is on disk before the transaction may commit: a journal that cannot be written
        // (a full disk) aborts the sale, so the screen never says 已记录 for a record only one copy holds.
        if (this.journal) {
          const entry = { table, record: linked as unknown as JournalRecordEntry['record'] };
          await Dexie.waitFor(this.journal.append(journalLine(entry)));
          journaled = entry;
          flushed = this.journal.flush();
          // Answered after the commit, below; until then a failure must not count as unhandled.
          flushed.catch(() => undefined);
        }
        return linked;
      });
      await flushed?.catch((error: unknown) => {
        this.journalTrouble = `账本日志没能存到磁盘（${error instanceof Error ? error.message : String(error)}）。上一笔已记入账本，不用重收；为防止丢账，收银已暂停：请清理磁盘（或请技术人员检查硬盘），然后关闭并重新打开收银台。`;
      });
      this.journal?.mark?.({ seq: linked.seq, hash: linked.hash });
      return linked;
    } catch (error) {
      // Journaled, then the database refused to commit (a full disk): the journal takes that line back, after
      // the flush already asked for (the shell answers in call order). Cut off rather than revoked where it
      // can be, since a disk too full to commit may be too full for a revoke line too, and a line left
      // standing would come back as a sale the screen said was not recorded.
      if (journaled && this.journal) {
        await this.journal.takeBack(journalLine(journaled), journalLine({ revoke: { seq: journaled.record.seq, hash: journaled.record.hash } })).catch(() => undefined);
      }
      throw error;
    }
  }
}

const PAGE = 2000;

/** Every chained record after `afterSeq` in seq order, merged from the four tables a page at a time. */
export async function* chainEntries(db: CanteenDB, afterSeq = 0): AsyncGenerator<{ table: ChainedTable; record: Chained & { id: string } }> {
  const cursors = CHAINED_TABLES.map((table) => ({ table, buffer: [] as (Chained & { id: string })[], after: afterSeq, done: false }));
  const fill = async (cursor: (typeof cursors)[number]) => {
    if (cursor.buffer.length || cursor.done) return;
    const page = (await db[cursor.table].where('seq').above(cursor.after).limit(PAGE).toArray()) as (Chained & { id: string })[];
    cursor.buffer = page;
    cursor.done = page.length < PAGE;
    if (page.length) cursor.after = page[page.length - 1]!.seq;
  };
  for (;;) {
    await Promise.all(cursors.map(fill));
    let next: (typeof cursors)[number] | undefined;
    for (const cursor of cursors) if (cursor.buffer.length && (!next || cursor.buffer[0]!.seq < next.buffer[0]!.seq)) next = cursor;
    if (!next) return;
    yield { table: next.table, record: next.buffer.shift()! };
  }
}

/** Walks the whole chain; `onProgress` hears how many records were checked so far. */
export async function verifyLedger(db: CanteenDB, onProgress?: (checked: number) => void): Promise<ChainVerdict & { headMatches: boolean }> {
  let checked = 0;
  async function* counted() {
    for await (const entry of chainEntries(db)) {
      if (++checked % 5000 === 0) onProgress?.(checked);
      yield entry;
    }
  }
  const verdict = await verifyChain(counted());
  const head = await readHead(db);
  // A chain cut off at its end verifies link by link; the stored head still knows how far it went.
  const headMatches = verdict.ok ? verdict.head.seq === head.seq && verdict.head.hash === head.hash : true;
  return { ...verdict, headMatches };
}
