import { defineConfig } from 'vitest/config';

// Vitest, not Jest: it runs our ESM + TypeScript natively (no transform
// layer for "type": "module"), and its fake timers and property-test friendly
// API cover the engine. Playwright specs (*.spec.ts under test/fixtures) are
// fixture generators run by Playwright itself, so Vitest never collects them.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/fixtures/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', './test/support/closing-line-reporter.ts'],
  },
});
