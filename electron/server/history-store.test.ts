import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewHistoryEntryDto } from '../../shared/api/types';
import {
  HISTORY_FILE,
  MAX_STORED_REQUEST_BODY,
  MAX_STORED_RESPONSE_BODY,
  createHistoryStore,
} from './history-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-history-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function entry(summary: string, body = ''): NewHistoryEntryDto {
  return {
    kind: 'single',
    origin: 'composer',
    summary,
    request: { target: 'self', method: 'GET', path: '/matomo.php', query: 'idsite=1&rec=1' },
    response: {
      url: 'http://127.0.0.1:1/matomo.php?idsite=1&rec=1',
      status: 200,
      statusText: 'OK',
      headers: { 'content-type': 'image/gif' },
      body,
      bodyEncoding: 'base64',
      durationMs: 3,
    },
  };
}

describe('history store', () => {
  it('keeps entries newest first across a restart', async () => {
    const store = createHistoryStore(dir);
    const first = await store.add(entry('first'));
    await store.add(entry('second'));
    await store.rename(first.id, 'My page view');
    await store.flush();

    const reopened = createHistoryStore(dir);
    expect(reopened.list().map((e) => e.summary)).toEqual(['second', 'first']);
    expect(reopened.get(first.id)?.name).toBe('My page view');
    expect(reopened.get(first.id)?.response?.status).toBe(200);
  });

  it('deletes one entry or all of them, durably', async () => {
    const store = createHistoryStore(dir);
    const a = await store.add(entry('a'));
    await store.add(entry('b'));
    expect(await store.remove(a.id)).toBe(true);
    expect(await store.remove(a.id)).toBe(false);
    expect(
      createHistoryStore(dir)
        .list()
        .map((e) => e.summary),
    ).toEqual(['b']);
    await store.clear();
    expect(createHistoryStore(dir).list()).toEqual([]);
  });

  it('caps the number of entries and the stored answer body', async () => {
    const store = createHistoryStore(dir, { maxEntries: 2 });
    await store.add(entry('1'));
    await store.add(entry('2'));
    const big = await store.add(entry('3', 'x'.repeat(MAX_STORED_RESPONSE_BODY + 10)));
    expect(store.list().map((e) => e.summary)).toEqual(['3', '2']);
    expect(big.response?.body.length).toBe(MAX_STORED_RESPONSE_BODY);
    expect(big.response?.bodyTruncated).toBe(true);
    expect(big.requestBodyTruncated).toBeUndefined();
    const bulk = entry('bulk');
    bulk.request = {
      ...bulk.request,
      method: 'POST',
      body: 'y'.repeat(MAX_STORED_REQUEST_BODY * 2),
    };
    const kept = await store.add(bulk);
    expect(kept.request.body?.length).toBe(MAX_STORED_REQUEST_BODY);
    expect(kept.requestBodyTruncated).toBe(true);
  });

  it('sets an unreadable file aside instead of deleting it', async () => {
    writeFileSync(join(dir, HISTORY_FILE), '{not json');
    const store = createHistoryStore(dir);
    expect(store.list()).toEqual([]);
    const kept = readdirSync(dir).find((f) => f.startsWith(`${HISTORY_FILE}.unreadable-`));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!), 'utf8')).toBe('{not json');
    await store.add(entry('after'));
    expect(createHistoryStore(dir).list()).toHaveLength(1);
  });
});
