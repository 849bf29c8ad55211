import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. Browser flows live in e2e/ (Playwright).
// One embedded PostgreSQL serves the whole run (postgres/test-server.ts); files get their own database.
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,cli,scripts,postgres}/**/*.test.{ts,tsx}'],
    globalSetup: ['postgres/test-server.ts'],
    environment: 'node',
    // The test machines are shared and often loaded many times over; a test that needs more has a reason.
    testTimeout: 30_000,
  },
});
