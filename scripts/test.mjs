// npm test: the project's one test entry. Lint, both type-checks, unit tests, then end-to-end tests in
// Chromium against the built renderer. Ends with one line for the whole run: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { buildRenderer } from './build.mjs';
import { ensureChromium } from './chromium.mjs';

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const bin = (name) => `node_modules/.bin/${name}`;

function run(command, args, env = {}) {
  return spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** A runner's counts from its JSON report, or one failure when it died before writing one. */
function countsFrom(reportFile, read) {
  if (!existsSync(reportFile)) return { passed: 0, failed: 1 };
  return read(JSON.parse(readFileSync(reportFile, 'utf8')));
}

const check = (ok) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

const steps = {
  lint: () => check(run(bin('eslint'), ['.'])),
  'typecheck:node': () => check(run(bin('tsc'), ['-p', 'tsconfig.node.json'])),
  'typecheck:web': () => check(run(bin('tsc'), ['-p', 'tsconfig.web.json'])),
  'typecheck:e2e': () => check(run(bin('tsc'), ['-p', 'tsconfig.e2e.json'])),
  unit: () => {
    const report = 'test-results/unit.json';
    run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
    // A file that fails to load fails no test but still fails the run.
    return countsFrom(report, (json) => ({ passed: json.numPassedTests, failed: json.numFailedTests || (json.success ? 0 : 1) }));
  },
  e2e: async () => {
    const chromiumPath = ensureChromium();
    await buildRenderer();
    const report = 'test-results/e2e.json';
    run(bin('playwright'), ['test'], { CHROMIUM_PATH: chromiumPath, CI: process.env.CI ?? '1' });
    return countsFrom(report, (json) => {
      for (const title of flakyTitles(json.suites ?? [])) console.log(`flaky (passed on its retry): ${title}`);
      return { passed: json.stats.expected + json.stats.flaky, failed: json.stats.unexpected + (json.errors?.length ?? 0) };
    });
  },
};

/** Tests that failed and then passed on a retry, as `file:line › title`. */
function flakyTitles(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).filter((spec) => spec.tests.some((test) => test.status === 'flaky')).map((spec) => `${spec.file}:${spec.line} › ${spec.title}`),
    ...flakyTitles(suite.suites ?? []),
  ]);
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

const totals = { passed: 0, failed: 0 };
for (const [name, step] of Object.entries(steps)) {
  if (only && name !== only) continue;
  console.log(`\n▶ ${name}`);
  let counts;
  try {
    counts = await step();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    counts = { passed: 0, failed: 1 };
  }
  console.log(`◀ ${name}: ${counts.passed} passed, ${counts.failed} failed`);
  totals.passed += counts.passed;
  totals.failed += counts.failed;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
