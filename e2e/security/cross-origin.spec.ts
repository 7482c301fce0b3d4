// A page on this host at another port (often the very site being debugged) runs in the same
// browser as a signed-in UI: cookies do not separate ports, so the sign-in cookie rides along
// with whatever that page sends. It must not change anything, and the cookie it makes the
// browser attach to tracking requests must not be stored.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { tokenCookieName } from '../../shared/api/credential-mask';
import type {
  HistoryEntryDto,
  HistoryListDto,
  HitsPageDto,
  RequestRecordDto,
  SettingsDto,
} from '../../shared/api/types';
import { pageView } from '../support/page-view';
import { expect, test } from '../support/fixtures';

const HISTORY_ENTRY = {
  kind: 'single',
  origin: 'composer',
  summary: 'Saved before',
  request: { target: 'self', method: 'GET', query: 'idsite=1&rec=1' },
  response: { status: 200, durationMs: 1, headers: {}, body: '', bodyEncoding: 'utf8' },
};
const FORGED = 'idsite=1&rec=1&action_name=Forged';

/**
 * Every admin route that can change something, with a body it would act on if it got through
 * (an id where it takes one is filled in by the test).
 */
const WRITES: { method: string; path: string; body?: unknown }[] = [
  { method: 'POST', path: '/api/reset' },
  { method: 'PUT', path: '/api/settings', body: { maxHits: 5 } },
  { method: 'POST', path: '/api/send', body: { target: 'self', method: 'GET', query: FORGED } },
  { method: 'POST', path: '/api/import', body: { name: 'x.ndjson', content: `?${FORGED}` } },
  { method: 'POST', path: '/api/validate', body: { query: FORGED } },
  { method: 'POST', path: '/api/wait', body: { count: 1 } },
  { method: 'POST', path: '/api/history', body: HISTORY_ENTRY },
  { method: 'DELETE', path: '/api/history' },
  { method: 'PATCH', path: '/api/history/:id', body: { name: 'Renamed' } },
  { method: 'DELETE', path: '/api/history/:id' },
  { method: 'POST', path: '/api/sign-in-links' },
];

let site: http.Server;
let siteUrl = '';
test.beforeAll(async () => {
  site = http.createServer((_req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!doctype html><title>Shop on another port</title><p>shop</p>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
});
test.afterAll(() => new Promise<void>((resolve) => site.close(() => resolve())));

/** The other-port page, in the browser context the UI signed in (so it holds the cookie). */
async function openSite(app: Page): Promise<Page> {
  const page = await app.context().newPage();
  await page.goto(siteUrl);
  return page;
}

/** The requests `page` sends to the capture server. */
function recordRequests(page: Page, baseUrl: string): Request[] {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(baseUrl)) sent.push(request);
  });
  return sent;
}

test('a page on another port cannot change anything with the sign-in cookie', async ({
  app,
  server,
}) => {
  await server.sendHit(pageView('Kept'));
  await server.waitForHits(1);
  const saved = await server.api<HistoryEntryDto>('POST', '/api/history', HISTORY_ENTRY);
  const settingsBefore = await server.api<SettingsDto>('GET', '/api/settings');
  const historyBefore = await server.api<HistoryListDto>('GET', '/api/history');
  const shop = await openSite(app);
  const sent = recordRequests(shop, server.baseUrl);

  await shop.evaluate(
    async ({ base, writes, id }) => {
      const settle = (promise: Promise<unknown>) => promise.catch(() => undefined);
      for (const { method, path, body } of writes) {
        const url = base + path.replace(':id', id);
        const text = body === undefined ? undefined : JSON.stringify(body);
        // What a page may send without asking: body-less, or JSON under a text type.
        await settle(fetch(url, { method, mode: 'no-cors', credentials: 'include' }));
        await settle(
          fetch(url, {
            method,
            mode: 'no-cors',
            credentials: 'include',
            headers: { 'content-type': 'text/plain' },
            body: text,
          }),
        );
        if (method === 'POST') {
          navigator.sendBeacon(url);
          if (text) navigator.sendBeacon(url, text);
        }
        // As JSON the browser must ask first (a preflight), which is never granted.
        await settle(
          fetch(url, {
            method,
            credentials: 'include',
            headers: { 'content-type': 'application/json' },
            body: text,
          }),
        );
      }
    },
    { base: server.baseUrl, writes: WRITES, id: saved.id },
  );

  // Every route was tried.
  for (const { method, path } of WRITES) {
    const target = path.replace(':id', saved.id);
    const tried = sent.filter((request) => new URL(request.url()).pathname === target);
    expect(tried.length, `${method} ${path}`).toBeGreaterThan(0);
  }
  // The page's requests carry the sign-in cookie: a tracking request it sends last shows it
  // arrived (masked), so the refusals above were not for want of a cookie.
  await shop.evaluate(
    (tracker) => navigator.sendBeacon(`${tracker}?idsite=1&rec=1&action_name=Control`),
    server.trackerUrl,
  );
  const [control] = await server.waitForHits(1, { params: { action_name: 'Control' } });
  const controlRequest = await server.api<RequestRecordDto>(
    'GET',
    `/api/requests/${control!.requestId}`,
  );
  expect(controlRequest.headers.cookie).toContain(
    `${tokenCookieName(new URL(server.baseUrl).port)}=`,
  );

  // Nothing changed: the capture, the settings, the history.
  const hits = await server.api<HitsPageDto>('GET', '/api/hits?limit=10');
  expect(hits.hits.map((hit) => hit.params.action_name)).toEqual(['Control', 'Kept']);
  expect(await server.api<SettingsDto>('GET', '/api/settings')).toEqual(settingsBefore);
  expect(await server.api<HistoryListDto>('GET', '/api/history')).toEqual(historyBefore);
  await shop.close();
});

test('the cookie a page on another port attaches to its tracking requests is not stored', async ({
  app,
  server,
}) => {
  const shop = await openSite(app);
  const sent = await shop.evaluate(
    (tracker) => navigator.sendBeacon(`${tracker}?idsite=1&rec=1&action_name=Beacon`),
    server.trackerUrl,
  );
  expect(sent).toBe(true);
  const [hit] = await server.waitForHits(1);
  const request = await server.api<RequestRecordDto>('GET', `/api/requests/${hit!.requestId}`);
  const name = tokenCookieName(new URL(server.baseUrl).port);
  expect(request.headers.cookie).toBe(`${name}=********`);
  await shop.close();
});

test('signing in leaves no token in any address the browser visited', async ({
  browser,
  server,
}) => {
  const visited: string[] = [];
  const watched = async (context: BrowserContext) => {
    const page = await context.newPage();
    page.on('request', (request) => visited.push(request.url()));
    return page;
  };
  const context = await browser.newContext();
  const page = await watched(context);
  const link = await server.signInUrl();
  await page.goto(link);
  await expect(page.locator('[data-ready="true"]')).toBeVisible({ timeout: 15_000 });
  expect(new URL(page.url()).search).toBe('');
  // The spent link, opened again (from the history), signs nobody in.
  const other = await browser.newContext();
  const again = await watched(other);
  await again.goto(link);
  await expect(again.getByRole('heading', { name: 'Sign in to Hitscope' })).toBeVisible();
  await again.getByLabel('Token').fill(server.token);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.locator('[data-ready="true"]')).toBeVisible({ timeout: 15_000 });
  expect(new URL(again.url()).search).toBe('');
  for (const url of visited) expect(url).not.toContain(server.token);
  await context.close();
  await other.close();
});
