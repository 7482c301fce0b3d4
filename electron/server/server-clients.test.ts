// Real clients against the server: the captured requests of real trackers replayed over
// HTTP, the npm matomo-tracker package, and the reporting-API calls of the log importer.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HitDto } from '../../shared/api/types';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

interface Capture {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  response: { status: number; contentType: string | null; bulkCount: number | null };
}

const fixtures = new URL('../../shared/matomo/__fixtures__/real-clients/', import.meta.url);
const captures = readdirSync(fixtures).flatMap((file) =>
  readFileSync(new URL(file, fixtures), 'utf8')
    .trim()
    .split('\n')
    .map((line, i) => ({ name: `${file} #${i + 1}`, capture: JSON.parse(line) as Capture })),
);

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

const HOP_HEADERS = new Set(['host', 'connection', 'content-length', 'transfer-encoding']);

describe('real tracker captures replayed over HTTP', () => {
  it.each(captures)(
    '$name is answered as the tracker expects and stored unflagged',
    async ({ capture }) => {
      const before = (await t.summary()).requests;
      const headers = Object.fromEntries(
        Object.entries(capture.headers).filter(([name]) => !HOP_HEADERS.has(name)),
      );
      const answer = await t.send(capture.method, capture.url, {
        body: Buffer.from(capture.body, capture.bodyEncoding),
        headers,
      });
      expect(answer.status).toBe(capture.response.status);
      if (capture.response.contentType) {
        expect(answer.headers['content-type']).toMatch(
          new RegExp(`^${capture.response.contentType}`),
        );
      }
      if (capture.response.bulkCount !== null) {
        const json = JSON.parse(answer.text) as {
          status: string;
          tracked: number;
          invalid: number;
        };
        expect(json.status).toBe('success');
        expect(json.tracked).toBe(capture.response.bulkCount);
      }
      const summary = await t.summary();
      expect(summary.requests).toBe(before + 1);
      const hits = await t.hits('&limit=1');
      const newest = hits[0]!;
      const request = await t.request(newest.requestId);
      const stored = await Promise.all(
        request.hitIds.map((id) => t.api<{ hit: HitDto }>(`/api/hits/${id}`)),
      );
      expect(stored).toHaveLength(capture.response.bulkCount ?? 1);
      for (const { hit } of stored) {
        expect(hit.outcome, JSON.stringify(hit.issues)).not.toBe('rejected');
        expect(hit.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
        expect(hit.idsite).toBe(1);
      }
    },
  );
});

describe('the matomo-tracker npm package', () => {
  const require = createRequire(import.meta.url);
  type Tracker = {
    track(options: Record<string, unknown>): void;
    trackBulk(events: Record<string, unknown>[], callback: (body: string) => void): void;
    on(event: 'error', listener: (error: unknown) => void): void;
  };
  const MatomoTracker = require('matomo-tracker') as new (siteId: number, url: string) => Tracker;

  it('sends single hits that are answered with the GIF and recorded', async () => {
    const tracker = new MatomoTracker(1, `${t.url}/matomo.php`);
    const errors: unknown[] = [];
    tracker.on('error', (error) => errors.push(error));
    tracker.track({ url: 'https://app.example/start', action_name: 'Start', uid: 'npm-single' });
    tracker.track({
      url: 'https://app.example/start',
      e_c: 'Video',
      e_a: 'Play',
      ca: 1,
      uid: 'npm-single',
    });
    await expect.poll(async () => (await t.hits('&param.uid=npm-single')).length).toBe(2);
    const hits = await t.hits('&param.uid=npm-single');
    expect(hits.map((h) => [h.type, h.outcome]).sort()).toEqual([
      ['event', 'recorded'],
      ['pageview', 'recorded'],
    ]);
    expect(errors).toEqual([]);
  });

  it('sends a bulk that is answered with the bulk JSON and recorded', async () => {
    const tracker = new MatomoTracker(1, `${t.url}/matomo.php`);
    const body = await new Promise<string>((resolve) =>
      tracker.trackBulk(
        [
          { url: 'https://app.example/a', action_name: 'A', uid: 'npm-bulk' },
          { url: 'https://app.example/b', action_name: 'B', uid: 'npm-bulk' },
          { url: 'https://app.example/c', action_name: 'C', uid: 'npm-bulk' },
        ],
        resolve,
      ),
    );
    expect(JSON.parse(body)).toEqual({
      status: 'success',
      tracked: 3,
      invalid: 0,
      invalid_indices: [],
    });
    const hits = await t.hits('&param.uid=npm-bulk');
    expect(hits.map((h) => h.summary).sort()).toEqual(['A', 'B', 'C']);
    expect(new Set(hits.map((h) => h.requestId)).size).toBe(1);
  });
});

describe('reporting API for the log importer', () => {
  it('answers SitesManager.getSiteFromId posted as a form to /', async () => {
    const answer = await t.send('POST', '/', {
      body: 'module=API&format=json&method=SitesManager.getSiteFromId&idSite=1&token_auth=anything',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toMatchObject({
      idsite: '1',
      main_url: expect.any(String) as string,
    });
  });

  it('answers getSitesIdFromSiteUrl and getAllSites as GET on /index.php', async () => {
    const ids = await t.send(
      'GET',
      '/index.php?module=API&format=json&method=SitesManager.getSitesIdFromSiteUrl&url=http%3A%2F%2Fshop.example',
    );
    expect(JSON.parse(ids.text)).toEqual([{ idsite: '1' }]);
    const all = await t.send('GET', '/?module=API&format=json&method=SitesManager.getAllSites');
    expect(JSON.parse(all.text)).toMatchObject({ '1': { idsite: '1' } });
  });

  it('answers from the configured site profiles', async () => {
    await t.api('/api/settings', {
      method: 'PUT',
      body: { sites: [{ idsite: 7, name: 'Docs', urls: ['https://docs.example'] }] },
    });
    const site = await t.send(
      'GET',
      '/index.php?module=API&method=SitesManager.getSiteFromId&idSite=7',
    );
    expect(JSON.parse(site.text)).toMatchObject({
      idsite: '7',
      name: 'Docs',
      main_url: 'https://docs.example',
    });
    const missing = await t.send(
      'GET',
      '/index.php?module=API&method=SitesManager.getSiteFromId&idSite=1',
    );
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toMatchObject({ result: 'error' });
    await t.api('/api/settings', { method: 'PUT', body: { sites: [] } });
  });

  it('leaves the UI and admin API at / alone', async () => {
    const health = await t.send('GET', '/api/health');
    expect(health.status).toBe(200);
  });
});
