// Domain benchmarks: `npx tsx bench/domain.bench.ts`. Prints exactly
//   bench quote_100k_ms <value> ms   (budget 1000)
//   bench id_1m_ms <value> ms        (budget 2000)
// Inputs are built before timing; a short warm-up lets the JIT settle as it would at a counter.
import { addDays } from '../shared/china-time';
import { idCheckChar, parseIdNumber } from '../shared/id-number';
import { EXAMPLE_POLICIES } from '../shared/policy/examples';
import { PolicySchema } from '../shared/policy/schema';
import { historyEntryFromQuote, quoteSequence } from '../shared/quote/history';
import { quoteMeal } from '../shared/quote/quote';
import type { HistoryEntry, Meal, QuoteInput, ResidentFacts } from '../shared/quote/types';

// Deterministic PRNG (mulberry32) so every run measures the same work.
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20260302);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

// --- quotes ---------------------------------------------------------------------------------
const policySets = [['tianjin'], ['shanghai-putuo'], ['dandong']].map((names) => names.map((n) => PolicySchema.parse(EXAMPLE_POLICIES[n])));
const TIMES = ['07:20', '11:30', '11:55', '12:10', '17:40', '18:05'];

function meal(date: string): Meal {
  const items = [{ itemId: 'set', name: '套餐', unitPriceFen: pick([800, 1000, 1200, 1500, 1800]), quantity: 1, subsidyEligible: true }];
  if (rand() < 0.4) items.push({ itemId: 'drink', name: '豆浆', unitPriceFen: 200, quantity: int(1, 2), subsidyEligible: false });
  return { servedAt: `${date}T${pick(TIMES)}:00+08:00`, channel: pick(['dine_in', 'dine_in', 'dine_in', 'pickup', 'delivery'] as const), items };
}

function resident(): ResidentFacts {
  return {
    birthDate: `${int(1928, 1966)}-0${int(1, 9)}-1${int(0, 9)}`,
    categories: rand() < 0.3 ? [{ code: pick(['dibao', 'living_alone', 'empty_nest', 'disabled_care'] as const) }] : [],
    residenceArea: pick(['310107012', '120101', '210602']),
    hukouArea: pick(['310107', '120101', '210602']),
    inCareHome: rand() < 0.05,
    status: 'active',
  };
}

// 600 realistic situations: a resident, up to a month of earlier meals, the meal being quoted.
const situations: QuoteInput[] = [];
for (let i = 0; i < 600; i++) {
  const policies = policySets[i % policySets.length] as QuoteInput['policies'];
  const r = resident();
  const day = int(0, 29);
  const earlier: Meal[] = [];
  for (let d = 0; d < day; d++) for (let m = 0, n = int(0, 2); m < n; m++) earlier.push(meal(addDays('2026-03-01', d)));
  const history: HistoryEntry[] = quoteSequence({ policies, resident: r }, earlier).map(historyEntryFromQuote);
  situations.push({ policies, resident: rand() < 0.05 ? null : r, meal: meal(addDays('2026-03-01', day)), history });
}

let sink = 0;
const quoteRun = (n: number) => () => {
  for (let i = 0; i < n; i++) sink += quoteMeal(situations[i % situations.length] as QuoteInput).elderPaysFen;
};
quoteRun(20_000)();
const quoteMs = time(quoteRun(100_000));

// --- ID numbers -----------------------------------------------------------------------------
const TODAY = '2026-03-02';
const AREAS = ['110105', '210302', '310107', '440118', '120101', '810000', '830000'];
function id18(area: string): string {
  const body = `${area}${int(1925, 1966)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}${String(int(0, 999)).padStart(3, '0')}`;
  return body + idCheckChar(body);
}
const FULL = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const ids: string[] = [];
for (let i = 0; i < 10_000; i++) {
  const r = rand();
  const valid = id18(pick(AREAS));
  if (r < 0.7) ids.push(valid);
  else if (r < 0.75) ids.push(valid.toLowerCase().replace(/(\d{6})(\d{8})/, '$1 $2 '));
  else if (r < 0.78) ids.push(FULL(valid));
  else if (r < 0.84) ids.push(`${pick(AREAS)}${String(int(25, 66))}0${int(1, 9)}1${int(0, 9)}${String(int(0, 999)).padStart(3, '0')}`);
  else if (r < 0.9) ids.push(valid.slice(0, 17) + (valid.endsWith('0') ? '1' : '0')); // wrong check
  else if (r < 0.94) ids.push(valid.slice(0, int(10, 17))); // truncated, e.g. from Excel
  else if (r < 0.97) ids.push(`9${valid.slice(1, 17)}`.replace(/^(.{17})$/, (b) => b + idCheckChar(b)));
  else ids.push(`${pick(['USA', 'GBR', 'JPN'])}${String(int(0, 999999999999)).padStart(12, '0')}`);
}
const idRun = (n: number) => () => {
  for (let i = 0; i < n; i++) if (parseIdNumber(ids[i % ids.length] as string, TODAY).ok) sink++;
};
idRun(100_000)();
const idMs = time(idRun(1_000_000));

console.log(`bench quote_100k_ms ${quoteMs.toFixed(0)} ms`);
console.log(`bench id_1m_ms ${idMs.toFixed(0)} ms`);
if (sink === -1) console.log('unreachable'); // keeps the work observable
