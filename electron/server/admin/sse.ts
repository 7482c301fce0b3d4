// GET /api/stream: Server-Sent Events for the UI. Hits arrive in bursts (a bulk of 10,000,
// a load test), so they are buffered and flushed as one `hits` event per interval instead of
// one event per hit; log lines likewise. A client that stops reading is dropped (it
// reconnects and reloads) rather than letting its backlog grow without bound.
import type { ServerResponse } from 'node:http';
import type { HitFields } from '../../../shared/api/routes';
import type { CompactStreamEvent, LogLineDto } from '../../../shared/api/types';
import {
  addedPieces,
  hitsEventBytes,
  type AddedPieces,
  type HitPiece,
  type RequestPiece,
} from './stream-pieces';
import type { AdminContext } from '../contracts';
import { setBaseHeaders } from './reply';
import { SLICE_MS } from '../storage/journal-scan';

export interface StreamOptions {
  /** Milliseconds between flushes of buffered hits and log lines. */
  flushMs: number;
  /** Milliseconds between heartbeat comments (keeps proxies and idle timers from closing). */
  heartbeatMs: number;
  /** Hits per `hits` event; larger bursts are split over several events. */
  maxHitsPerEvent: number;
  /** Unsent bytes after which a slow client is disconnected. */
  maxBufferedBytes: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  // A hit waits up to this long before it is sent: short enough that it shows in the table
  // within 100 ms, long enough that a burst still travels in a few events (the UI folds
  // them into one render per frame anyway).
  flushMs: 40,
  heartbeatMs: 15_000,
  maxHitsPerEvent: 1000,
  maxBufferedBytes: 32 * 1024 * 1024,
};

/** One SSE frame: `event:` is the type, `data:` the JSON (single line: JSON has no raw newlines). */
export function formatEvent(event: CompactStreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Where a stream's `visits` event goes among the announcements waiting to be sent. */
const VISITS = Symbol('visits');

/**
 * What waits for a stream's next flush, in order: an announcement's pieces, the promise of them
 * while they are made, or the place of a `visits` event.
 */
type Waiting = Ready | Promise<AddedPieces> | typeof VISITS;

/** Hits and requests ready to be sent, in order. */
interface Ready {
  hits: readonly HitPiece[];
  requests: RequestPiece[];
}

const NOTHING: Ready = { hits: [], requests: [] };

const readyOf = (added: AddedPieces): Ready => ({
  hits: added.hits,
  requests: added.request ? [added.request] : [],
});

/** Open streams, so the server can end them when it shuts down instead of waiting on them. */
export class StreamRegistry {
  private readonly open = new Set<ServerResponse>();

  add(res: ServerResponse): void {
    this.open.add(res);
    res.on('close', () => this.open.delete(res));
  }

  get size(): number {
    return this.open.size;
  }

  /** Flushes nothing more and ends every stream (clients see the end of the response). */
  endAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

/** The headers of a stream answer (also the whole answer to a HEAD). */
export function setStreamHeaders(res: ServerResponse): void {
  setBaseHeaders(res);
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
}

/** Starts streaming to `res` until the client disconnects or the registry ends it. */
export function startStream(
  ctx: AdminContext,
  res: ServerResponse,
  options: StreamOptions = DEFAULT_STREAM_OPTIONS,
  registry?: StreamRegistry,
  fields: HitFields = 'full',
): void {
  // Hits wait for the next flush as their encoded JSON, made once for every stream
  // (stream-pieces.ts): whole hits held for a flush interval outlive the young generation and
  // cost an old-generation GC, and stringifying them again for each stream cost as much as
  // storing them. A large announcement's pieces are made over several turns: its
  // entry waits, and everything behind it with it, until they are made, so events keep their
  // order.
  let waiting: Waiting[] = [];
  let lines: LogLineDto[] = [];
  let flushTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const write = (data: string | Buffer) => {
    if (closed) return;
    // Encoded once here: a string would be scanned for its length by the chunked encoder and
    // encoded again by the socket, and a `hits` event can be megabytes.
    res.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    if (res.writableLength > options.maxBufferedBytes) {
      ctx.logger.log('warn', 'Live stream client too slow; disconnected', {
        buffered: res.writableLength,
      });
      res.destroy();
    }
  };
  const send = (event: CompactStreamEvent) => write(formatEvent(event));

  /**
   * Writes the `hits` events of these pieces, split by maxHitsPerEvent, until a slice of time
   * is used up; answers the pieces of the events left to write, if any (a bulk of 10,000 full
   * hits is tens of megabytes to encode).
   */
  const writeHits = (ready: Ready[], started: number): Ready | null => {
    const hits: HitPiece[] = [];
    const requests: RequestPiece[] = [];
    for (const added of ready) {
      for (const hit of added.hits) hits.push(hit);
      for (const request of added.requests) requests.push(request);
    }
    if (hits.length === 0 && requests.length === 0) return null;
    const summary = ctx.store.summary();
    const pending = new Map(requests.map((r) => [r.id, r]));
    const chunks: Ready[] = [];
    for (let i = 0; i < hits.length; i += options.maxHitsPerEvent) {
      const chunk = hits.slice(i, i + options.maxHitsPerEvent);
      const chunkRequests: RequestPiece[] = [];
      // Each request travels with the chunk holding its first hit.
      for (const hit of chunk) {
        const request = pending.get(hit.requestId);
        if (request) {
          chunkRequests.push(request);
          pending.delete(hit.requestId);
        }
      }
      chunks.push({ hits: chunk, requests: chunkRequests });
    }
    // Requests that produced no hit (refused, aborted) ride with the first event.
    if (pending.size > 0) {
      if (chunks.length === 0) chunks.push({ hits: [], requests: [] });
      chunks[0]?.requests.push(...pending.values());
    }
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && performance.now() - started >= SLICE_MS) {
        const rest = chunks.slice(i);
        return { hits: rest.flatMap((c) => c.hits), requests: rest.flatMap((c) => c.requests) };
      }
      const chunk = chunks[i] as Ready;
      write(hitsEventBytes(chunk.hits, chunk.requests, summary));
    }
    return null;
  };

  /**
   * Sends what waits, up to the first announcement whose pieces are still being made, or until
   * a slice of time is used up (the rest then goes in the next turn).
   */
  const flush = () => {
    flushTimer = undefined;
    const started = performance.now();
    let ready: Ready[] = [];
    let rest: Ready | null = null;
    let at = 0;
    for (; at < waiting.length && rest === null; at++) {
      const entry = waiting[at] as Waiting;
      if (entry instanceof Promise) break;
      if (entry !== VISITS) {
        ready.push(entry);
        continue;
      }
      rest = writeHits(ready, started);
      ready = [];
      // The visits event follows every hit it concerns: left waiting behind the rest.
      if (rest !== null) break;
      send({ type: 'visits' });
    }
    rest ??= writeHits(ready, started);
    waiting = waiting.slice(at);
    if (rest !== null) {
      waiting.unshift(rest);
      flushTimer = setTimeout(flush, 0);
    }
    if (lines.length > 0) {
      send({ type: 'log', lines });
      lines = [];
    }
  };
  const schedule = () => {
    flushTimer ??= setTimeout(flush, options.flushMs);
  };

  setStreamHeaders(res);
  res.flushHeaders();
  write('retry: 2000\n\n');
  send({ type: 'hello', summary: ctx.store.summary(), version: ctx.version });
  const recent = ctx.logger.recent();
  if (recent.length > 0) send({ type: 'log', lines: recent });

  const unsubscribeStore = ctx.store.subscribe((event) => {
    if (event.type === 'summary') {
      send({ type: 'summary', summary: ctx.store.summary() });
      return;
    }
    if (event.type === 'reset') {
      // Buffered hits belong to the cleared data: drop them and announce the reset.
      waiting = [];
      send({ type: 'reset', summary: ctx.store.summary() });
      return;
    }
    const added = addedPieces(event, fields);
    if (added instanceof Promise) {
      const entry = added;
      const settle = (ready: Ready) => {
        // Dropped meanwhile by a reset: its hits belong to the cleared data.
        const index = waiting.indexOf(entry);
        if (index < 0) return;
        waiting[index] = ready;
        schedule();
      };
      // An announcement whose pieces cannot be made is left out, as a listener that throws is
      // (hit-store.ts): waited for, it would hold back every later event of the stream.
      entry.then(
        (pieces) => settle(readyOf(pieces)),
        (error: unknown) => {
          ctx.logger.log('error', 'Live stream could not encode announced hits', {
            err: (error as Error).message,
          });
          settle(NOTHING);
        },
      );
    }
    waiting.push(added instanceof Promise ? added : readyOf(added));
    schedule();
  });
  const unsubscribeLog = ctx.logger.subscribe((line) => {
    lines.push(line);
    schedule();
  });
  const unsubscribeSettings = ctx.settings.subscribe((settings) => {
    send({ type: 'settings', settings });
  });
  // Hits already sent may now belong to other visits: the UI reads their visit ids again.
  // Hits waiting for the next flush go first, so the event follows every hit it concerns.
  const unsubscribeVisits = ctx.onVisitsReformed?.(() => {
    clearTimeout(flushTimer);
    waiting.push(VISITS);
    flush();
  });
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), options.heartbeatMs);

  registry?.add(res);
  res.on('close', () => {
    closed = true;
    clearTimeout(flushTimer);
    clearInterval(heartbeat);
    unsubscribeStore();
    unsubscribeLog();
    unsubscribeSettings();
    unsubscribeVisits?.();
  });
}
