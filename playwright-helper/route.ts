// Sends the page's tracking requests to the test's run. Every request to a `matomo.php` or
// `piwik.php` (on any host: the app keeps its production tracker URL) and to any extra
// tracker URL the project configures is answered by Hitscope under `/run/<id>/`, with its
// method, headers and body unchanged; nothing reaches the real tracker.
import type { BrowserContext, Route } from '@playwright/test';
import type { HitscopeRun } from './run';

/** A tracker URL pattern: a glob as page.route takes it, or a regular expression. */
export type TrackerUrl = string | RegExp;

const MATOMO_FILE = /\/(?:matomo|piwik)\.php$/;

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** True when the page's request to `url` is a tracking request to send to the run. */
export function isTrackerRequest(
  url: URL,
  serverUrl: string,
  extra: readonly TrackerUrl[],
): boolean {
  // Requests already addressed to Hitscope (a page configured with the run's URL) go as they are.
  if (url.origin === new URL(serverUrl).origin) return false;
  if (MATOMO_FILE.test(url.pathname)) return true;
  const href = url.href;
  return extra.some((pattern) =>
    typeof pattern === 'string' ? globToRegExp(pattern).test(href) : pattern.test(href),
  );
}

/** The run's URL for a tracking request: same file name (matomo.php by default) and query. */
export function runUrlFor(run: HitscopeRun, url: URL): string {
  const file = MATOMO_FILE.exec(url.pathname)?.[0] ?? '/matomo.php';
  return run.urlFor(`${file}${url.search}`);
}

export async function routeTracking(
  context: BrowserContext,
  run: HitscopeRun,
  extra: readonly TrackerUrl[],
): Promise<void> {
  await context.route(
    (url) => isTrackerRequest(url, run.server.url, extra),
    async (route: Route) => {
      const target = runUrlFor(run, new URL(route.request().url()));
      try {
        const response = await route.fetch({ url: target, maxRedirects: 0 });
        await route.fulfill({ response });
      } catch {
        // The page or the test ended while the request was on its way.
        await route.abort().catch(() => undefined);
      }
    },
  );
}
