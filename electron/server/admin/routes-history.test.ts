import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntryDto, HistoryListDto } from '../../../shared/api/types';
import { serveRoutes, type ServedRoutes } from '../../../test-support/admin/serve-routes';
import type { AdminContext } from '../contracts';
import { createHistoryStore } from '../history-store';
import { historyRoutes, readNewHistoryEntry } from './routes-history';

// The routes behind a bare server: the admin handler's security checks are tested with it;
// here only what the history routes do with their input.
let dir: string;
let served: ServedRoutes;
let base: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-history-routes-'));
  const ctx = {} as AdminContext;
  served = await serveRoutes(historyRoutes(ctx, createHistoryStore(dir)), ctx);
  base = served.base;
});

afterEach(async () => {
  await served.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as unknown };
}

const valid = {
  kind: 'single',
  origin: 'composer',
  summary: 'Event Video › Play',
  request: { target: 'self', method: 'POST', path: '/matomo.php', body: 'e_c=Video&e_a=Play' },
  response: {
    url: 'http://x/matomo.php',
    status: 204,
    statusText: 'No Content',
    headers: {},
    body: '',
    bodyEncoding: 'utf8',
    durationMs: 4,
  },
};

describe('history routes', () => {
  it('keeps, lists, renames and deletes entries', async () => {
    const created = await call('POST', '/api/history', valid);
    expect(created.status).toBe(201);
    const entry = created.json as HistoryEntryDto;
    expect(entry).toMatchObject({ name: null, summary: 'Event Video › Play', kind: 'single' });

    const list = (await call('GET', '/api/history')).json as HistoryListDto;
    expect(list.entries.map((e) => e.id)).toEqual([entry.id]);

    const renamed = await call('PATCH', `/api/history/${entry.id}`, { name: '  Play event  ' });
    expect((renamed.json as HistoryEntryDto).name).toBe('Play event');
    expect(((await call('GET', `/api/history/${entry.id}`)).json as HistoryEntryDto).name).toBe(
      'Play event',
    );

    expect((await call('DELETE', `/api/history/${entry.id}`)).status).toBe(200);
    expect((await call('GET', `/api/history/${entry.id}`)).status).toBe(404);
    expect((await call('DELETE', `/api/history/${entry.id}`)).status).toBe(404);
  });

  it('refuses malformed entries with a 400 that says what is wrong', async () => {
    const bad = await call('POST', '/api/history', { ...valid, request: { target: 'self' } });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      error: { code: 'history.invalid', message: 'request.method must be GET or POST.' },
    });
    const noAnswer = await call('POST', '/api/history', { ...valid, response: undefined });
    expect(noAnswer.status).toBe(400);
    expect((await call('PATCH', '/api/history/nope', { name: 'x' })).status).toBe(404);
    const notJson = await fetch(`${base}/api/history`, { method: 'POST', body: 'a=b' });
    expect(notJson.status).toBe(415);
    expect(((await call('GET', '/api/history')).json as HistoryListDto).entries).toEqual([]);
  });

  it('keeps a failed send with its error', () => {
    const entry = readNewHistoryEntry({ ...valid, response: null, error: 'ECONNREFUSED' });
    expect(entry.error).toBe('ECONNREFUSED');
    expect(entry.response).toBeUndefined();
    expect(() => readNewHistoryEntry({ ...valid, kind: 'many' })).toThrow(/single or bulk/);
    expect(() =>
      readNewHistoryEntry({ ...valid, request: { ...valid.request, headers: { a: 1 } } }),
    ).toThrow(/headers\["a"\]/);
  });
});
