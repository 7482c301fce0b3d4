// Playwright fixtures of the end-to-end suite. Specs import `test` and `expect` from here
// and reach the product only through two fixtures:
// - `server`: a real `hitscope serve` (one per worker, emptied before each test) with
//   helpers to send tracking requests and call the admin API;
// - `app`: a page with the UI loaded and ready (the root carries `data-ready="true"`).
// Any page error or console error fails the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { API_ROUTES } from '../../shared/api/routes';
import type { HitDto, HitFilterDto, SignInLinkDto, SummaryDto } from '../../shared/api/types';
import {
  ELECTRON_PROJECT,
  desktopWindowOf,
  electronSkipReason,
  launchDesktopApp,
} from './electron-app';
import { startHitscope, type RunningHitscope } from './hitscope-server';

export interface SendOptions {
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  /** Tracking path, default /matomo.php. */
  path?: string;
}

export interface SentRequest {
  status: number;
  body: string;
}

export interface ServerFixture {
  readonly baseUrl: string;
  /** A fresh one-time sign-in URL of the UI (`/?code=…`): each browser page needs its own. */
  signInUrl(): Promise<string>;
  readonly trackerUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** One tracking request; `params` become the query string (GET) or the form body (POST). */
  sendHit(params: Record<string, string> | string, options?: SendOptions): Promise<SentRequest>;
  /** A bulk request `{"requests":[…], …extra}` as POST. */
  sendBulk(requests: unknown[], extra?: Record<string, unknown>): Promise<SentRequest>;
  /** Admin API call with the token; throws with the answer on a non-2xx status. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  summary(): Promise<SummaryDto>;
  reset(): Promise<void>;
  /** Resolves when `count` stored hits match the filter. */
  waitForHits(count: number, filter?: HitFilterDto): Promise<HitDto[]>;
  /** Stops the server and starts it again on the same port and data directory; `whileDown` runs between. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
}

function makeServerFixture(holder: { current: RunningHitscope }): ServerFixture {
  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(holder.current.baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${holder.current.token}`,
        // Every admin write says it is JSON, even without a body (the server refuses others).
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const send = async (url: string, init: RequestInit): Promise<SentRequest> => {
    const response = await fetch(url, init);
    const buffer = await response.arrayBuffer();
    const type = response.headers.get('content-type') ?? '';
    const body = type.startsWith('image/') ? '' : new TextDecoder().decode(buffer);
    return { status: response.status, body };
  };
  const trackerAt = (path?: string) => {
    const url = new URL(holder.current.trackerUrl);
    if (path) url.pathname = path;
    return url.toString();
  };
  return {
    get baseUrl() {
      return holder.current.baseUrl;
    },
    get trackerUrl() {
      return holder.current.trackerUrl;
    },
    get token() {
      return holder.current.token;
    },
    get dataDir() {
      return holder.current.dataDir;
    },
    sendHit(params, options = {}) {
      const query = typeof params === 'string' ? params : new URLSearchParams(params).toString();
      const method = options.method ?? 'GET';
      if (method === 'GET') {
        return send(`${trackerAt(options.path)}?${query}`, { headers: options.headers });
      }
      return send(trackerAt(options.path), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
        body: options.body ?? query,
      });
    },
    sendBulk(requests, extra = {}) {
      return send(trackerAt(), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ requests, ...extra }),
      });
    },
    api,
    signInUrl: async () => (await api<SignInLinkDto>('POST', API_ROUTES.signInLinks, {})).url,
    summary: () => api<SummaryDto>('GET', '/api/summary'),
    async reset() {
      await api('POST', '/api/reset', {});
    },
    async waitForHits(count, filter = {}) {
      const answer = await api<{ hits: HitDto[] }>('POST', '/api/wait', {
        filter,
        count,
        timeoutMs: 10_000,
      });
      return answer.hits;
    },
    async restart(whileDown) {
      holder.current = await holder.current.restart(whileDown);
    },
  };
}

interface WorkerFixtures {
  hitscope: { current: RunningHitscope };
}

interface TestFixtures {
  server: ServerFixture;
  app: Page;
  /** Console errors a test expects (e.g. while the server restarts). */
  allowedConsoleErrors: RegExp[];
  /** In the electron project: skips every test, with the reason, when Electron cannot run. */
  electronAvailable: void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  hitscope: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      // The electron project: the capture server inside the desktop app, whose window is
      // the page of the `app` fixture (see electron-app.ts).
      if (workerInfo.project.name === ELECTRON_PROJECT) {
        if (electronSkipReason() !== null) return use({ current: notStarted() });
        const desktop = await launchDesktopApp();
        const holder = { current: desktop.server as RunningHitscope };
        await use(holder);
        await holder.current.stop();
        return;
      }
      const dataDir = mkdtempSync(join(tmpdir(), 'hitscope-e2e-'));
      const holder = { current: await startHitscope({ dataDir }) };
      await use(holder);
      await holder.current.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  allowedConsoleErrors: [[], { option: true }],
  electronAvailable: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      if (testInfo.project.name === ELECTRON_PROJECT) {
        const reason = electronSkipReason();
        testInfo.skip(reason !== null, reason ?? '');
      }
      await use();
    },
    { auto: true },
  ],
  server: async ({ hitscope }, use) => {
    const server = makeServerFixture(hitscope);
    await server.reset();
    await use(server);
  },
  app: async ({ page: browserPage, server, allowedConsoleErrors, hitscope }, use) => {
    const page = desktopWindowOf(hitscope.current) ?? browserPage;
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (allowedConsoleErrors.some((pattern) => pattern.test(text))) return;
      problems.push(`console error: ${text}`);
    });
    await page.goto(await server.signInUrl());
    await expect(page.locator('[data-ready="true"]')).toBeVisible({ timeout: 15_000 });
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

/** Stands in for the server of a skipped electron worker: any use is a bug. */
function notStarted(): RunningHitscope {
  return new Proxy({} as RunningHitscope, {
    get() {
      throw new Error('The desktop app was not started (Electron is not available)');
    },
  });
}

export { expect };
