import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';
import { ELECTRON_PROJECT, electronSkipReason } from './e2e/support/electron-app';

// Two projects run the same specs: `browser` against `hitscope serve` in Chromium (runs
// everywhere), and `electron` against the desktop window through Playwright's Electron
// support, plus the desktop-only specs in e2e/desktop/. The electron project is always
// listed so its state is visible in every report: without an Electron binary (it cannot be
// downloaded everywhere) each of its tests is skipped with the reason and how to install it
// (e2e/support/electron-app.ts). Run it alone with `npx playwright test --project=electron`.
// The list reporter does not print skip reasons: say once per run (in the runner process,
// not in each worker) why the electron project's tests skip, unless another project was chosen.
const electronSkip = electronSkipReason();
const otherProjectChosen =
  process.argv.some((arg) => arg === '--project' || arg.startsWith('--project=')) &&
  !process.argv.some((arg) => arg === ELECTRON_PROJECT || arg === `--project=${ELECTRON_PROJECT}`);
if (electronSkip !== null && process.env.TEST_WORKER_INDEX === undefined && !otherProjectChosen)
  console.log(`[${ELECTRON_PROJECT}] its tests are skipped: ${electronSkip}\n`);

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
    // A failed test keeps its trace (actions, console, network) and a screenshot of the page
    // at the failure. Without DOM snapshots and a screencast: recording them at every press
    // and call into the page made the keyboard journeys three times as long.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    // e2e/desktop/ needs the real desktop app; e2e/bundle/ stands in for it where there is none.
    { name: 'browser', testIgnore: '**/desktop/**' },
    // e2e/tracking/ tests the Playwright helper, which drives a browser of its own.
    { name: ELECTRON_PROJECT, testIgnore: ['**/bundle/**', '**/tracking/**'] },
  ],
});
