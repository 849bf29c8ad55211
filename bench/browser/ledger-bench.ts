// The ledger's benchmarks, run in headless Chromium by scripts/bench-ledger.mjs: bundled with esbuild and
// loaded into a page, this file puts `window.ledgerBench` on it. Everything timed goes through the app's
// own modules (CanteenDB, Ledger, limitHistory, createBackup, quoteMeal) against a database of residents
// and meals that `seed` writes once and later runs reuse. Only the seed takes shortcuts (synthetic hashes,
// relaxed durability); what is measured is the app's code with the app's settings.
import Dexie from 'dexie';
import { addDays, chinaIsoFromEpochMs, type LocalDate } from '../../shared/china-time';
import { idCheckChar } from '../../shared/id-number';
import {
  residentFacts,
  residentSnapshot,
  type AuditRecord,
  type CashierRecord,
  type DayClosingRecord,
  type MealRecord,
  type MenuItemRecord,
  type PaymentMethod,
  type PolicyRecord,
  type ResidentRecord,
  type ResidentSnapshot,
  type VoidIndexRecord,
  type VoidRecord,
} from '../../shared/ledger/records';
import { EMPTY_CHAIN, linkRecord, type ChainHead } from '../../shared/ledger/chain';
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { PolicySchema } from '../../shared/policy/schema';
import { historyEntryFromQuote } from '../../shared/quote/history';
import { historySince } from '../../shared/quote/limits';
import { quoteMeal } from '../../shared/quote/quote';
import type { HistoryEntry, Meal, MealItem, ResidentFacts } from '../../shared/quote/types';
import { createBackup } from '../../renderer/db/backup';
import { CanteenDB } from '../../renderer/db/canteen-db';
import { chainEntries, Ledger, type LedgerHead, type NewMeal, type SaleToPrice } from '../../renderer/db/ledger';
import { createBrowserJournal } from '../../renderer/bridge/browser-journal';
import { journalSink, rebuildFromJournal } from '../../renderer/db/journal';
import { journalLine, type JournalRecordEntry } from '../../shared/ledger/journal';
import { countedLimitHistory, limitHistory } from '../../renderer/db/meals-repository';
import { declareVersions, SCHEMA_VERSIONS } from '../../renderer/db/schema-versions';
import { rangeReport } from '../../renderer/db/report-days';

/** The bench's own database, so the app's `canteen` database on the same machine is never touched. */
export const BENCH_DB = 'canteen-bench';
const FLOOR_DB = 'canteen-bench-floor';
/** Bump when the seed's shape changes: an older seed is then deleted and written again. */
const SEED_VERSION = 1;
const SEED_KEY = 'bench.seed';
const TILL = 'TBENCH1';
const FIRST_DAY: LocalDate = '2026-01-01';
const DAYS = 59; // 2026-01-01 .. 2026-02-28
const LAST_DAY: LocalDate = addDays(FIRST_DAY, DAYS - 1);
/** Regulars eat lunch every day: the residents whose limits need a month of meals. */
const REGULAR_PERCENT = 30;
const BATCH = 10_000;

const tianjin = PolicySchema.parse(EXAMPLE_POLICIES.tianjin);

export type SeedSpec = { residents: number; meals: number };
export type SeedMarker = SeedSpec & { version: number; seededAt: string; seconds: number };

const log = (message: string) => console.log(`[ledger-bench] ${message}`);

// --- deterministic data ----------------------------------------------------------------------

/** mulberry32: every seed writes the same books. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const unit = () => next() / 4294967296;
  return { next, unit, int: (lo: number, hi: number) => lo + Math.floor(unit() * (hi - lo + 1)), pick: <T>(xs: readonly T[]): T => xs[Math.floor(unit() * xs.length)] as T };
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** A 64-hex stand-in for a SHA-256: the seed's chain has the right shape, not real hashes. */
function fakeHash(next: () => number): string {
  let hex = '';
  for (let i = 0; i < 8; i++) {
    const x = next();
    hex += HEX[x & 255]! + HEX[(x >>> 8) & 255]! + HEX[(x >>> 16) & 255]! + HEX[x >>> 24]!;
  }
  return hex;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const residentId = (index: number) => `R${pad(index + 1, 6)}`;
/** Spread over the roster, not the first ids: about 30% of residents. */
const isRegular = (index: number) => (Math.imul(index + 1, 2654435761) >>> 0) % 100 < REGULAR_PERCENT;

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢'];
const GIVEN = [...'秀英桂兰玉珍凤华淑芳春梅建国志强德明永福金荣淑兰宝山文秀兰英玉梅振华国庆凤英德胜桂芝丽华'];
const TIANJIN_AREAS = ['120101', '120102', '120103', '120104', '120105', '120106', '120110', '120111', '120112', '120113'];
const CATEGORY_SETS: ResidentRecord['categories'][] = [
  [{ code: 'living_alone' }],
  [{ code: 'empty_nest' }],
  [{ code: 'dibao' }, { code: 'disabled_care', from: '2025-06-01' }],
  [{ code: 'disability' }],
  [{ code: 'family_planning' }],
];

function makeResidents(count: number): ResidentRecord[] {
  const r = rng(20260101);
  const seen = new Set<string>();
  const residents: ResidentRecord[] = [];
  for (let i = 0; i < count; i++) {
    const area = r.pick(TIANJIN_AREAS);
    const birthDate = `${r.int(1932, 1965)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
    let idNumber: string;
    do {
      const body = `${area}${birthDate.replace(/-/g, '')}${pad(r.int(0, 999), 3)}`;
      idNumber = body + idCheckChar(body);
    } while (seen.has(idNumber));
    seen.add(idNumber);
    const sex = r.unit() < 0.58 ? 'F' : 'M';
    const given = r.pick(GIVEN) + (r.unit() < 0.8 ? r.pick(GIVEN) : '');
    residents.push({
      id: residentId(i),
      name: r.pick(SURNAMES) + given,
      idKind: 'resident',
      idNumber,
      sex,
      birthDate,
      ...(r.unit() < 0.7 ? { phone: `1${r.int(30, 99)}${pad(r.int(0, 99_999_999), 8)}` } : {}),
      ...(r.unit() < 0.5 ? { address: `天津市和平区南京路${r.int(1, 400)}号${r.int(1, 30)}-${r.int(101, 2402)}` } : {}),
      categories: r.unit() < 0.3 ? r.pick(CATEGORY_SETS) : [],
      residenceArea: area,
      hukouArea: r.unit() < 0.9 ? area : r.pick(['110105', '130102', '370102']),
      inCareHome: r.unit() < 0.03,
      status: 'active',
      mealCards: r.unit() < 0.6 ? [`TJ${pad(i + 1, 8)}`] : [],
      createdAt: '2025-12-20T09:30:00+08:00',
      updatedAt: '2025-12-20T09:30:00+08:00',
    });
  }
  return residents;
}

const MENU: MenuItemRecord[] = [
  { id: 'set-a', name: '套餐A（两荤一素）', kind: 'set', priceFen: 1500, subsidyEligible: true, periods: ['lunch', 'dinner'], numberKey: 1, sortOrder: 1, dietTags: [], active: true },
  { id: 'set-b', name: '套餐B（一荤两素）', kind: 'set', priceFen: 1200, subsidyEligible: true, periods: ['lunch', 'dinner'], numberKey: 2, sortOrder: 2, dietTags: ['低盐'], active: true },
  { id: 'set-soft', name: '软烂餐', kind: 'set', priceFen: 1000, subsidyEligible: true, periods: ['lunch', 'dinner'], numberKey: 3, sortOrder: 3, dietTags: ['软烂', '低糖'], active: true },
  { id: 'breakfast', name: '早餐（粥、包子、鸡蛋）', kind: 'set', priceFen: 500, subsidyEligible: true, periods: ['breakfast'], numberKey: 4, sortOrder: 4, dietTags: [], active: true },
  { id: 'soy-milk', name: '豆浆', kind: 'dish', priceFen: 200, subsidyEligible: false, periods: ['breakfast', 'lunch', 'dinner'], numberKey: 5, sortOrder: 5, dietTags: [], active: true },
  { id: 'fruit', name: '水果', kind: 'dish', priceFen: 300, subsidyEligible: false, periods: ['lunch', 'dinner'], numberKey: 6, sortOrder: 6, dietTags: [], active: true },
];
const item = (id: string, quantity = 1): MealItem => {
  const entry = MENU.find((candidate) => candidate.id === id)!;
  return { itemId: entry.id, name: entry.name, unitPriceFen: entry.priceFen, quantity, subsidyEligible: entry.subsidyEligible };
};
const CASHIERS: CashierRecord[] = [
  { id: 'c1', name: '收银员小李', role: 'cashier', failedAttempts: 0, active: true },
  { id: 'c2', name: '收银员小王', role: 'cashier', failedAttempts: 0, active: true },
  { id: 'm1', name: '站长老张', role: 'manager', failedAttempts: 0, active: true },
];

function mealItems(r: ReturnType<typeof rng>, minute: number): MealItem[] {
  if (minute < 10 * 60) return r.unit() < 0.3 ? [item('breakfast'), item('soy-milk')] : [item('breakfast')];
  const items = [item(r.pick(['set-a', 'set-a', 'set-b', 'set-soft']))];
  if (r.unit() < 0.3) items.push(item('soy-milk', r.int(1, 2)));
  if (r.unit() < 0.15) items.push(item('fruit'));
  return items;
}

function payment(r: ReturnType<typeof rng>, amountFen: number): MealRecord['payment'] {
  const method: PaymentMethod = r.pick(['wechat', 'wechat', 'cash', 'cash', 'alipay', 'other']);
  if (method !== 'cash') return { method, amountFen };
  const tenderedFen = amountFen <= 1000 ? 1000 : amountFen <= 2000 ? 2000 : 5000;
  return { method, amountFen, tenderedFen, changeFen: tenderedFen - amountFen };
}

const instant = (date: LocalDate, minute: number, second = 0) => `${date}T${pad(Math.floor(minute / 60), 2)}:${pad(minute % 60, 2)}:${pad(second, 2)}+08:00`;

// --- the seed ----------------------------------------------------------------------------------

type Party = { index: number; minute: number };

/** Who eats on day `d`: every regular at lunch, and the day's share of everyone else's meals. */
function dayParties(r: ReturnType<typeof rng>, spec: SeedSpec, regulars: readonly number[], d: number): Party[] {
  const others = spec.meals - regulars.length * DAYS;
  const count = Math.floor(((d + 1) * others) / DAYS) - Math.floor((d * others) / DAYS);
  const parties: Party[] = regulars.map((index) => ({ index, minute: r.int(11 * 60 + 5, 12 * 60 + 40) }));
  for (let i = 0; i < count; i++) {
    const period = r.unit();
    const minute = period < 0.2 ? r.int(7 * 60, 8 * 60 + 30) : period < 0.7 ? r.int(11 * 60, 12 * 60 + 50) : r.int(17 * 60, 18 * 60 + 30);
    // 5% walk-ins (index -1), the rest anyone on the roster.
    parties.push({ index: r.unit() < 0.05 ? -1 : r.int(0, spec.residents - 1), minute });
  }
  return parties.sort((a, b) => a.minute - b.minute);
}

async function openSeeded(): Promise<{ db: CanteenDB; marker: SeedMarker | undefined }> {
  const db = new CanteenDB(BENCH_DB);
  await db.open();
  return { db, marker: (await db.settings.get(SEED_KEY))?.value as SeedMarker | undefined };
}

/** The counts the database holds, and whether a finished seed of `spec` wrote them. */
async function status(spec: SeedSpec): Promise<{ ready: boolean; residents: number; meals: number }> {
  const { db, marker } = await openSeeded();
  const [residents, meals] = await Promise.all([db.residents.count(), db.meals.count()]);
  db.close();
  const ready = marker?.version === SEED_VERSION && marker.residents === spec.residents && marker.meals === spec.meals && residents === spec.residents && meals >= spec.meals;
  return { ready, residents, meals };
}

/**
 * Writes the roster and two months of meals (with their voids, day closings and audit entries) in one
 * chain, then points the ledger's head at its last record so real commits chain on. Relaxed durability,
 * batches of 10,000, and the next batch is built while the last one is written.
 */
async function seed(spec: SeedSpec): Promise<SeedMarker> {
  const started = performance.now();
  await Dexie.delete(BENCH_DB);
  const seeder = new Dexie(BENCH_DB, { chromeTransactionDurability: 'relaxed' });
  declareVersions(seeder, SCHEMA_VERSIONS);
  await seeder.open();

  const residents = makeResidents(spec.residents);
  for (let i = 0; i < residents.length; i += BATCH) await seeder.table('residents').bulkAdd(residents.slice(i, i + BATCH));
  const policyKey = `${tianjin.id}@bench0000000`;
  await seeder.table('policies').add({ key: policyKey, policy: tianjin, importedAt: '2025-12-20T09:00:00+08:00', importedBy: 'm1' } satisfies PolicyRecord);
  await seeder.table('menuItems').bulkAdd(MENU);
  await seeder.table('cashiers').bulkAdd(CASHIERS);
  log(`roster: ${residents.length} residents`);

  const facts: ResidentFacts[] = residents.map(residentFacts);
  const snapshots: ResidentSnapshot[] = residents.map(residentSnapshot);
  const histories: HistoryEntry[][] = residents.map(() => []);
  const regulars = residents.map((_, index) => index).filter(isRegular);
  if (regulars.length * DAYS > spec.meals) regulars.length = Math.floor(spec.meals / DAYS);
  const r = rng(20260302);
  let seq = 0;
  let prevHash = '0'.repeat(64);
  let serial = 0;
  let bytes = 0;
  let batch = { meals: [] as MealRecord[], voids: [] as VoidRecord[], voidIndex: [] as VoidIndexRecord[], dayClosings: [] as DayClosingRecord[], audit: [] as AuditRecord[] };
  let writing: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const { meals, voids, voidIndex, dayClosings, audit } = batch;
    batch = { meals: [], voids: [], voidIndex: [], dayClosings: [], audit: [] };
    await writing;
    writing = seeder.transaction('rw', ['meals', 'voids', 'voidIndex', 'dayClosings', 'audit'], () =>
      Promise.all([
        seeder.table('meals').bulkAdd(meals),
        seeder.table('voids').bulkAdd(voids),
        seeder.table('voidIndex').bulkAdd(voidIndex),
        seeder.table('dayClosings').bulkAdd(dayClosings),
        seeder.table('audit').bulkAdd(audit),
      ]),
    );
    if (Math.floor(serial / 100_000) !== Math.floor((serial - meals.length) / 100_000)) {
      log(`seeded ${serial.toLocaleString('en-US')} of ${spec.meals.toLocaleString('en-US')} meals (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  };
  const chain = <T extends object>(record: T): T & { seq: number; prevHash: string; hash: string } => {
    const hash = fakeHash(r.next);
    const linked = { ...record, seq: ++seq, prevHash, hash };
    prevHash = hash;
    return linked;
  };

  for (let d = 0; d < DAYS; d++) {
    const date = addDays(FIRST_DAY, d);
    const since = historySince(date);
    let cashFen = 0;
    let subsidyTotal = 0;
    const parties = dayParties(r, spec, regulars, d);
    for (const { index, minute } of parties) {
      const servedAt = instant(date, minute, r.int(0, 59));
      const meal: Meal = { servedAt, channel: r.unit() < 0.85 ? 'dine_in' : r.unit() < 0.6 ? 'pickup' : 'delivery', items: mealItems(r, minute) };
      let history: HistoryEntry[] = [];
      if (index >= 0) {
        history = histories[index]!;
        if (history.length && history[0]!.date < since) history = histories[index] = history.filter((entry) => entry.date >= since);
      }
      const quote = quoteMeal({ policies: [tianjin], resident: index >= 0 ? facts[index]! : null, meal, history });
      const subsidyFen = quote.lines.filter((line) => line.type === 'subsidy').reduce((sum, line) => sum + line.amountFen, 0);
      serial++;
      const record = chain({
        id: `${TILL}-${serial}`,
        tillId: TILL,
        serial,
        residentId: index >= 0 ? residentId(index) : null,
        resident: index >= 0 ? snapshots[index]! : null,
        meal,
        quote,
        date,
        month: date.slice(0, 7),
        mealPeriod: quote.mealPeriod,
        subsidyFen,
        payment: payment(r, quote.elderPaysFen),
        cashierId: r.unit() < 0.5 ? 'c1' : 'c2',
        recordedAt: servedAt,
      }) satisfies MealRecord;
      if (serial % 1000 === 1) bytes += JSON.stringify(record).length;
      batch.meals.push(record);
      if (r.unit() < 0.002) {
        const voidedAt = instant(date, Math.min(minute + 3, 23 * 60));
        const reason = r.pick(['点错菜品', '老人改为打包，重新下单', '重复刷卡']);
        batch.voids.push(chain({ id: `V-${record.id}`, mealId: record.id, reason, managerId: 'm1', voidedAt, date }) satisfies VoidRecord);
        if (record.residentId) batch.voidIndex.push({ mealId: record.id, residentId: record.residentId, mealDate: date });
        batch.audit.push({ at: voidedAt, actorId: 'm1', action: 'void', details: { mealId: record.id, reason } });
      } else {
        if (index >= 0) history.push(historyEntryFromQuote(quote));
        if (record.payment.method === 'cash') cashFen += record.payment.amountFen;
        subsidyTotal += subsidyFen;
      }
      if (batch.meals.length === BATCH) await flush();
    }
    const closedAt = instant(date, 19 * 60 + 30);
    batch.dayClosings.push(chain({ id: date, closedAt, closedBy: 'm1', expectedCashFen: cashFen, countedCashFen: cashFen, summary: { meals: parties.length, subsidyFen: subsidyTotal } }) satisfies DayClosingRecord);
    batch.audit.push({ at: closedAt, actorId: 'm1', action: 'close_day', details: { date } });
  }
  await flush();
  await writing;
  const seconds = (performance.now() - started) / 1000;
  const marker: SeedMarker = { ...spec, version: SEED_VERSION, seededAt: chinaIsoFromEpochMs(Date.now()), seconds: Math.round(seconds) };
  const head: LedgerHead = { seq, hash: prevHash, mealSerial: serial };
  await seeder.table('settings').bulkPut([
    { key: 'till.id', value: TILL },
    { key: 'ledger.head', value: head },
  ]);
  // Written last, and only then: a seed cut short is found unfinished and written again.
  await seeder.transaction('rw', ['settings'], () => seeder.table('settings').put({ key: SEED_KEY, value: marker }));
  seeder.close();
  log(`seeded ${serial.toLocaleString('en-US')} meals, ${seq - serial} other chained records, about ${Math.round((bytes * 1000) / serial)} bytes of JSON a meal, in ${seconds.toFixed(0)} s`);
  return marker;
}

// --- the benchmarks ----------------------------------------------------------------------------

/**
 * A counter sale, built the way the counter builds one (renderer/counter/record-sale.ts): priced inside the
 * ledger's append, with the resident's limit history as the books hold it in that same transaction.
 */
async function aSale(db: CanteenDB, r: ReturnType<typeof rng>, spec: SeedSpec): Promise<SaleToPrice> {
  const resident = r.unit() < 0.05 ? undefined : await db.residents.get(residentId(r.int(0, spec.residents - 1)));
  const minute = r.int(11 * 60, 12 * 60 + 50);
  const items = mealItems(r, minute);
  const paySeed = r.next();
  const price = ({ servedAt, history }: { servedAt: string; history: HistoryEntry[] }): NewMeal => {
    const meal: Meal = { servedAt, channel: 'dine_in', items };
    const quote = quoteMeal({ policies: [tianjin], resident: resident ? residentFacts(resident) : null, meal, history });
    return { residentId: resident?.id ?? null, resident: resident ? residentSnapshot(resident) : null, meal, quote, payment: payment(rng(paySeed), quote.elderPaysFen), cashierId: 'c1' };
  };
  return { residentId: resident?.id ?? null, price };
}

/** A bare IndexedDB store for the floor: the same origin (so the same storage backend), one small store. */
function openFloor(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(FLOOR_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('records', { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function putStrict(floor: IDBDatabase, record: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = floor.transaction('records', 'readwrite', { durability: 'strict' });
    tx.objectStore('records').put(record);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/**
 * `samples` sequential commits through Ledger.recordMeal into the seeded books, each followed by one
 * strict put of a record the same size into the floor store, so both see the same disk at the same time.
 * Sales are built before the clock starts; `warmup` commits first are not counted.
 */
async function commitBench({ spec, samples, warmup }: { spec: SeedSpec; samples: number; warmup: number }): Promise<{ commitMs: number[]; floorMs: number[]; recordBytes: number; parts: CommitParts }> {
  const db = new CanteenDB(BENCH_DB);
  const floor = await openFloor();
  const r = rng(Date.now() >>> 0);
  // With the journal on, as the till runs: each sale is also appended and flushed to the origin-private file.
  // The sink is timed too, to tell apart what varies: the transaction's work before the journal (reads, the
  // record's hash, the writes), the journal's append (written, not yet flushed), and the rest: the journal's
  // flush side by side with the strict commit. The flush alone is timed as well.
  const sink = journalSink(await freshJournal());
  let journalStart = 0;
  let journalEnd = 0;
  let flushMs = 0;
  const timedSink = {
    ...sink,
    append: async (line: string) => {
      journalStart = performance.now();
      try {
        return await sink.append(line);
      } finally {
        journalEnd = performance.now();
      }
    },
    flush: async () => {
      const start = performance.now();
      try {
        return await sink.flush();
      } finally {
        flushMs = performance.now() - start;
      }
    },
  };
  // The till's clock on the day after the seed (the seed closed each of its days, and a closed day takes no
  // sales): the regulars' history of that week is in the books, as at a real counter.
  const opening = Date.parse(instant(addDays(LAST_DAY, 1), 11 * 60));
  const started = Date.now();
  const ledger = new Ledger(db, TILL, () => opening + (Date.now() - started), timedSink);
  const sales: SaleToPrice[] = [];
  for (let i = 0; i < warmup + samples; i++) sales.push(await aSale(db, r, spec));
  const commitMs: number[] = [];
  const floorMs: number[] = [];
  const parts: CommitParts = { beforeJournalMs: [], journalMs: [], afterJournalMs: [], flushMs: [] };
  let recordBytes = 0;
  for (let i = 0; i < sales.length; i++) {
    const sale = sales[i]!;
    // As at the counter, the elder's history is read when the elder is identified, before the sale is confirmed.
    if (sale.residentId) ledger.knowHistory(sale.residentId, await countedLimitHistory(db, sale.residentId, addDays(LAST_DAY, 1)));
    const t0 = performance.now();
    const meal = await ledger.recordMeal(sale);
    const t1 = performance.now();
    const t2 = performance.now();
    await putStrict(floor, { ...meal, id: `floor-${i % 16}` });
    const t3 = performance.now();
    if (i < warmup) continue;
    commitMs.push(t1 - t0);
    floorMs.push(t3 - t2);
    parts.beforeJournalMs.push(journalStart - t0);
    parts.journalMs.push(journalEnd - journalStart);
    parts.afterJournalMs.push(t1 - journalEnd);
    parts.flushMs.push(flushMs);
    recordBytes += JSON.stringify(meal).length;
  }
  db.close();
  floor.close();
  return { commitMs, floorMs, recordBytes: Math.round(recordBytes / samples), parts };
}

type CommitParts = { beforeJournalMs: number[]; journalMs: number[]; afterJournalMs: number[]; flushMs: number[] };

/** limitHistory for random regulars (a month of lunches each) on the seed's last day. */
async function limitsBench({ spec, samples, warmup }: { spec: SeedSpec; samples: number; warmup: number }): Promise<{ ms: number[]; meanMeals: number }> {
  const db = new CanteenDB(BENCH_DB);
  await db.open();
  const r = rng(Date.now() >>> 0);
  const ms: number[] = [];
  let meals = 0;
  for (let i = 0; i < warmup + samples; i++) {
    let index: number;
    do index = r.int(0, spec.residents - 1);
    while (!isRegular(index));
    const t0 = performance.now();
    const history = await limitHistory(db, residentId(index), LAST_DAY);
    const t1 = performance.now();
    if (i < warmup) continue;
    ms.push(t1 - t0);
    meals += history.length;
  }
  db.close();
  return { ms, meanMeals: meals / samples };
}

async function backupBench(): Promise<{ ms: number; bytes: number; records: number }> {
  const db = new CanteenDB(BENCH_DB);
  await db.open();
  let records = 0;
  const t0 = performance.now();
  const backup = await createBackup(db, chinaIsoFromEpochMs(Date.now()), (done) => {
    if (Math.floor(done / 200_000) !== Math.floor(records / 200_000)) log(`backup: ${done.toLocaleString('en-US')} records (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    records = done;
  });
  const ms = performance.now() - t0;
  db.close();
  return { ms, bytes: backup.length, records };
}

/**
 * The 报表 page's report of the seed's first month (January: about half the meals). The first run also
 * adds up whatever the day tallies have not taken in yet (on the very first, all of the books); the
 * `runs` after it are what a manager opening the page meets.
 */
async function reportBench({ runs }: { runs: number }): Promise<{ firstMs: number; ms: number[]; meals: number }> {
  const db = new CanteenDB(BENCH_DB);
  await db.open();
  const time = async () => {
    const t0 = performance.now();
    const report = await rangeReport(db, FIRST_DAY, '2026-01-31');
    return { ms: performance.now() - t0, meals: report.meals };
  };
  const first = await time();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await time()).ms);
  db.close();
  return { firstMs: first.ms, ms, meals: first.meals };
}

/** The till's own journal worker (bundled beside this script), on a file of its own. */
async function freshJournal() {
  const root = await navigator.storage.getDirectory();
  await root.removeEntry('ledger-journal.jsonl').catch(() => undefined);
  return createBrowserJournal(() => new Worker('/journal-worker.js'));
}

/**
 * The seeded books' first `records` chained records written to the journal (not timed), then rebuilt from
 * it into an empty database (timed): what a till does after the browser threw its database away.
 */
async function journalRebuildBench({ records }: { records: number }): Promise<{ ms: number; rebuilt: number; journalBytes: number }> {
  const db = new CanteenDB(BENCH_DB);
  await db.open();
  const journal = await freshJournal();
  let written = 0;
  let lines: string[] = [];
  // The seed's hashes are stand-ins and a rebuild checks every link: the records are linked again for real.
  let head: ChainHead = EMPTY_CHAIN;
  for await (const { table, record } of chainEntries(db)) {
    const { seq: _seq, prevHash: _prevHash, hash: _hash, ...unchained } = record as JournalRecordEntry['record'];
    const linked = await linkRecord(unchained, head);
    head = { seq: linked.seq, hash: linked.hash };
    lines.push(journalLine({ table, record: linked as JournalRecordEntry['record'] }));
    if (++written === records || lines.length === 5000) {
      // Many lines in one append: the worker writes them as they are (no IPC schema between them here).
      await journal.journalAppend(lines.join('\n'));
      lines = [];
    }
    if (written === records) break;
  }
  db.close();
  const { size } = await journal.journalState();
  const target = new CanteenDB('journal-rebuild-bench');
  await Dexie.delete('journal-rebuild-bench');
  await target.open();
  const t0 = performance.now();
  const rebuilt = await rebuildFromJournal(target, journal, 'm1', chinaIsoFromEpochMs(Date.now()));
  const ms = performance.now() - t0;
  target.close();
  await Dexie.delete('journal-rebuild-bench');
  return { ms, rebuilt, journalBytes: size };
}

const ledgerBench = { seed, status, commitBench, limitsBench, backupBench, reportBench, journalRebuildBench };
export type LedgerBench = typeof ledgerBench;

declare global {
  interface Window {
    ledgerBench: LedgerBench;
    /** Set by a page opened with `?open`: ms from navigation start to the books' first answer. */
    ledgerBenchOpenedMs?: number;
  }
}

window.ledgerBench = ledgerBench;

// db_open_ms: a page loaded with `?open` opens the books at once, as the app does on start, and notes when
// the first query (the app's first: the till id) has its answer.
if (new URLSearchParams(location.search).has('open')) {
  const db = new CanteenDB(BENCH_DB);
  void db.settings.get('till.id').then(() => {
    window.ledgerBenchOpenedMs = performance.now();
  });
}
