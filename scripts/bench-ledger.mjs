/* global window -- used only inside callbacks that run in the page */
// The ledger's figures, measured in headless Chromium against 50,000 residents and 1,000,000 meals:
//   ledger_commit_p95_ms   one sale through Ledger.recordMeal as the counter makes it, priced inside the
//                          append with the resident's history (budget 15), beside
//   idb_put_floor_p95_ms   one bare strict-durability IndexedDB put of a record the same size: the disk's floor
//                          (the commit includes the journal's append and flush, as the till runs: budget 15 and within 3x the floor)
//   journal_rebuild_100k_s rebuilding 100,000 chained records from the journal into an empty database (budget 60)
//   limits_query_p95_ms    limitHistory for a resident with a month of meals (budget 5)
//   backup_1m_s            createBackup over the whole database (budget 60)
//   db_open_ms             fresh browser, page load to the books' first answer, median of 3 (budget 1500)
//   report_month_ms        the 报表 page's report of one month (about 520,000 meals), median of 5 (budget 2000)
// bench/browser/ledger-bench.ts does the work in the page; this file bundles it, serves it and reports.
// The seeded database lives in a Chromium profile under .cache/ and is written on the first run only.
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';

/** Served from memory by the browser context itself, so no server and no port: the origin, and with it the seeded database, stays the same from run to run. `*.localhost` is a secure context, as WebCrypto needs. */
const ORIGIN = 'http://ledger-bench.localhost';
const SPEC = { residents: 50_000, meals: 1_000_000 };
const profileOf = (spec) => `.cache/bench-profile-v1/${spec.residents}-${spec.meals}`;
const COMMITS = 200;
const LIMIT_QUERIES = 500;
const OPENS = 3;
const REPORT_RUNS = 5;

const say = (message) => process.stderr.write(`${message}\n`);
// LEDGER_BENCH=commit,report runs only those parts while one of them is being worked on (all by default).
const only = process.env.LEDGER_BENCH?.split(',');
const part = (name) => !only || only.includes(name);
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)];
const median = (values) => percentile(values, 0.5);
const summary = (values) => `median ${median(values).toFixed(1)}, p95 ${percentile(values, 0.95).toFixed(1)}, max ${Math.max(...values).toFixed(1)} ms`;

async function bundle(entry = 'bench/browser/ledger-bench.ts') {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    loader: { '.json': 'json' },
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** One browser on the bench profile, its page on ORIGIN; closed when `work` is done. */
async function inBrowser(launch, profile, script, query, work) {
  const context = await launch(profile);
  try {
    await context.route(`${ORIGIN}/**`, (route) =>
      new URL(route.request().url()).pathname === '/ledger-bench.js'
        ? route.fulfill({ contentType: 'text/javascript', body: script.page })
        : new URL(route.request().url()).pathname === '/journal-worker.js'
        ? route.fulfill({ contentType: 'text/javascript', body: script.worker })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>ledger bench</title><script src="/ledger-bench.js"></script>' }),
    );
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (message) => message.text().startsWith('[ledger-bench]') && say(message.text()));
    page.on('pageerror', (error) => say(`[ledger-bench] page error: ${error.message}`));
    await page.goto(`${ORIGIN}/${query}`);
    return await work(page);
  } finally {
    await context.close();
  }
}

/**
 * Runs the ledger benchmarks and reports each figure. `launch(userDataDir)` starts headless Chromium
 * with a persistent profile (the seeded database is kept there between runs). `spec` scales the books
 * down for a quick try; the reported figures are only comparable at the default.
 */
export async function runLedgerBench({ launch, report, spec = SPEC }) {
  const profile = profileOf(spec);
  mkdirSync(profile, { recursive: true });
  const script = { page: await bundle(), worker: await bundle('renderer/bridge/journal-worker.ts') };

  await inBrowser(launch, profile, script, '', async (page) => {
    const status = await page.evaluate((spec) => window.ledgerBench.status(spec), spec);
    if (!status.ready) {
      say(`seeding ${spec.meals.toLocaleString('en-US')} meals and ${spec.residents.toLocaleString('en-US')} residents into ${profile} (first run only; takes a few minutes)…`);
      const marker = await page.evaluate((spec) => window.ledgerBench.seed(spec), spec);
      say(`seeded in ${marker.seconds} s; the figures below are taken while the storage still compacts what was just written (compare the next run's)`);
    } else {
      say(`[ledger-bench] reusing the seeded database: ${status.residents.toLocaleString('en-US')} residents, ${status.meals.toLocaleString('en-US')} meals`);
    }

    if (part('commit')) {
      const commits = await page.evaluate((args) => window.ledgerBench.commitBench(args), { spec, samples: COMMITS, warmup: 10 });
      say(`[ledger-bench] recordMeal as the counter calls it (priced inside the append, its history counted there) ${summary(commits.commitMs)}; strict put floor ${summary(commits.floorMs)}; ${commits.recordBytes} bytes of JSON a meal`);
      const { beforeJournalMs, journalMs, afterJournalMs, flushMs } = commits.parts;
      say(`[ledger-bench] recordMeal's parts: before the journal (reads, hash, writes) ${summary(beforeJournalMs)}; journal append ${summary(journalMs)}; journal flush beside the strict commit ${summary(afterJournalMs)} (the flush alone ${summary(flushMs)})`);
      report('ledger_commit_p95_ms', percentile(commits.commitMs, 0.95).toFixed(1), 'ms');
      report('idb_put_floor_p95_ms', percentile(commits.floorMs, 0.95).toFixed(1), 'ms');
    }

    if (part('limits')) {
      const limits = await page.evaluate((args) => window.ledgerBench.limitsBench(args), { spec, samples: LIMIT_QUERIES, warmup: 20 });
      say(`[ledger-bench] limitHistory ${summary(limits.ms)}; ${limits.meanMeals.toFixed(1)} meals a resident`);
      report('limits_query_p95_ms', percentile(limits.ms, 0.95).toFixed(2), 'ms');
    }

    if (part('report')) {
      const monthReport = await page.evaluate((args) => window.ledgerBench.reportBench(args), { runs: REPORT_RUNS });
      say(`[ledger-bench] month report of ${monthReport.meals.toLocaleString('en-US')} meals: ${summary(monthReport.ms)}; the first took ${monthReport.firstMs.toFixed(0)} ms, adding up the meals its day tallies had not taken in`);
      report('report_month_ms', median(monthReport.ms).toFixed(0), 'ms');
    }

    if (part('rebuild')) {
      const rebuild = await page.evaluate((args) => window.ledgerBench.journalRebuildBench(args), { records: Math.min(100_000, spec.meals) });
      say(`[ledger-bench] journal rebuild: ${rebuild.rebuilt.toLocaleString('en-US')} records from a ${(rebuild.journalBytes / 1024 / 1024).toFixed(0)} MiB journal`);
      report('journal_rebuild_100k_s', (rebuild.ms / 1000).toFixed(1), 's');
    }

    if (part('backup')) {
      const backup = await page.evaluate(() => window.ledgerBench.backupBench());
      say(`[ledger-bench] backup: ${backup.records.toLocaleString('en-US')} records, ${(backup.bytes / 1024 / 1024).toFixed(0)} MiB gzipped`);
      report('backup_1m_s', (backup.ms / 1000).toFixed(1), 's');
    }
  });

  // A fresh browser each time, as when the till starts: nothing of the database is open or cached in it.
  const opens = [];
  for (let run = 0; part('open') && run < OPENS; run++) {
    opens.push(
      await inBrowser(launch, profile, script, '?open', async (page) => {
        await page.waitForFunction(() => window.ledgerBenchOpenedMs !== undefined, null, { timeout: 60_000 });
        return page.evaluate(() => window.ledgerBenchOpenedMs);
      }),
    );
  }
  if (!part('open')) return;
  say(`[ledger-bench] db open: ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  report('db_open_ms', median(opens).toFixed(0), 'ms');
}
