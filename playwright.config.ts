import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

// Two projects run the same specs: `browser` (always) against `hitscope serve` in Chromium,
// and `electron` (opt-in with HITSCOPE_E2E_ELECTRON=1) against the desktop window; the
// electron project skips with a visible reason when no Electron binary is installed.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    launchOptions: chromiumLaunchOptions(),
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser' },
    ...(process.env.HITSCOPE_E2E_ELECTRON === '1' ? [{ name: 'electron' }] : []),
  ],
});
