// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { StreamEvent, SummaryDto } from '../../shared/api/types';
import { toHitRow } from '../lib/hit-row';
import { makeHit, makeRequest, makeSummary } from '../test-support/hit-factory';
import { createAppStore } from './app-store';
import { rowsOf } from './hit-collection';
import { StreamBatcher } from './stream-batcher';

const summary: SummaryDto = makeSummary();

function manualScheduler() {
  const pending: (() => void)[] = [];
  return {
    schedule: (flush: () => void) => pending.push(flush),
    runFrame: () => pending.splice(0).forEach((flush) => flush()),
    get scheduled() {
      return pending.length;
    },
  };
}

describe('hits slice', () => {
  it('keeps hits normalized, ordered and without duplicates', () => {
    const store = createAppStore();
    const [a, b, c] = [makeHit(), makeHit(), makeHit()];
    store.getState().receiveHits([toHitRow(b!), toHitRow(c!)]);
    store.getState().loadHits([toHitRow(a!), toHitRow(b!)]);
    const { hits } = store.getState();
    expect(hits.ids).toEqual([a!.id, b!.id, c!.id]);
    expect(hits.byId.get(a!.id)?.summary).toBe('Home');
  });

  it('drops the oldest rows beyond the memory cap', () => {
    const store = createAppStore();
    store.getState().setSummary({ ...summary, maxHits: 2 });
    store.getState().receiveHits([makeHit(), makeHit(), makeHit()].map(toHitRow));
    const { hits } = store.getState();
    expect(hits.ids).toHaveLength(2);
    expect(hits.byId.size).toBe(2);
  });

  it('buffers hits while paused and shows them on resume', () => {
    const store = createAppStore();
    store.getState().receiveHits([toHitRow(makeHit())]);
    store.getState().pause();
    store.getState().receiveHits([toHitRow(makeHit()), toHitRow(makeHit())]);
    expect(store.getState().hits.ids).toHaveLength(1);
    expect(store.getState().pending).toHaveLength(2);
    store.getState().resume();
    expect(store.getState().hits.ids).toHaveLength(3);
    expect(store.getState().pending).toHaveLength(0);
    expect(store.getState().paused).toBe(false);
  });

  it('clears hits, requests and the pause buffer', () => {
    const store = createAppStore();
    store.getState().receiveHits([toHitRow(makeHit())]);
    store.getState().pause();
    store.getState().receiveHits([toHitRow(makeHit())]);
    store.getState().clearHits();
    expect(store.getState().hits.ids).toEqual([]);
    expect(store.getState().pending).toEqual([]);
  });
});

describe('selection slice', () => {
  it('selects, toggles and selects ranges in visible order', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().select('b');
    expect(s().selectedIds).toEqual(['b']);
    s().toggleSelected('d');
    expect(s().selectedIds).toEqual(['b', 'd']);
    expect(s().selectedId).toBe('d');
    s().select('b');
    s().selectRange('d', ['a', 'b', 'c', 'd', 'e']);
    expect(s().selectedIds).toEqual(['b', 'c', 'd']);
    s().toggleSelected('d');
    expect(s().selectedId).toBe('c');
  });
});

describe('StreamBatcher', () => {
  it('applies a burst of stream events in one frame with one hits update', () => {
    const store = createAppStore();
    const frames = manualScheduler();
    const batcher = new StreamBatcher(store, frames.schedule);
    let updates = 0;
    store.subscribe((state, previous) => {
      if (state.hits !== previous.hits) updates += 1;
    });
    const request = makeRequest();
    for (let i = 0; i < 50; i++) {
      const event: StreamEvent = {
        type: 'hits',
        hits: [makeHit()],
        requests: i === 0 ? [request] : [],
        summary: { ...summary, hits: i + 1 },
      };
      batcher.push(event);
    }
    expect(frames.scheduled).toBe(1);
    expect(store.getState().hits.ids).toHaveLength(0);
    frames.runFrame();
    expect(store.getState().hits.ids).toHaveLength(50);
    expect(updates).toBe(1);
    expect(store.getState().summary?.hits).toBe(50);
    expect(store.getState().requests[request.id]?.responseBody).toContain('tracked');
  });

  it('drops hits queued before a reset in the same frame', () => {
    const store = createAppStore();
    const frames = manualScheduler();
    const batcher = new StreamBatcher(store, frames.schedule);
    store.getState().receiveHits([toHitRow(makeHit())]);
    batcher.push({ type: 'hits', hits: [makeHit()], requests: [], summary });
    store.getState().select(store.getState().hits.ids[0] ?? null);
    batcher.push({ type: 'reset', summary: { ...summary, hits: 0 } });
    batcher.push({ type: 'hits', hits: [makeHit()], requests: [], summary });
    batcher.push({ type: 'log', lines: [{ time: 't', level: 'info', msg: 'cleared' }] });
    frames.runFrame();
    expect(rowsOf(store.getState().hits)).toHaveLength(1);
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().logLines.map((l) => l.msg)).toEqual(['cleared']);
  });
});
