// `import { test, expect } from 'hitscope/playwright'`: Playwright's test with a Hitscope
// run per test. A worker fixture starts `hitscope serve --port 0` (or uses HITSCOPE_URL and
// HITSCOPE_TOKEN); the `hitscope` fixture creates a run named after the test, routes the
// page's tracking requests to it, and on failure attaches the run's hits to the report as
// NDJSON and HAR. `expect(hitscope)` has the tracking matchers (./matchers.ts).
import { expect as baseExpect, test as base } from '@playwright/test';
import { hitscopeMatchers } from './matchers';
import { routeTracking, type TrackerUrl } from './route';
import { HitscopeRun } from './run';
import { serverFromEnv, startServer, type HitscopeServer } from './server';

export { HitscopeRun } from './run';
/** Starts a `hitscope serve --port 0` of its own, e.g. in a global setup shared by all workers. */
export { startServer as startHitscope } from './server';
export type { HitExpectation, WaitOutcome } from './run';
export type { HitscopeServer } from './server';
export type { TrackerUrl } from './route';
export type { Severity, WaitOptions } from './matchers';

export interface HitscopeOptions {
  /** Tracker URLs besides `…/matomo.php` and `…/piwik.php` (globs or regular expressions). */
  hitscopeTrackerUrls: TrackerUrl[];
}

export interface HitscopeFixtures {
  /** This test's run: the target of `expect(hitscope)`. */
  hitscope: HitscopeRun;
}

export interface HitscopeWorkerFixtures {
  /** Extra arguments of the `hitscope serve` the worker starts, e.g. `['--sites', 'sites.json']`. */
  hitscopeServeArgs: string[];
  /** The worker's Hitscope server. */
  hitscopeServer: HitscopeServer;
}

export const test = base.extend<HitscopeFixtures & HitscopeOptions, HitscopeWorkerFixtures>({
  hitscopeTrackerUrls: [[], { option: true }],
  hitscopeServeArgs: [[], { option: true, scope: 'worker' }],
  hitscopeServer: [
    async ({ hitscopeServeArgs }, use) => {
      const server = serverFromEnv() ?? (await startServer(hitscopeServeArgs));
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  hitscope: async ({ hitscopeServer, context, hitscopeTrackerUrls }, use, testInfo) => {
    const run = await HitscopeRun.create(hitscopeServer, testInfo.titlePath.join(' › '));
    await routeTracking(context, run, hitscopeTrackerUrls);
    await use(run);
    if (testInfo.status === 'failed' || testInfo.status === 'timedOut') {
      for (const format of ['ndjson', 'har'] as const) {
        const body = await run.export(format).catch(() => null);
        if (body) {
          await testInfo.attach(`hitscope-run-${run.id}.${format}`, {
            body,
            contentType: format === 'ndjson' ? 'application/x-ndjson' : 'application/json',
          });
        }
      }
    }
  },
});

export const expect = baseExpect.extend(hitscopeMatchers);
