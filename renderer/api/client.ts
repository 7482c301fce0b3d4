// Typed HTTP client of the admin API (docs/api.md). The page is served by the
// capture server itself, so every call is same-origin and carries the sign-in cookie set
// when the UI was opened with its one-time link or signed in with the token. Errors become `ApiError` with the server's code
// and message, so the UI can say what went wrong instead of failing silently.
import type {
  ApiErrorDto,
  HitDetailDto,
  HitFilterDto,
  HitsPageDto,
  HitSummariesPageDto,
  ImportRequestDto,
  ImportResultDto,
  RequestRecordDto,
  RequestsPageDto,
  SendRequestDto,
  SendResponseDto,
  SettingsDto,
  SettingsPatchDto,
  SummaryDto,
} from '../../shared/api/types';
import { API_ROUTES, type ExportFormat } from '../../shared/api/routes';
import { errorMessage } from '../lib/error-message';
import type { VisitDetailDto, VisitsPageDto } from '../../shared/visits/types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** A page of `/api/hits`: at most `limit` hits, older than `before` when given. */
export interface HitsPage {
  limit: number;
  before?: string | null;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isApiErrorDto(value: unknown): value is ApiErrorDto {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && 'message' in error;
}

/**
 * The error of a failed answer: the API's JSON error (code and message) when the body
 * holds one, else an `http` error with `fallback` as its message.
 */
function answerError(status: number, data: unknown, fallback: string): ApiError {
  return isApiErrorDto(data)
    ? new ApiError(status, data.error.code, data.error.message)
    : new ApiError(status, 'http', fallback);
}

/** Query string of the hit filters shared by /api/hits and /api/export. */
export function filterToSearchParams(filter: HitFilterDto): URLSearchParams {
  const search = new URLSearchParams();
  const list = (value: string | string[] | undefined, key: string) => {
    if (value === undefined) return;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, item);
  };
  list(filter.outcome, 'outcome');
  list(filter.type, 'type');
  if (filter.idsite !== undefined) search.set('idsite', String(filter.idsite));
  if (filter.q) search.set('q', filter.q);
  if (filter.query) search.set('query', filter.query);
  if (filter.requestId) search.set('requestId', filter.requestId);
  if (filter.run) search.set('run', filter.run);
  if (filter.hasIssues) search.set('hasIssues', '1');
  for (const [name, value] of Object.entries(filter.params ?? {})) {
    search.set(`param.${name}`, value);
  }
  return search;
}

export function exportUrl(format: ExportFormat, filter: HitFilterDto = {}): string {
  const search = filterToSearchParams(filter);
  search.set('format', format);
  return `${API_ROUTES.export}?${search.toString()}`;
}

/**
 * Where the whole text behind a cut one is (docs/api.md, Long values): a hit's raw query or
 * one of its values, a request's body or query.
 */
export type RawTextSource =
  { hitId: string; param?: string } | { requestId: string; part?: 'body' | 'query' };

export function rawTextUrl(source: RawTextSource): string {
  if ('hitId' in source) {
    const path = API_ROUTES.hitRaw.replace(':id', encodeURIComponent(source.hitId));
    return source.param === undefined ? path : `${path}?param=${encodeURIComponent(source.param)}`;
  }
  const path = API_ROUTES.requestRaw.replace(':id', encodeURIComponent(source.requestId));
  return source.part === 'query' ? `${path}?part=query` : path;
}

export class ApiClient {
  private readonly fetchImpl: FetchLike;
  private readonly base: string;

  constructor(options: { fetch?: FetchLike; base?: string } = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.base = options.base ?? '';
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    // Every write says it is JSON, even without a body: the server refuses writes without
    // that type, which a page on another origin cannot send (see electron/server/admin/security.ts).
    const write = method !== 'GET' && method !== 'HEAD';
    const init: RequestInit = {
      method,
      credentials: 'same-origin',
      headers: write
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, init);
    } catch (cause) {
      const reason = errorMessage(cause);
      throw new ApiError(0, 'network', `The Hitscope server cannot be reached (${reason}).`);
    }
    const text = await response.text();
    let data: unknown = undefined;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        if (response.ok) {
          throw new ApiError(response.status, 'bad_json', `${path} answered with invalid JSON.`);
        }
      }
    }
    if (!response.ok) {
      const reason = response.statusText || 'request failed';
      throw answerError(response.status, data, `${path} answered ${response.status} ${reason}.`);
    }
    return data as T;
  }

  summary(): Promise<SummaryDto> {
    return this.request('GET', API_ROUTES.summary);
  }

  hits(filter: HitFilterDto, page: HitsPage): Promise<HitsPageDto> {
    return this.hitsPage(filter, page, false);
  }

  /** Like `hits`, without the inspector-only fields (`fields=compact`): what the table loads. */
  hitSummaries(filter: HitFilterDto, page: HitsPage): Promise<HitSummariesPageDto> {
    return this.hitsPage(filter, page, true);
  }

  private hitsPage<T>(filter: HitFilterDto, page: HitsPage, compact: boolean): Promise<T> {
    const search = filterToSearchParams(filter);
    search.set('limit', String(page.limit));
    if (page.before) search.set('before', page.before);
    if (compact) search.set('fields', 'compact');
    return this.request('GET', `${API_ROUTES.hits}?${search.toString()}`);
  }

  hit(id: string): Promise<HitDetailDto> {
    return this.request('GET', API_ROUTES.hit.replace(':id', encodeURIComponent(id)));
  }

  /** Visits as Matomo would form them, newest first (`visitor`: a visitor id part or user id). */
  visits(
    filter: { idsite?: number; visitor?: string },
    page: { limit: number; before?: string | null },
  ): Promise<VisitsPageDto> {
    const search = new URLSearchParams();
    if (filter.idsite !== undefined) search.set('idsite', String(filter.idsite));
    if (filter.visitor) search.set('visitor', filter.visitor);
    search.set('limit', String(page.limit));
    if (page.before) search.set('before', page.before);
    return this.request('GET', `${API_ROUTES.visits}?${search.toString()}`);
  }

  visit(id: string): Promise<VisitDetailDto> {
    return this.request('GET', API_ROUTES.visit.replace(':id', encodeURIComponent(id)));
  }

  requestRecord(id: string): Promise<RequestRecordDto> {
    return this.request('GET', API_ROUTES.requests.replace(':id', encodeURIComponent(id)));
  }

  /** Requests refused before analysis (too large, stalled, …), newest first. */
  failedRequests(limit: number): Promise<RequestsPageDto> {
    return this.request('GET', `${API_ROUTES.requestList}?failed=1&limit=${limit}`);
  }

  importFile(body: ImportRequestDto): Promise<ImportResultDto> {
    return this.request('POST', API_ROUTES.import, body);
  }

  reset(): Promise<SummaryDto> {
    return this.request('POST', API_ROUTES.reset, {});
  }

  send(body: SendRequestDto): Promise<SendResponseDto> {
    return this.request('POST', API_ROUTES.send, body);
  }

  settings(): Promise<SettingsDto> {
    return this.request('GET', API_ROUTES.settings);
  }

  updateSettings(patch: SettingsPatchDto): Promise<SettingsDto> {
    return this.request('PUT', API_ROUTES.settings, patch);
  }

  /** The whole text behind a cut one (as UTF-8 text; a binary body is described, not read). */
  rawText(source: RawTextSource): Promise<string> {
    const path = rawTextUrl(source);
    return this.text(path, `${path} answered`);
  }

  exportText(format: ExportFormat, filter: HitFilterDto = {}): Promise<string> {
    return this.text(exportUrl(format, filter), 'Export failed:');
  }

  /**
   * A text answer. A refusal comes back as the API's JSON error: its message says what to fix
   * (a filter that does not compile, an id no longer stored).
   */
  private async text(path: string, failed: string): Promise<string> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.base + path, { credentials: 'same-origin' });
    } catch (cause) {
      throw new ApiError(
        0,
        'network',
        `The Hitscope server cannot be reached (${errorMessage(cause)}).`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        data = undefined;
      }
      throw answerError(response.status, data, `${failed} ${response.status}.`);
    }
    return text;
  }
}
