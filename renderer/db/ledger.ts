// The only way meals, voids and closings get into the books: appended, never edited or deleted, each
// linked into the hash chain, validated, and committed with strict durability before the call resolves.
import Dexie from 'dexie';
import { chinaIsoFromEpochMs } from '../../shared/china-time';
import { EMPTY_CHAIN, linkRecord, verifyChain, type ChainHead, type ChainVerdict, type Chained } from '../../shared/ledger/chain';
import type { AuditRecord, DayClosingRecord, MealRecord, MonthClosingRecord, VoidIndexRecord, VoidRecord } from '../../shared/ledger/records';
import { CHAINED_TABLES, type CanteenDB, type ChainedTable } from './canteen-db';

const HEAD_KEY = 'ledger.head';

/** The chain's head, and the last meal serial this till gave out (both move together). */
export type LedgerHead = ChainHead & { mealSerial: number };
const EMPTY_HEAD: LedgerHead = { ...EMPTY_CHAIN, mealSerial: 0 };

export class LedgerError extends Error {}

type Unchained<T> = Omit<T, keyof Chained>;
export type NewMeal = Omit<Unchained<MealRecord>, 'id' | 'serial' | 'tillId' | 'recordedAt' | 'date' | 'month' | 'mealPeriod' | 'subsidyFen'>;
export type NewVoid = Pick<VoidRecord, 'mealId' | 'reason' | 'managerId'>;

export type Clock = () => number;

export class Ledger {
  constructor(
    private readonly db: CanteenDB,
    private readonly tillId: string,
    private readonly clock: Clock = Date.now,
  ) {}

  async head(): Promise<LedgerHead> {
    return ((await this.db.settings.get(HEAD_KEY))?.value as LedgerHead | undefined) ?? EMPTY_HEAD;
  }

  /** Records a confirmed sale. Resolves only when the meal is on disk. */
  recordMeal(sale: NewMeal): Promise<MealRecord> {
    return this.append<MealRecord>('meals', (head, now) => {
      const serial = head.mealSerial + 1;
      const { quote } = sale;
      const record: Unchained<MealRecord> = {
        ...sale,
        id: `${this.tillId}-${serial}`,
        tillId: this.tillId,
        serial,
        date: quote.date,
        month: quote.date.slice(0, 7),
        mealPeriod: quote.mealPeriod,
        subsidyFen: quote.lines.filter((line) => line.type === 'subsidy').reduce((sum, line) => sum + line.amountFen, 0),
        recordedAt: now,
      };
      return { record, mealSerial: serial, audit: sale.override ? { actorId: sale.override.managerId, action: 'override', details: { mealId: record.id, reason: sale.override.reason } } : undefined };
    });
  }

  /** Reverses a meal. The meal stays as it was; the void points at it with who, when and why. */
  async voidMeal(request: NewVoid): Promise<VoidRecord> {
    const meal = await this.db.meals.get(request.mealId);
    if (!meal) throw new LedgerError(`找不到这笔消费：${request.mealId}`);
    return this.append<VoidRecord>('voids', (head, now) => ({
      record: { ...request, id: `V-${request.mealId}`, voidedAt: now, date: now.slice(0, 10) },
      mealSerial: head.mealSerial,
      audit: { actorId: request.managerId, action: 'void', details: { mealId: request.mealId, reason: request.reason } },
      voidIndex: meal.residentId ? { mealId: meal.id, residentId: meal.residentId, mealDate: meal.date } : undefined,
    }));
  }

  closeDay(closing: Omit<Unchained<DayClosingRecord>, 'closedAt'>): Promise<DayClosingRecord> {
    return this.append<DayClosingRecord>('dayClosings', (head, now) => ({
      record: { ...closing, closedAt: now },
      mealSerial: head.mealSerial,
      audit: { actorId: closing.closedBy, action: 'close_day', details: { date: closing.id } },
    }));
  }

  /** Closes a month for its claim; each exported revision closes it once more, in the chain. */
  closeMonth(closing: Pick<MonthClosingRecord, 'month' | 'revision' | 'closedBy'>): Promise<MonthClosingRecord> {
    return this.append<MonthClosingRecord>('monthClosings', (head, now) => ({
      record: { ...closing, id: closing.revision === 1 ? closing.month : `${closing.month}#r${closing.revision}`, closedAt: now },
      mealSerial: head.mealSerial,
      audit: { actorId: closing.closedBy, action: 'close_month', details: { month: closing.month, revision: closing.revision } },
    }));
  }

  /**
   * Appends one chained record in one transaction: IndexedDB runs overlapping read-write transactions one
   * after another, so two windows can never link to the same head. Dexie.waitFor keeps the transaction
   * open across the WebCrypto digest, which would otherwise let it commit early.
   */
  private append<T extends Chained>(
    table: ChainedTable,
    build: (
      head: LedgerHead,
      now: string,
    ) => { record: Unchained<T>; mealSerial: number; audit?: Omit<AuditRecord, 'at' | 'id'> | undefined; voidIndex?: VoidIndexRecord | undefined },
  ): Promise<T> {
    // Only a void touches the void index (and a version-1 database, in the upgrade tests, has none).
    const scope = table === 'voids' ? [this.db[table], this.db.settings, this.db.audit, this.db.voidIndex] : [this.db[table], this.db.settings, this.db.audit];
    return this.db.transaction('rw', scope, async () => {
      const head = await this.head();
      const now = chinaIsoFromEpochMs(this.clock());
      const { record, mealSerial, audit, voidIndex } = build(head, now);
      // The database guard validates the record exactly as hashed (see guard.ts); a bad one aborts it all.
      const linked = (await Dexie.waitFor(linkRecord(record, head))) as T;
      await (this.db[table] as unknown as { add(record: T): Promise<unknown> }).add(linked);
      await this.db.settings.put({ key: HEAD_KEY, value: { seq: linked.seq, hash: linked.hash, mealSerial } satisfies LedgerHead });
      if (audit) await this.db.audit.add({ ...audit, at: now });
      if (voidIndex) await this.db.voidIndex.add(voidIndex);
      return linked;
    });
  }
}

const PAGE = 2000;

/** Every chained record in seq order, merged from the four tables a page at a time. */
export async function* chainEntries(db: CanteenDB): AsyncGenerator<{ table: ChainedTable; record: Chained & { id: string } }> {
  const cursors = CHAINED_TABLES.map((table) => ({ table, buffer: [] as (Chained & { id: string })[], after: 0, done: false }));
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
  const head = ((await db.settings.get(HEAD_KEY))?.value as LedgerHead | undefined) ?? EMPTY_HEAD;
  // A chain cut off at its end verifies link by link; the stored head still knows how far it went.
  const headMatches = verdict.ok ? verdict.head.seq === head.seq && verdict.head.hash === head.hash : true;
  return { ...verdict, headMatches };
}
