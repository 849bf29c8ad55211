/* global document -- used only inside callbacks that run in the page */
// npm run bench: one line per figure, `bench <name> <value> <unit>`. Figures from the browser come from
// the built renderer in headless Chromium (the counter: scripts/bench-counter.mjs; the roster import:
// scripts/bench-roster.mjs; the claim export: scripts/bench-claims.mjs; the office: scripts/bench-office.mjs); the ledger's from the app's database code in Chromium against a million meals
// (scripts/bench-ledger.mjs); the domain's figures from bench/*.bench.ts under Node.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { benchClaims } from './bench-claims.mjs';
import { benchCounter } from './bench-counter.mjs';
import { benchOffice, benchOfficeCli } from './bench-office.mjs';
import { runLedgerBench } from './bench-ledger.mjs';
import { benchRosterImport } from './bench-roster.mjs';
import { buildRenderer } from './build.mjs';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';

const RENDERER = 'dist/renderer';
// `npm run bench -- office ledger` measures only the groups named (frame, counter, roster, claims, office,
// ledger, rush, and each bench/<name>.bench.ts by <name>); with none, every group.
const groups = process.argv.slice(2);
const wanted = (group) => groups.length === 0 || groups.includes(group);
const report = (name, value, unit) => console.log(`bench ${name} ${value} ${unit}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What the first screen loads: the entry script, its preloaded chunks and styles, gzipped. */
function initialBundleGzipKb() {
  const html = readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  const bytes = assets.reduce((sum, asset) => sum + gzipSync(readFileSync(path.join(RENDERER, asset)), { level: 9 }).length, 0);
  return (bytes / 1024).toFixed(1);
}

async function frameInteractiveMs(browser, url) {
  const runs = [];
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    // Polled every animation frame: a locator's back-off polling would add its own delay to the figure.
    await page.waitForFunction(() => document.querySelector('nav a[aria-current="page"]'), null, { polling: 'raf' });
    await page.keyboard.press('F2');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === '居民', null, { polling: 'raf' });
    runs.push(performance.now() - start);
    await context.close();
  }
  return median(runs).toFixed(0);
}

await buildRenderer();
if (wanted('frame')) report('bundle_initial_gzip_kb', initialBundleGzipKb(), 'KiB');
// The office's command line, on a machine not also running a browser (see benchOfficeCli).
if (wanted('office')) await benchOfficeCli({ report });

if (['frame', 'counter', 'roster', 'claims', 'office'].some(wanted)) {
  const server = await preview({ logLevel: 'silent', preview: { strictPort: false } });
  const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  const url = server.resolvedUrls.local[0];
  try {
    if (wanted('frame')) report('frame_interactive_ms', await frameInteractiveMs(browser, url), 'ms');
    // The counter against a roster of 50,000: keystroke to results, scan to the resident card.
    if (wanted('counter')) await benchCounter({ browser, url });
    // A community's roster of 50,000 imported through the 居民 page: file bytes to committed.
    if (wanted('roster')) await benchRosterImport({ browser, url });
    // Month end: a month of 100,000 subsidised meals exported as a signed package.
    if (wanted('claims')) await benchClaims({ browser, report });
    // The office: 20 packages, 200,000 lines, verified and imported in the 街道 page.
    if (wanted('office')) await benchOffice({ browser, url, report });
  } finally {
    await browser.close();
    await server.close();
  }
}

// The ledger against a million meals, in a browser profile that keeps the seeded database between runs.
const launchWithProfile = (userDataDir) => chromium.launchPersistentContext(userDataDir, { executablePath: ensureChromium(), args: CHROMIUM_ARGS });
if (wanted('ledger')) await runLedgerBench({ launch: launchWithProfile, report });

// The noon rush (e2e/noon-rush.spec.ts) counts the keys of each common sale and times confirm-to-ready: on a
// till of its own, then on a till that has joined a hub (多台收银), each sale pushed as it is made.
if (wanted('rush')) {
  const p95 = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];
  for (const withHub of [false, true]) {
    const rush = spawnSync('node_modules/.bin/playwright', ['test', 'e2e/noon-rush.spec.ts', '--reporter=line'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CHROMIUM_PATH: ensureChromium(), CI: '1', ...(withHub ? { NOON_RUSH_HUB: '1' } : {}) },
    });
    const name = withHub ? 'counter_confirm_sync_p95_ms' : 'counter_confirm_p95_ms';
    if (rush.status !== 0) {
      console.error(`noon rush failed: ${name} not measured`);
      continue;
    }
    const { keysAfterIdentifying, confirmMs } = JSON.parse(readFileSync(withHub ? 'test-results/noon-rush-hub.json' : 'test-results/noon-rush.json', 'utf8'));
    report(name, p95(confirmMs).toFixed(1), 'ms');
    if (!withHub) report('counter_keys_per_sale', median(keysAfterIdentifying), 'keys');
  }
}

for (const file of readdirSync('bench').filter((name) => name.endsWith('.bench.ts') && wanted(name.replace('.bench.ts', ''))).sort()) {
  spawnSync('node_modules/.bin/tsx', [path.join('bench', file)], { stdio: 'inherit' });
}
