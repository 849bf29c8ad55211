// claim_export_100k_s, measured in headless Chromium by scripts/bench-claims.mjs: a month of 100,000
// subsidised meals from four tills, exported through the app's own exportMonth (preview, close, build,
// all four files, signature) with the browser build's key store. Only the seed takes shortcuts
// (synthetic hashes, relaxed durability, no guard); what is timed is the app's code.
import Dexie from 'dexie';
import { addDays, chinaIsoFromEpochMs } from '../../shared/china-time';
import { idCheckChar } from '../../shared/id-number';
import { residentFacts, residentSnapshot, type DayClosingRecord, type MealRecord, type PolicyRecord, type ResidentRecord } from '../../shared/ledger/records';
import { EXAMPLE_POLICIES } from '../../shared/policy/examples';
import { PolicySchema } from '../../shared/policy/schema';
import { quoteMeal } from '../../shared/quote/quote';
import { browserBridge } from '../../renderer/bridge/browser-bridge';
import { CanteenDB } from '../../renderer/db/canteen-db';
import { exportMonth } from '../../renderer/db/claim-export';
import { Ledger } from '../../renderer/db/ledger';
import { declareVersions, SCHEMA_VERSIONS } from '../../renderer/db/schema-versions';

const DB_NAME = 'claim-bench';
const MONTH = '2026-10';
const TILLS = ['T1', 'T2', 'T3', 'T4'];
const HASH = 'b'.repeat(64);
const zengcheng = PolicySchema.parse(EXAMPLE_POLICIES['guangzhou-zengcheng']);

function resident(index: number): ResidentRecord {
  const body = `440118${1930 + (index % 30)}0${1 + (index % 9)}1${index % 10}${String(index % 1000).padStart(3, '0')}`;
  return {
    id: `r${index}`,
    name: `居民${index}`,
    idKind: 'resident',
    idNumber: body + idCheckChar(body),
    sex: index % 2 ? 'M' : 'F',
    birthDate: `${1930 + (index % 30)}-0${1 + (index % 9)}-1${index % 10}`,
    categories: index % 7 === 0 ? [{ code: 'dibao' }] : [],
    hukouArea: '440118102',
    residenceArea: '440118102',
    inCareHome: false,
    status: 'active',
    mealCards: [],
    createdAt: '2026-01-01T08:00:00+08:00',
    updatedAt: '2026-01-01T08:00:00+08:00',
  };
}

async function seed(meals: number): Promise<void> {
  await Dexie.delete(DB_NAME);
  const seeder = new Dexie(DB_NAME, { chromeTransactionDurability: 'relaxed' });
  declareVersions(seeder, SCHEMA_VERSIONS);
  const residents = Array.from({ length: Math.ceil(meals / 40) }, (_, i) => resident(i));
  await seeder.table('residents').bulkAdd(residents);
  const policy: PolicyRecord = { key: `${zengcheng.id}@bench`, policy: zengcheng, importedAt: '2026-01-01T08:00:00+08:00', importedBy: 'm1' };
  await seeder.table('policies').add(policy);
  await seeder.table('cashiers').add({ id: 'm1', name: '张经理', role: 'manager', failedAttempts: 0, active: true });
  await seeder.table('settings').put({ key: 'canteen', value: { code: 'ZC-001', name: '荔城街长者饭堂', subdistrict: '荔城街道', community: '光明社区', areaCode: '440118102' } });
  const days = Array.from({ length: 31 }, (_, i) => addDays(`${MONTH}-01`, i));
  const batch: MealRecord[] = [];
  let seq = 0;
  for (let i = 0; i < meals; i++) {
    const who = residents[i % residents.length]!;
    const day = days[Math.floor(i / residents.length) % days.length]!;
    const servedAt = `${day}T${i % 2 ? '11' : '17'}:${String(10 + (i % 50)).padStart(2, '0')}:00+08:00`;
    const meal = { servedAt, channel: 'dine_in' as const, items: [{ itemId: 'set', name: '长者套餐', unitPriceFen: 1200, quantity: 1, subsidyEligible: true }] };
    const quote = quoteMeal({ policies: [zengcheng], resident: residentFacts(who), meal, history: [], canteen: { area: '440118102' } });
    const tillId = TILLS[i % TILLS.length]!;
    seq++;
    batch.push({
      id: `${tillId}-${i + 1}`,
      tillId,
      serial: i + 1,
      residentId: who.id,
      resident: residentSnapshot(who),
      meal,
      quote,
      date: day,
      month: MONTH,
      mealPeriod: quote.mealPeriod,
      subsidyFen: quote.lines.reduce((sum, line) => sum + (line.type === 'subsidy' ? line.amountFen : 0), 0),
      payment: { method: 'cash', amountFen: quote.elderPaysFen },
      cashierId: 'm1',
      recordedAt: servedAt,
      seq,
      prevHash: HASH,
      hash: HASH,
    });
    if (batch.length === 10_000) await seeder.table('meals').bulkAdd(batch.splice(0));
  }
  if (batch.length) await seeder.table('meals').bulkAdd(batch.splice(0));
  const closings: DayClosingRecord[] = days.map((day) => ({ id: day, closedAt: `${day}T20:00:00+08:00`, closedBy: 'm1', expectedCashFen: 0, countedCashFen: 0, summary: {}, seq: ++seq, prevHash: HASH, hash: HASH }));
  await seeder.table('dayClosings').bulkAdd(closings);
  await seeder.table('settings').put({ key: 'ledger.head', value: { seq, hash: HASH, mealSerial: meals } });
  seeder.close();
}

async function exportOnce(): Promise<{ seconds: number; lines: number; bytes: number }> {
  const db = new CanteenDB(DB_NAME);
  const ledger = new Ledger(db, 'T1');
  const started = performance.now();
  let last = started;
  // Each step's time, for finding where the export spends it.
  const onStep = (step: string) => {
    const now = performance.now();
    console.log(`[claim-bench] ${((now - last) / 1000).toFixed(2)} s, then ${step}`);
    last = now;
  };
  const exported = await exportMonth(db, ledger, browserBridge, { month: MONTH, manager: { id: 'm1', name: '张经理' }, newRevision: false, nowMs: Date.parse('2026-11-02T09:00:00+08:00') }, onStep);
  onStep('done');
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { seconds, lines: exported.manifest.counts.lines, bytes: exported.bytes.length };
}

declare global {
  interface Window {
    claimBench: { seed: typeof seed; exportOnce: typeof exportOnce };
  }
}
window.claimBench = { seed, exportOnce };
void chinaIsoFromEpochMs;
