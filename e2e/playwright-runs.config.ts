import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './support/browser';

// Two workers run the same spec at once against ONE Hitscope (started by the global setup
// and named to the workers by HITSCOPE_URL): each test's run must hold its own hits only.
// The reporter checks that a failing test got its run's hits attached (NDJSON and HAR).
export default defineConfig({
  testDir: 'tracking',
  testMatch: '**/*.parallel.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  globalSetup: './tracking/one-server.setup.ts',
  reporter: [['list'], ['./tracking/attachment-check.reporter.ts']],
  use: { launchOptions: chromiumLaunchOptions(), viewport: { width: 1280, height: 720 } },
});
