// Routes of the send history (`/api/history`): list, keep, rename and delete the requests
// the app sent. The renderer posts each request it sent through /api/send together with the
// answer, so one place (its send client) records composer, bulk and replay sends alike.
// Bodies are decoded with their declaration in shared/api/bodies: a bad entry is refused
// with a clear 400, never stored.
import { API_ROUTES } from '../../../shared/api/routes';
import { newHistoryEntrySchema, renameHistoryEntrySchema } from '../../../shared/api/bodies';
import type { HistoryListDto, NewHistoryEntryDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { createHistoryStore, type HistoryStore } from '../history-store';
import { decodeJsonBody } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

const MAX_SUMMARY = 300;
const MAX_NAME = 200;

function invalid(message: string): ApiError {
  return new ApiError(400, 'history.invalid', message);
}

/** Checks a `POST /api/history` body. Exported for tests. */
export function readNewHistoryEntry(value: unknown): NewHistoryEntryDto {
  const { error, response, summary, ...rest } = decodeJsonBody(
    value,
    newHistoryEntrySchema,
    'history.invalid',
  );
  const entry: NewHistoryEntryDto = { ...rest, summary: summary.slice(0, MAX_SUMMARY) };
  if (response !== undefined && response !== null) entry.response = response;
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
        const body = decodeJsonBody(await readJson(), renameHistoryEntrySchema, 'history.invalid');
        const name = body.name === null ? null : body.name.trim().slice(0, MAX_NAME);
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
