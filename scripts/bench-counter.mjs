/* global window, document, MutationObserver -- used only inside callbacks that run in the page */
// The counter's identification against 50,000 residents, in headless Chromium on the built renderer:
//   counter_search_p95_ms    a key typed at a person's pace in the identify field, to the results for the
//                            new text in the page (budget 16)
//   counter_identify_p95_ms  Enter after a scanned ID number, to the resident card of that elder in the page
//                            (budget 50); today's meals and limits fill in as limitHistory answers (its own
//                            figure: limits_query_p95_ms in the ledger bench)
// The roster is written by the app's own code (CanteenDB, pinyin initials, ResidentRecordSchema, policy
// import), bundled with esbuild and added to the served page; the page is then reloaded so the counter
// reads the 50,000 residents into its search index the way it does when the till starts.
import { build } from 'esbuild';
import { passGate } from './bench-gate.mjs';
import { fileURLToPath } from 'node:url';

const RESIDENTS = 50_000;
const SEARCH_QUERIES = 60;
const SCANS = 100;

const say = (message) => process.stderr.write(`${message}\n`);
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)];
const summary = (values) => `median ${percentile(values, 0.5).toFixed(1)}, p95 ${percentile(values, 0.95).toFixed(1)}, max ${Math.max(...values).toFixed(1)} ms (${values.length} samples)`;

// Runs in the page: seeds the app's database through the app's own code.
const SEED_SOURCE = `
import { CanteenDB } from './renderer/db/canteen-db';
import { importPolicyFile } from './renderer/db/policies-repository';
import { idCheckChar } from './shared/id-number';
import { ResidentRecordSchema } from './shared/ledger/records';
import { EXAMPLE_POLICIES } from './shared/policy/examples';
import { pinyinInitials } from './shared/search/pinyin';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单区查仇乐𠮷';
const GIVEN = '秀英桂兰玉珍淑芳凤华明国建文军德志强永福春梅金荣海平丽红云霞宝山林树森学忠长生振兴素芝琴翠玉贵英';
const AREAS = ['120101', '120102', '110105', '210302', '440118', '320102'];
const CATEGORIES = ['dibao', 'living_alone', 'empty_nest', 'disabled_care', 'tekun'];

function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 4294967296);
}

window.counterBench = {
  async seed(count) {
    const started = performance.now();
    const db = new CanteenDB();
    await importPolicyFile(db, JSON.stringify(EXAMPLE_POLICIES.tianjin), 'bench');
    const rand = random(20260301);
    const pick = (text) => Array.from(text)[Math.floor(rand() * Array.from(text).length)];
    const memo = new Map();
    const initials = (name) => memo.get(name) ?? (memo.set(name, pinyinInitials(name)), memo.get(name));
    const samples = [];
    const at = '2026-03-01T08:00:00+08:00';
    for (let from = 0; from < count; from += 5000) {
      const batch = [];
      for (let i = from; i < Math.min(count, from + 5000); i++) {
        const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.8 ? pick(GIVEN) : '');
        const year = 1925 + Math.floor(rand() * 41);
        // The month follows from i where area and sequence number repeat (every 6,000): every ID is unique up to 72,000.
        const birth = String(year) + String(1 + (Math.floor(i / 6000) % 12)).padStart(2, '0') + String(1 + Math.floor(rand() * 28)).padStart(2, '0');
        const area = AREAS[i % AREAS.length];
        const first17 = area + birth + String(Math.floor(i / AREAS.length) % 1000).padStart(3, '0');
        const idNumber = first17 + idCheckChar(first17);
        const record = ResidentRecordSchema.parse({
          id: 'B' + String(i).padStart(6, '0'),
          name,
          idKind: 'resident',
          idNumber,
          sex: Math.floor(i / AREAS.length) % 2 ? 'M' : 'F',
          birthDate: birth.slice(0, 4) + '-' + birth.slice(4, 6) + '-' + birth.slice(6, 8),
          ...(rand() < 0.7 ? { phone: '13' + String(Math.floor(rand() * 1e9)).padStart(9, '0') } : {}),
          categories: rand() < 0.2 ? [{ code: CATEGORIES[i % CATEGORIES.length] }] : [],
          hukouArea: area,
          residenceArea: area,
          inCareHome: false,
          status: i % 97 === 0 ? 'moved' : i % 89 === 0 ? 'deceased' : 'active',
          mealCards: rand() < 0.3 ? ['MC' + String(i).padStart(8, '0')] : [],
          pinyinInitials: initials(name),
          createdAt: at,
          updatedAt: at,
        });
        batch.push(record);
        if (i % 457 === 0 && record.status === 'active') samples.push({ name: record.name, idNumber: record.idNumber, phone: record.phone ?? null });
      }
      await db.residents.bulkAdd(batch);
    }
    const stored = await db.residents.count();
    db.close();
    return { seconds: ((performance.now() - started) / 1000).toFixed(1), stored, samples };
  },
};
`;

async function seedBundle() {
  const result = await build({
    stdin: { contents: SEED_SOURCE, resolveDir: fileURLToPath(new URL('..', import.meta.url)), sourcefile: 'counter-bench-seed.ts', loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Records, in the page, the time from each keystroke (or Enter) to the moment `done()` holds in the DOM. */
function installProbe(page) {
  return page.evaluate(() => {
    const probe = { start: null, until: null, samples: [] };
    window.counterProbe = probe;
    const begin = (event) => {
      if (probe.until && probe.start === null) probe.start = event.timeStamp;
    };
    // keydown for keys, beforeinput for text that arrives without one (an input method, insertText).
    window.addEventListener('keydown', begin, true);
    window.addEventListener('beforeinput', begin, true);
    const check = () => {
      if (probe.start === null || !probe.until || !probe.until()) return;
      probe.samples.push(performance.now() - probe.start);
      probe.start = null;
      probe.until = null;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const field = (page) => page.getByLabel('识别老人');

async function clearField(page) {
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.querySelector('input[aria-label="识别老人"]')?.value === '', null, { polling: 'raf' });
}

/** One key typed, measured to the results for the field's new text. */
async function timedKey(page, key) {
  await page.evaluate(() => {
    window.counterProbe.until = () => {
      const input = document.querySelector('input[aria-label="识别老人"]');
      const results = document.querySelector('[data-testid="identify-results"]');
      const query = input.value.trim().toLowerCase();
      return !!results && results.dataset.query === query;
    };
  });
  await page.keyboard.type(key);
  await page.waitForFunction(() => window.counterProbe.until === null, null, { polling: 'raf' });
  // A person's pace: the next key comes later.
  await page.waitForTimeout(60);
}

/** Enter after a scanned number, measured to the card of `name`. */
async function timedScan(page, number, name) {
  await page.keyboard.type(number, { delay: 5 });
  await page.evaluate((expected) => {
    window.counterProbe.until = () => {
      return document.querySelector('[data-testid="customer"] .name')?.textContent === expected;
    };
  }, name);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.counterProbe.until === null, null, { polling: 'raf', timeout: 10_000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '识别老人', null, { polling: 'raf' });
}

/** Typed queries as cashiers type them: name starts, pinyin initials, last 4 of ID and phone numbers. */
function queriesFrom(samples) {
  const queries = [];
  for (let i = 0; queries.length < SEARCH_QUERIES; i++) {
    const s = samples[i % samples.length];
    const name = Array.from(s.name);
    switch (i % 5) {
      case 0:
        queries.push(name.slice(0, 2).join(''));
        break;
      case 1:
        queries.push(name.join(''));
        break;
      case 2:
        queries.push(['z', 'w', 'l', 'c', 'h'][Math.floor(i / 5) % 5] + 'sy'.slice(0, Math.floor(i / 5) % 3));
        break;
      case 3:
        queries.push(s.idNumber.slice(-4).toLowerCase());
        break;
      default:
        queries.push((s.phone ?? s.idNumber).slice(-4));
    }
  }
  return queries;
}

/**
 * Measures identification at the counter against 50,000 residents and prints the two figures.
 * `browser`: a launched Playwright Chromium; `url`: where the built renderer is served (vite preview).
 */
export async function benchCounter({ browser, url, residents = RESIDENTS, report = (name, value, unit) => console.log(`bench ${name} ${value} ${unit}`) }) {
  // bypassCSP: the seeding bundle is added to the page as a script tag, which the till's policy refuses.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => say(`[counter-bench] page error: ${error.message}`));
    const counterUrl = new URL('#/counter', url).href;
    await page.goto(counterUrl);
    await passGate(page);
    await field(page).waitFor();
    await page.addScriptTag({ content: await seedBundle() });
    const seeded = await page.evaluate((count) => window.counterBench.seed(count), residents);
    say(`[counter-bench] seeded ${seeded.stored.toLocaleString('en-US')} residents in ${seeded.seconds} s`);

    const opened = Date.now();
    await page.reload();
    await passGate(page);
    await page.waitForSelector('input[aria-label="识别老人"][data-roster="ready"]', { timeout: 120_000 });
    say(`[counter-bench] page load to search index ready: ${Date.now() - opened} ms`);
    await page.waitForSelector('.counter[data-ready="true"]');
    await field(page).focus();
    await installProbe(page);

    for (const query of queriesFrom(seeded.samples)) {
      for (const key of Array.from(query)) await timedKey(page, key);
      await clearField(page);
    }
    const search = await page.evaluate(() => window.counterProbe.samples.splice(0));
    say(`[counter-bench] keystroke to results: ${summary(search)}`);

    const scans = seeded.samples.slice(0, SCANS);
    for (const sample of scans) await timedScan(page, sample.idNumber, sample.name);
    const identify = await page.evaluate(() => window.counterProbe.samples.splice(0));
    say(`[counter-bench] scan Enter to resident card: ${summary(identify)}`);

    report('counter_search_p95_ms', percentile(search, 0.95).toFixed(1), 'ms');
    report('counter_identify_p95_ms', percentile(identify, 0.95).toFixed(1), 'ms');
  } finally {
    await context.close();
  }
}
