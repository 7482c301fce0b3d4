// Runs through the server: tagging by path prefix and header, the run filter and query term,
// the /api/runs routes, and deleting one run while every other record survives a restart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  HitDto,
  RunDeletedDto,
  RunDto,
  RunListDto,
  WaitResponseDto,
} from '../../shared/api/types';
import { TEST_TOKEN, type TestServer } from '../../test-support/capture/server-harness';
import { useTestServers } from '../../test-support/capture/use-test-servers';
import { DATA_FILE_NAME } from './storage/hit-store';

const servers = useTestServers();

async function start(dataDir?: string, overrides = {}) {
  const t = await servers.start(overrides, dataDir);
  return t;
}

const PLAN = { expectations: [{ name: 'Home', match: 'type:pageview', count: 1 }] };

const pageview = (name: string) =>
  `idsite=1&rec=1&action_name=${name}&url=https%3A%2F%2Fa.example%2F`;

async function rawApi(t: TestServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TEST_TOKEN}`,
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

// Real servers on a shared, sometimes loaded machine: generous time, never a timed assertion.
describe('runs', { timeout: 60_000 }, () => {
  it('tags hits sent under /run/<id>/ on every tracking path, and by the X-Hitscope-Run header', async () => {
    const t = await start();
    await t.api('/api/settings', { method: 'PUT', body: { extraTrackingPaths: ['/collect'] } });
    expect((await t.send('GET', `/run/r1/matomo.php?${pageview('A')}`)).status).toBe(200);
    expect((await t.send('GET', `/run/r1/piwik.php?${pageview('B')}`)).status).toBe(200);
    expect((await t.send('GET', `/run/r1/collect?${pageview('C')}`)).status).toBe(200);
    expect((await t.send('GET', `/run/r1/js/?${pageview('J1')}`)).status).toBe(200);
    expect((await t.send('GET', `/run/r1/js/tracker.php?${pageview('J2')}`)).status).toBe(200);
    await t.send('POST', '/run/r1/matomo.php', {
      body: JSON.stringify({ requests: [`?${pageview('D')}`, `?${pageview('E')}`] }),
      headers: { 'content-type': 'application/json' },
    });
    await t.send('GET', `/matomo.php?${pageview('F')}`, { headers: { 'X-Hitscope-Run': 'r2' } });
    await t.send('GET', `/matomo.php?${pageview('G')}`);

    const r1 = await t.hits('&run=r1');
    expect(r1.map((h) => h.params.action_name).sort()).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'J1',
      'J2',
    ]);
    expect(r1.every((h) => h.run === 'r1')).toBe(true);
    const r2 = await t.hits('&query=run%3Ar2');
    expect(r2.map((h) => h.params.action_name)).toEqual(['F']);
    const outside = (await t.hits()).find((h) => h.params.action_name === 'G') as HitDto;
    expect(outside.run).toBeUndefined();
  });

  it('answers a preflight that asks for the run header with the header allowed for that origin', async () => {
    const t = await start();
    const answer = await t.send('OPTIONS', '/matomo.php', {
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-hitscope-run',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toBe('content-type, x-hitscope-run');
    expect(answer.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    const tagged = await t.send('GET', `/matomo.php?${pageview('H')}`, {
      headers: { origin: 'https://shop.example', 'x-hitscope-run': 'r3' },
    });
    expect(tagged.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it('creates, lists, summarizes and waits on runs', async () => {
    const t = await start();
    const created = await rawApi(t, 'POST', '/api/runs', { name: 'checkout', id: 'ci-1' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: 'ci-1', name: 'checkout', hits: 0 });
    expect(String(created.json.trackerUrl)).toBe(`${t.url}/run/ci-1/matomo.php`);
    expect((await rawApi(t, 'POST', '/api/runs', { id: 'ci-1' })).status).toBe(409);
    expect((await rawApi(t, 'POST', '/api/runs', { id: 'bad/id' })).status).toBe(400);
    expect((await rawApi(t, 'POST', '/api/runs', { colour: 1 })).json).toMatchObject({
      error: { code: 'run.invalid' },
    });
    const generated = await t.api<RunDto>('/api/runs', { method: 'POST', body: {} });
    expect(generated.id).toMatch(/^r-[0-9a-f]{12}$/);

    const waiting = t.api<WaitResponseDto>('/api/runs/ci-1/wait', {
      method: 'POST',
      body: { filter: { type: 'pageview' }, count: 2, timeoutMs: 50_000 },
    });
    await t.send('GET', `/matomo.php?${pageview('Elsewhere')}`);
    await t.send('GET', `/run/${generated.id}/matomo.php?${pageview('Other run')}`);
    await t.send('GET', `/run/ci-1/matomo.php?${pageview('One')}`);
    await t.send(
      'GET',
      `/run/ci-1/matomo.php?idsite=1&rec=1&action_name=Two&url=x&ua=${'x'.repeat(10)}`,
    );
    const waited = await waiting;
    expect(waited.hits.map((h) => h.params.action_name).sort()).toEqual(['One', 'Two']);

    const summary = await t.api<RunDto>('/api/runs/ci-1');
    expect(summary).toMatchObject({ id: 'ci-1', hits: 2 });
    const list = await t.api<RunListDto>('/api/runs');
    expect(list.runs.map((r) => r.id)).toEqual(expect.arrayContaining(['ci-1', generated.id]));
    expect((await rawApi(t, 'GET', '/api/runs/nope')).status).toBe(404);
    const timedOut = await rawApi(t, 'POST', '/api/runs/ci-1/wait', { count: 3, timeoutMs: 50 });
    expect(timedOut.status).toBe(408);
  });

  it('explains a timed-out wait with the nearest misses, per run and globally', async () => {
    const t = await start();
    await t.send('GET', `/run/m1/matomo.php?idsite=2&rec=1&url=x&e_c=Video&e_a=play`);
    await t.send('GET', `/run/m1/matomo.php?${pageview('Home')}`);
    await t.send('GET', `/run/other/matomo.php?idsite=3&rec=1&url=x&e_c=Video&e_a=Play`);
    const filter = { type: 'event', idsite: 3, params: { e_c: 'Video', e_a: 'Play' } };
    const inRun = await rawApi(t, 'POST', '/api/runs/m1/wait', { filter, timeoutMs: 20 });
    expect(inRun.status).toBe(408);
    const misses = inRun.json.misses as { hitId: string; differences: { text: string }[] }[];
    // The event matches 2 of 4 terms; the page view matches none and the other run's hit is
    // not compared.
    expect(misses.map((m) => m.differences.map((d) => d.text))).toEqual([
      ['idsite: expected 3, got 2', 'e_a: expected "Play", got "play"'],
    ]);
    expect(String(inRun.json.explanation)).toContain('e_a: expected "Play", got "play"');

    const global = await rawApi(t, 'POST', '/api/wait', {
      filter: { type: 'event', params: { e_a: 'Pause' } },
      timeoutMs: 20,
    });
    expect(global.status).toBe(408);
    expect(String(global.json.explanation)).toContain('e_a: expected "Pause", got "Play"');
  });

  it('keeps every hit acknowledged while a run is being deleted', async () => {
    const t = await start();
    for (let i = 0; i < 50; i++)
      await t.send('GET', `/run/gone/matomo.php?${pageview(`Drop${i}`)}`);
    const deleting = t.api<RunDeletedDto>('/api/runs/gone', { method: 'DELETE' });
    const during = Array.from({ length: 30 }, (_, i) =>
      t.send('GET', `/run/${i % 2 ? 'kept' : 'gone'}/matomo.php?${pageview(`During${i}`)}`),
    );
    await Promise.all([deleting, ...during]);
    expect((await t.hits('&run=kept')).length).toBe(15);
    await t.close();
    const again = await start(t.dataDir);
    await expect.poll(async () => (await again.hits('&run=kept')).length).toBe(15);
    // Hits of the deleted run sent during the rewrite may stay (they came after the delete);
    // every one sent before it is gone.
    const names = (await again.hits()).map((h) => String(h.params.action_name));
    expect(names.filter((name) => /^Drop/.test(name))).toEqual([]);
  });

  it("keeps a run's plan and reports its coverage; refuses a plan that does not read", async () => {
    const t = await start();
    const plan = [
      'expectations:',
      '  - name: Home',
      '    match: { type: pageview, params: { action_name: Home } }',
      '    count: 1',
      '  - name: Video play',
      '    match: type:event e_c:Video',
    ].join('\n');
    await t.api('/api/runs', { method: 'POST', body: { id: 'p1', plan } });
    await t.send('GET', `/run/p1/matomo.php?${pageview('Home')}`);
    const run = await t.api<RunDto>('/api/runs/p1');
    expect(run.coverage?.status).toBe('open');
    expect(run.coverage?.expectations.map((e) => [e.name, e.status, e.hitIds.length])).toEqual([
      ['Home', 'pass', 1],
      ['Video play', 'open', 0],
    ]);
    const bad = await rawApi(t, 'POST', '/api/runs', { plan: { expectations: [{ name: 'x' }] } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'plan.invalid' } });
  });

  it("counts a run's hits sent right after a restart, while the stored ones are read back", async () => {
    const first = await start();
    await first.send('GET', `/matomo.php?${pageview('Before')}`);
    await first.close();
    const t = await start(first.dataDir);
    const plan = 'expectations:\n  - name: Home\n    match: type:pageview\n    count: 1\n';
    await t.api('/api/runs', { method: 'POST', body: { id: 'again', plan } });
    await t.send('GET', `/run/again/matomo.php?${pageview('Home')}`);
    const run = await t.api<RunDto>('/api/runs/again');
    expect(run.hits).toBe(1);
    expect(run.coverage?.expectations.map((e) => [e.name, e.status])).toEqual([['Home', 'pass']]);
  });

  it('refuses run routes without the token', async () => {
    const t = await start();
    const res = await fetch(`${t.url}/api/runs`);
    expect(res.status).toBe(401);
    const post = await fetch(`${t.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(post.status).toBe(415);
  });

  it('forgets the orders of a deleted run for the duplicate-order check, and keeps the others', async () => {
    const t = await start();
    const order = (id: string) => `idsite=1&rec=1&idgoal=0&ec_id=${id}&revenue=10`;
    await t.send('GET', `/run/gone/matomo.php?${order('A1')}`);
    await t.send('GET', `/run/kept/matomo.php?${order('B1')}`);
    await t.api('/api/runs/gone', { method: 'DELETE' });
    await t.send('GET', `/matomo.php?${order('A1')}`);
    await t.send('GET', `/matomo.php?${order('B1')}`);
    const outside = (await t.hits()).filter((h) => h.run === undefined);
    const verdicts = outside.map((h) => [
      h.params.ec_id,
      h.outcome,
      h.issues.some((i) => i.code === 'ec_id.duplicate'),
    ]);
    expect(verdicts.sort()).toEqual([
      ['A1', 'recorded', false],
      ['B1', 'rejected', true],
    ]);
  });

  it('clearing the capture forgets seen runs and orders; created runs stay with no hits', async () => {
    const t = await start();
    await t.api('/api/runs', {
      method: 'POST',
      body: { id: 'made', name: 'Checkout', plan: PLAN },
    });
    await t.send('GET', `/run/made/matomo.php?${pageview('A')}`);
    await t.send('GET', `/run/seen/matomo.php?idsite=1&rec=1&idgoal=0&ec_id=O1&revenue=10`);
    await t.api('/api/reset', { method: 'POST', body: {} });

    const list = await t.api<RunListDto>('/api/runs');
    expect(list.runs.map((r) => [r.id, r.name, r.hits])).toEqual([['made', 'Checkout', 0]]);
    expect(list.runs[0]?.coverage?.status).toBe('open');
    expect((await rawApi(t, 'GET', '/api/runs/seen')).status).toBe(404);
    await t.send('GET', `/matomo.php?idsite=1&rec=1&idgoal=0&ec_id=O1&revenue=10`);
    expect((await t.hits()).map((h) => h.outcome)).toEqual(['recorded']);
  });

  it('deletes one run: its records leave memory and the data file, every other record survives a restart', async () => {
    const t = await start();
    await t.api('/api/runs', { method: 'POST', body: { id: 'gone' } });
    await t.send('GET', `/matomo.php?${pageview('Keep1')}`);
    await t.send('GET', `/run/gone/matomo.php?${pageview('Drop1')}`);
    await t.send('GET', `/run/kept/matomo.php?${pageview('Keep2')}`);
    await t.send('POST', '/run/gone/matomo.php', {
      body: JSON.stringify({ requests: [`?${pageview('Drop2')}`, `?${pageview('Drop3')}`] }),
      headers: { 'content-type': 'application/json' },
    });
    await t.send('GET', `/matomo.php?${pageview('Keep3')}`, {
      headers: { 'x-hitscope-run': 'kept' },
    });
    const before = await t.summary();

    const deleted = await t.api<RunDeletedDto>('/api/runs/gone', { method: 'DELETE' });
    expect(deleted).toEqual({ id: 'gone', removedHits: 3 });
    await t.send('GET', `/matomo.php?${pageview('Keep4')}`);
    const names = (await t.hits()).map((h) => h.params.action_name).sort();
    expect(names).toEqual(['Keep1', 'Keep2', 'Keep3', 'Keep4']);
    const after = await t.summary();
    expect(after.hits).toBe(before.hits - 3 + 1);
    expect(after.requests).toBe(before.requests - 2 + 1);
    expect(after.bulkRequests).toBe(before.bulkRequests - 1);
    const file = readFileSync(join(t.dataDir, DATA_FILE_NAME), 'utf8');
    expect(file).not.toContain('Drop');
    expect((await rawApi(t, 'GET', '/api/runs/gone')).status).toBe(404);
    expect((await rawApi(t, 'DELETE', '/api/runs/gone')).status).toBe(404);

    await t.close();
    const again = await start(t.dataDir);
    await expect.poll(async () => (await again.summary()).hits).toBe(4);
    const reloaded = await again.hits();
    expect(reloaded.map((h) => h.params.action_name).sort()).toEqual(names);
    expect(reloaded.filter((h) => h.run === 'kept')).toHaveLength(2);
  });
});
