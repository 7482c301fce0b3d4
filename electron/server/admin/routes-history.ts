// Routes of the send history (`/api/history`): list, keep, rename and delete the requests
// the app sent. The renderer posts each request it sent through /api/send together with the
// answer, so one place (its send client) records composer, bulk and replay sends alike.
// Bodies are checked field by field: a bad entry is refused with a clear 400, never stored.
import { API_ROUTES } from '../../../shared/api/routes';
import type {
  HistoryListDto,
  NewHistoryEntryDto,
  SendRequestDto,
  SendResponseDto,
} from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { createHistoryStore, type HistoryStore } from '../history-store';
import { expectObject } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

const MAX_SUMMARY = 300;
const MAX_NAME = 200;

function invalid(message: string): ApiError {
  return new ApiError(400, 'history.invalid', message);
}

function optionalString(obj: Record<string, unknown>, key: string, where: string) {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'string') {
    throw invalid(`${where}.${key} must be a string.`);
  }
  return value;
}

function stringRecord(value: unknown, where: string): Record<string, string> {
  const obj = expectObject(value ?? {}, where);
  for (const [key, v] of Object.entries(obj)) {
    if (typeof v !== 'string') throw invalid(`${where}["${key}"] must be a string.`);
  }
  return obj as Record<string, string>;
}

function readRequest(value: unknown): SendRequestDto {
  const obj = expectObject(value, 'request');
  if (typeof obj.target !== 'string' || obj.target === '') {
    throw invalid('request.target must be "self" or a Matomo URL.');
  }
  if (obj.method !== 'GET' && obj.method !== 'POST') {
    throw invalid('request.method must be GET or POST.');
  }
  const request: SendRequestDto = { target: obj.target, method: obj.method };
  for (const key of ['path', 'query', 'body'] as const) {
    const v = optionalString(obj, key, 'request');
    if (v !== undefined) request[key] = v;
  }
  if (obj.headers !== undefined) request.headers = stringRecord(obj.headers, 'request.headers');
  return request;
}

function readResponse(value: unknown): SendResponseDto {
  const obj = expectObject(value, 'response');
  if (typeof obj.status !== 'number' || typeof obj.durationMs !== 'number') {
    throw invalid('response.status and response.durationMs must be numbers.');
  }
  if (
    typeof obj.body !== 'string' ||
    (obj.bodyEncoding !== 'utf8' && obj.bodyEncoding !== 'base64')
  ) {
    throw invalid('response.body must be a string with bodyEncoding utf8 or base64.');
  }
  const response: SendResponseDto = {
    url: optionalString(obj, 'url', 'response') ?? '',
    status: obj.status,
    statusText: optionalString(obj, 'statusText', 'response') ?? '',
    headers: stringRecord(obj.headers, 'response.headers'),
    body: obj.body,
    bodyEncoding: obj.bodyEncoding,
    durationMs: obj.durationMs,
  };
  const requestId = optionalString(obj, 'requestId', 'response');
  if (requestId !== undefined) response.requestId = requestId;
  return response;
}

/** Checks a `POST /api/history` body. Exported for tests. */
export function readNewHistoryEntry(value: unknown): NewHistoryEntryDto {
  const obj = expectObject(value);
  if (obj.kind !== 'single' && obj.kind !== 'bulk') throw invalid('kind must be single or bulk.');
  if (obj.origin !== 'composer' && obj.origin !== 'bulk' && obj.origin !== 'replay') {
    throw invalid('origin must be composer, bulk or replay.');
  }
  const summary = optionalString(obj, 'summary', 'entry') ?? '';
  const entry: NewHistoryEntryDto = {
    kind: obj.kind,
    origin: obj.origin,
    summary: summary.slice(0, MAX_SUMMARY),
    request: readRequest(obj.request),
  };
  if (obj.response !== undefined && obj.response !== null) {
    entry.response = readResponse(obj.response);
  }
  const error = optionalString(obj, 'error', 'entry');
  if (error !== undefined) entry.error = error.slice(0, MAX_SUMMARY * 4);
  if (entry.response === undefined && entry.error === undefined) {
    throw invalid('An entry needs the response it got, or the error that stopped it.');
  }
  return entry;
}

function notFound(id: string): ApiError {
  return new ApiError(404, 'history.not_found', `No history entry ${id}.`);
}

/**
 * The history routes. The store lives in the data directory of the running server and is
 * opened on first use; tests pass their own.
 */
export function historyRoutes(ctx: AdminContext, given?: HistoryStore): Route[] {
  let opened = given;
  const store = () => (opened ??= createHistoryStore(ctx.settings.get().dataDir));
  return [
    {
      method: 'GET',
      path: API_ROUTES.history,
      handle: ({ res }) => {
        const body: HistoryListDto = { entries: store().list(), maxEntries: store().maxEntries };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: API_ROUTES.history,
      handle: async ({ res, readJson }) => {
        const entry = await store().add(readNewHistoryEntry(await readJson()));
        sendJson(res, 201, entry);
      },
    },
    {
      method: 'DELETE',
      path: API_ROUTES.history,
      handle: async ({ res }) => {
        await store().clear();
        sendJson(res, 200, { entries: [], maxEntries: store().maxEntries });
      },
    },
    {
      method: 'GET',
      path: API_ROUTES.historyEntry,
      handle: ({ res, params }) => {
        const entry = store().get(params.id ?? '');
        if (!entry) throw notFound(params.id ?? '');
        sendJson(res, 200, entry);
      },
    },
    {
      method: 'PATCH',
      path: API_ROUTES.historyEntry,
      handle: async ({ res, params, readJson }) => {
        const body = expectObject(await readJson());
        if (body.name !== null && typeof body.name !== 'string') {
          throw invalid('name must be a string (or null to clear it).');
        }
        const name = typeof body.name === 'string' ? body.name.trim().slice(0, MAX_NAME) : null;
        const entry = await store().rename(params.id ?? '', name === '' ? null : name);
        if (!entry) throw notFound(params.id ?? '');
        sendJson(res, 200, entry);
      },
    },
    {
      method: 'DELETE',
      path: API_ROUTES.historyEntry,
      handle: async ({ res, params }) => {
        if (!(await store().remove(params.id ?? ''))) throw notFound(params.id ?? '');
        sendJson(res, 200, { deleted: params.id });
      },
    },
  ];
}
