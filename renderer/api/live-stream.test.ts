// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { CompactStreamEvent } from '../../shared/api/types';
import {
  backoffDelay,
  LiveStream,
  type ConnectionState,
  type EventSourceLike,
} from './live-stream';

class FakeSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  listeners = new Map<string, ((event: MessageEvent) => void)[]>();
  closed = false;
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown) {
    for (const listener of this.listeners.get(type) ?? []) {
      listener({ type, data: JSON.stringify(data) } as MessageEvent);
    }
  }
}

function setup() {
  const sources: FakeSource[] = [];
  const urls: string[] = [];
  const states: ConnectionState[] = [];
  const events: CompactStreamEvent[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const stream = new LiveStream({
    createSource: (url) => {
      urls.push(url);
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    onEvent: (event) => events.push(event),
    onState: (state) => states.push(state),
    now: () => 1000,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
  });
  return { stream, sources, urls, states, events, timers };
}

describe('backoffDelay', () => {
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 500, 15_000))).toEqual([
      500, 1000, 2000, 4000, 15_000,
    ]);
  });
});

describe('LiveStream', () => {
  it('reports open, passes typed events on, and ignores malformed ones', () => {
    const { stream, sources, states, events } = setup();
    stream.start();
    sources[0]!.onopen?.(new Event('open'));
    expect(states.map((s) => s.status)).toEqual(['connecting', 'open']);
    sources[0]!.emit('log', { lines: [] });
    sources[0]!.emit('nonsense', { lines: [] });
    expect(events).toEqual([{ type: 'log', lines: [] }]);
  });

  it('asks for compact hits (the table needs no decoded values)', () => {
    const { stream, urls } = setup();
    stream.start();
    expect(urls).toEqual(['/api/stream?fields=compact']);
  });

  it('reconnects with growing delays and resets them once connected', () => {
    const { stream, sources, states, timers } = setup();
    stream.start();
    sources[0]!.onerror?.(new Event('error'));
    expect(sources[0]!.closed).toBe(true);
    expect(states.at(-1)).toMatchObject({
      status: 'reconnecting',
      attempt: 1,
      retryAt: 1500,
      delayMs: 500,
    });
    timers.shift()!.fn();
    sources[1]!.onerror?.(new Event('error'));
    expect(timers[0]?.ms).toBe(1000);
    timers.shift()!.fn();
    sources[2]!.onopen?.(new Event('open'));
    sources[2]!.onerror?.(new Event('error'));
    expect(timers[0]?.ms).toBe(500);
    stream.stop();
    expect(states.at(-1)).toEqual({ status: 'closed' });
  });

  it('ignores events of a source it already replaced', () => {
    const { stream, sources, events } = setup();
    stream.start();
    stream.retryNow();
    sources[0]!.emit('log', { lines: [] });
    expect(events).toEqual([]);
    sources[1]!.emit('log', { lines: [] });
    expect(events).toHaveLength(1);
  });
});
