// One run of a Hitscope server, as a test sees it: where its tracker requests go, and the
// API calls the matchers make (wait, list, export). Every call carries the server token.
import type { HitDto, HitFilterDto, RunDto } from '../shared/api/types';
import type { HitscopeServer } from './server';

/** Fields of a hit filter; every other key of an expectation names a tracking parameter. */
const FILTER_FIELDS = ['type', 'outcome', 'idsite', 'q', 'query', 'hasIssues', 'requestId'];

/**
 * What a matcher looks for: `{ type: 'event', e_c: 'Video' }` (hit fields and tracking
 * parameters, values compared as text, `'*'` = present) or a query of the search box,
 * e.g. `'type:event e_c:Video'`.
 */
export type HitExpectation = string | Record<string, string | number | boolean | string[]>;

export function toHitFilter(expected: HitExpectation): HitFilterDto {
  if (typeof expected === 'string') return { query: expected };
  const filter: Record<string, unknown> = {};
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(expected)) {
    if (FILTER_FIELDS.includes(key)) filter[key] = value;
    else params[key] = String(value);
  }
  if (Object.keys(params).length > 0) filter.params = params;
  return filter as HitFilterDto;
}

/** How an expectation reads in a message: `type=event e_c=Video`. */
export function describeExpectation(expected: HitExpectation): string {
  if (typeof expected === 'string') return expected;
  return Object.entries(expected)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

/** One nearest miss in a 408 answer of a wait: a hit and what differs from the filter. */
export interface WaitMiss {
  hitId: string;
  summary?: string;
  differences: { text: string }[];
}

export interface WaitOutcome {
  ok: boolean;
  hits: HitDto[];
  total: number;
  /** On a timeout: the closest hits, and the server's explanation as text. */
  misses: WaitMiss[];
  explanation: string;
}

export class HitscopeRun {
  constructor(
    readonly server: HitscopeServer,
    readonly id: string,
  ) {}

  /** Where a tracker sends to join this run. */
  get trackerUrl(): string {
    return `${this.server.url}/run/${this.id}/matomo.php`;
  }

  /** The run's URL for a tracking path, e.g. `/piwik.php?…` → `…/run/<id>/piwik.php?…`. */
  urlFor(pathAndQuery: string): string {
    return `${this.server.url}/run/${this.id}${pathAndQuery}`;
  }

  static async create(server: HitscopeServer, name: string): Promise<HitscopeRun> {
    const run = await call<RunDto>(server, 'POST', '/api/runs', { name: name.slice(0, 200) });
    return new HitscopeRun(server, run.id);
  }

  summary(): Promise<RunDto> {
    return call<RunDto>(this.server, 'GET', `/api/runs/${this.id}`);
  }

  /** Waits until `count` hits of the run match, or `timeoutMs`. */
  async wait(filter: HitFilterDto, count: number, timeoutMs: number): Promise<WaitOutcome> {
    const res = await request(this.server, 'POST', `/api/runs/${this.id}/wait`, {
      filter,
      count,
      timeoutMs,
    });
    const body = (await res.json()) as {
      hits?: HitDto[];
      total?: number;
      misses?: WaitMiss[];
      explanation?: string;
      error?: { message: string };
    };
    if (res.status !== 200 && res.status !== 408) {
      throw new Error(`Hitscope refused the wait (${res.status}): ${body.error?.message ?? ''}`);
    }
    return {
      ok: res.status === 200,
      hits: body.hits ?? [],
      total: body.total ?? 0,
      misses: body.misses ?? [],
      explanation: body.explanation ?? '',
    };
  }

  /** Hits of the run matching `filter`, newest first. */
  async hits(filter: HitFilterDto = {}): Promise<HitDto[]> {
    const query = new URLSearchParams({ limit: '1000', run: this.id });
    appendFilter(query, filter);
    const page = await call<{ hits: HitDto[] }>(this.server, 'GET', `/api/hits?${query}`);
    return page.hits;
  }

  /** The run's hits as an export file (`ndjson` or `har`). */
  async export(format: 'ndjson' | 'har'): Promise<Buffer> {
    const res = await request(this.server, 'GET', `/api/export?format=${format}&run=${this.id}`);
    if (!res.ok) throw new Error(`Hitscope export failed (${res.status}).`);
    return Buffer.from(await res.arrayBuffer());
  }
}

function appendFilter(query: URLSearchParams, filter: HitFilterDto): void {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === 'params') {
      for (const [name, text] of Object.entries(value as Record<string, string>)) {
        query.set(`param.${name}`, text);
      }
    } else query.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
}

function request(server: HitscopeServer, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

async function call<T>(server: HitscopeServer, method: string, path: string, body?: unknown) {
  const res = await request(server, method, path, body);
  const json = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok)
    throw new Error(
      `Hitscope ${method} ${path} failed (${res.status}): ${json.error?.message ?? ''}`,
    );
  return json;
}
