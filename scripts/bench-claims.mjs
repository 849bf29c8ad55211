/* global window -- used only inside callbacks that run in the page */
// claim_export_100k_s: bench/browser/claim-bench.ts seeds a month of 100,000 subsidised meals in a fresh
// Chromium context and times the app's month-end export over it (budget 10 s).
import { build } from 'esbuild';

const ORIGIN = 'http://claim-bench.localhost';

export async function benchClaims({ browser, report, meals = 100_000 }) {
  const script = (
    await build({
      entryPoints: ['bench/browser/claim-bench.ts'],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      minify: true,
      define: { __APP_VERSION__: '"bench"' },
      write: false,
      logLevel: 'warning',
    })
  ).outputFiles[0].text;
  const context = await browser.newContext();
  try {
    await context.route(`${ORIGIN}/**`, (route) =>
      new URL(route.request().url()).pathname === '/claim-bench.js'
        ? route.fulfill({ contentType: 'text/javascript', body: script })
        : route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>claim bench</title><script src="/claim-bench.js"></script>' }),
    );
    const page = await context.newPage();
    page.on('console', (message) => message.text().startsWith('[claim-bench]') && process.stderr.write(`${message.text()}\n`));
    page.on('pageerror', (error) => process.stderr.write(`[claim-bench] page error: ${error.message}\n`));
    await page.goto(`${ORIGIN}/`);
    await page.evaluate((meals) => window.claimBench.seed(meals), meals);
    const result = await page.evaluate(() => window.claimBench.exportOnce());
    process.stderr.write(`[claim-bench] ${result.lines.toLocaleString('en-US')} lines, package ${(result.bytes / 1e6).toFixed(1)} MB\n`);
    report('claim_export_100k_s', result.seconds.toFixed(1), 's');
  } finally {
    await context.close();
  }
}
