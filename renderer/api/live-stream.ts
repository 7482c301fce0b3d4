// Live stream of the capture server (`GET /api/stream`, Server-Sent Events). EventSource
// retries on its own, but silently and at a fixed pace; this wrapper closes the source
// on error and reconnects with exponential backoff, reporting every state so the header
// can say "reconnecting in 4 s" instead of showing a frozen table.
import type { CompactStreamEvent } from '../../shared/api/types';
import { API_ROUTES } from '../../shared/api/routes';

export type ConnectionState =
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; since: number }
  | { status: 'reconnecting'; attempt: number; retryAt: number; delayMs: number; reason: string }
  | { status: 'closed' };

export const STREAM_EVENT_TYPES = [
  'hello',
  'hits',
  'reset',
  'summary',
  'log',
  'settings',
  'visits',
] as const;

export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface StreamOptions {
  url?: string;
  onEvent(event: CompactStreamEvent): void;
  onState(state: ConnectionState): void;
  createSource?: (url: string) => EventSourceLike;
  /** First retry delay in ms; doubles per failed attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Delay before reconnect attempt `attempt` (1-based): base · 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

function isStreamEvent(value: unknown): value is CompactStreamEvent {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (STREAM_EVENT_TYPES as readonly string[]).includes(type);
}

export class LiveStream {
  private readonly options: Required<Omit<StreamOptions, 'onEvent' | 'onState'>> &
    Pick<StreamOptions, 'onEvent' | 'onState'>;
  private source: EventSourceLike | null = null;
  private timer: unknown = null;
  private attempt = 0;
  private stopped = true;

  constructor(options: StreamOptions) {
    this.options = {
      // Compact hits: the table needs no decoded values; the inspector fetches the full hit.
      url: `${API_ROUTES.stream}?fields=compact`,
      createSource: (url) => new EventSource(url, { withCredentials: true }),
      baseDelayMs: 500,
      maxDelayMs: 15_000,
      now: () => Date.now(),
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
    this.options.onState({ status: 'closed' });
  }

  /** Reconnects now instead of waiting for the backoff timer ("Retry now"). */
  retryNow(): void {
    if (this.stopped) return;
    if (this.timer !== null) this.options.clearTimer(this.timer);
    this.timer = null;
    this.source?.close();
    this.connect();
  }

  private connect(): void {
    this.timer = null;
    this.options.onState({ status: 'connecting', attempt: this.attempt + 1 });
    const source = this.options.createSource(this.options.url);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.attempt = 0;
      this.options.onState({ status: 'open', since: this.options.now() });
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.scheduleReconnect('connection lost');
    };
    const handle = (message: MessageEvent) => {
      if (this.source !== source) return;
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      // The SSE `event:` line names the type; accept payloads that carry it too.
      const event = isStreamEvent(data) ? data : { ...(data as object), type: message.type };
      if (isStreamEvent(event)) this.options.onEvent(event);
    };
    for (const type of STREAM_EVENT_TYPES) source.addEventListener(type, handle);
    source.addEventListener('message', handle);
  }

  private scheduleReconnect(reason: string): void {
    this.source?.close();
    this.source = null;
    if (this.stopped) return;
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.options.baseDelayMs, this.options.maxDelayMs);
    this.options.onState({
      status: 'reconnecting',
      attempt: this.attempt,
      retryAt: this.options.now() + delay,
      delayMs: delay,
      reason,
    });
    this.timer = this.options.setTimer(() => this.connect(), delay);
  }
}
