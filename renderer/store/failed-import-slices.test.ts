// @vitest-environment node
// Failed requests in the store (from the stream and the API, paused, reset, selected) and
// the import slice's report.
import { describe, expect, it } from 'vitest';
import type { ImportResultDto, RequestRecordDto, SummaryDto } from '../../shared/api/types';
import { toFailedRow } from '../lib/failed-row';
import { toHitRow } from '../lib/hit-row';
import { makeHit, makeRequest } from '../test-support/hit-factory';
import { createAppStore } from './app-store';
import { mergeFailed } from './hits-slice';
import { StreamBatcher } from './stream-batcher';

const summary = { requests: 2, hits: 1, failedRequests: 1, maxHits: 100_000 } as SummaryDto;

function failedRequest(id: string, at: number): RequestRecordDto {
  return makeRequest({
    id,
    receivedAt: new Date(at).toISOString(),
    transport: 'post',
    bodySize: 11 * 1024 * 1024,
    error: { code: 'limit.body_too_large', message: 'The request body is too large.' },
    response: { ...makeRequest().response, status: 413, body: 'too large' },
  });
}

function streamed(store: ReturnType<typeof createAppStore>, requests: RequestRecordDto[]) {
  const batcher = new StreamBatcher(store, (flush) => flush());
  const hit = makeHit();
  batcher.push({
    type: 'hits',
    hits: [hit],
    requests: [makeRequest({ transport: 'get' }), ...requests],
    summary,
  });
  return hit;
}

describe('failed requests in the store', () => {
  it('come from the stream apart from the hits, and a reset forgets them', () => {
    const store = createAppStore();
    streamed(store, [failedRequest('f1', Date.UTC(2026, 0, 1))]);
    const state = store.getState();
    expect(state.hits.ids).toHaveLength(1);
    expect(state.failed).toEqual([
      expect.objectContaining({
        id: 'f1',
        status: 413,
        code: 'limit.body_too_large',
        method: 'POST',
      }),
    ]);
    expect(state.requests).toEqual({});
    store.getState().selectFailed('f1');
    new StreamBatcher(store, (flush) => flush()).push({ type: 'reset', summary });
    expect(store.getState().failed).toEqual([]);
    expect(store.getState().selectedFailedId).toBeNull();
  });

  it('wait while paused and merge with the ones loaded from the API, oldest first', () => {
    const store = createAppStore();
    store.getState().pause();
    streamed(store, [failedRequest('late', 3000)]);
    expect(store.getState().failed).toEqual([]);
    store
      .getState()
      .loadFailed([failedRequest('early', 1000), failedRequest('late', 3000)].map(toFailedRow));
    store.getState().resume();
    expect(store.getState().failed.map((row) => row.id)).toEqual(['early', 'late']);
    const merged = mergeFailed(
      store.getState().failed,
      [toFailedRow(failedRequest('mid', 2000))],
      2,
    );
    expect(merged.map((row) => row.id)).toEqual(['mid', 'late']);
  });

  it('selecting a failed request clears the hit selection and the other way round', () => {
    const store = createAppStore();
    const hit = toHitRow(makeHit());
    store.getState().select(hit.id);
    store.getState().selectFailed('f1');
    expect(store.getState()).toMatchObject({
      selectedId: null,
      selectedIds: [],
      selectedFailedId: 'f1',
    });
    store.getState().toggleSelected(hit.id);
    expect(store.getState()).toMatchObject({ selectedId: hit.id, selectedFailedId: null });
  });

  it('the header count shows only the failed requests', () => {
    const store = createAppStore();
    store.getState().setQuery('type:event');
    store.getState().toggleOutcome('recorded');
    store.getState().showFailedOnly();
    expect(store.getState().query).toBe('');
    expect(store.getState().quick).toMatchObject({ outcomes: [], failed: true });
  });
});

describe('import slice', () => {
  const result: ImportResultDto = {
    format: 'ndjson',
    requests: 3,
    hits: 4,
    failedRequests: 0,
    skipped: [],
    skippedCount: 0,
  };

  it('a clean import opens the hits view and its report', () => {
    const store = createAppStore();
    store.getState().setView('compose');
    store.getState().startImport('hits.ndjson');
    expect(store.getState().importing).toBe('hits.ndjson');
    store.getState().finishImport({ fileName: 'hits.ndjson', result });
    expect(store.getState()).toMatchObject({ importing: null, view: 'hits' });
    expect(store.getState().importReport).toEqual({ fileName: 'hits.ndjson', result });
  });

  it('skipped lines, failed requests and errors open the report instead', () => {
    const store = createAppStore();
    const skipped = { ...result, skipped: [{ line: 2, reason: 'not JSON' }], skippedCount: 1 };
    store.getState().finishImport({ fileName: 'a.ndjson', result: skipped });
    expect(store.getState().importReport?.result?.skippedCount).toBe(1);
    store.getState().dismissImportReport();
    store.getState().finishImport({ fileName: 'b.har', error: 'The file is empty.' });
    expect(store.getState().importReport).toEqual({
      fileName: 'b.har',
      error: 'The file is empty.',
    });
    expect(store.getState().toast).toBeNull();
  });
});
