import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

// Not 4173, so a till left running with `npm run web` does not collide with the tests; E2E_PORT lets two
// checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4273);

// End-to-end tests drive the built renderer (npm test builds it first) served on localhost,
// in a real Chromium with a real IndexedDB.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 2,
  // CI runs on two shared cores, where a screen now and then takes longer than a step's wait: one retry
  // there, and scripts/test.mjs names every test that needed it, so a flake is seen, not hidden.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions: { executablePath: findChromium() ?? undefined, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
