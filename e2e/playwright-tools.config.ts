import { defineConfig } from '@playwright/test';
import baseConfig from '../playwright.config';

// Runs the tools that are not tests: the README screenshot (`*.shot.ts`) and the UI
// performance measurements (`*.perf.ts`). `npm test` never runs them.
export default defineConfig({
  ...baseConfig,
  testDir: '.',
  testMatch: ['**/*.shot.ts', '**/*.perf.ts'],
  timeout: 15 * 60_000,
  reporter: [['list']],
  projects: [{ name: 'browser' }],
});
