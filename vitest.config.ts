import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test. Browser flows live in e2e/ (Playwright).
export default defineConfig({
  test: {
    include: ['{shared,electron,renderer,cli,scripts}/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
