// Renders a component with a fresh store and a fake API client.
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type {
  HistoryEntryDto,
  HitDetailDto,
  HitDto,
  ImportRequestDto,
  ImportResultDto,
  NewHistoryEntryDto,
  RequestRecordDto,
  RunDto,
  SendRequestDto,
  SendResponseDto,
} from '../../shared/api/types';
import type { VisitDetailDto } from '../../shared/visits/types';
import { ApiClient } from '../api/client';
import { ServicesContext } from '../services-context';
import { createAppStore, type AppStore } from '../store/app-store';
import { StoreProvider } from '../store/store-provider';

export interface FakeServer {
  details: Map<string, HitDetailDto>;
  sent: SendRequestDto[];
  calls: string[];
  /** Bodies of `PUT /api/settings`. */
  settingsUpdates?: unknown[];
  /** Records served by `GET /api/requests/:id`. */
  requests?: Map<string, RequestRecordDto>;
  /** Bodies of `POST /api/import`, and its answer (an error when `importError` is set). */
  imports?: ImportRequestDto[];
  importResult?: ImportResultDto;
  importError?: { status: number; code: string; message: string };
  /** Bodies of `POST /api/history`; when set, the send history accepts them. */
  history?: NewHistoryEntryDto[];
  /** Entries of `GET /api/history`, renamed and deleted by PATCH and DELETE. */
  historyEntries?: HistoryEntryDto[];
  /** The answer of `POST /api/send` (default: a bare 204), or its failure. */
  sendAnswer?: (request: SendRequestDto) => Partial<SendResponseDto> | { fail: string };
  /** Hits listed by `GET /api/hits?requestId=` (hits captured from sends to this server). */
  captured?: HitDto[];
  /** Runs served by `GET /api/runs/:id`. */
  runs?: Map<string, RunDto>;
  /** Visits served by `GET /api/visits` (newest first) and `GET /api/visits/:id`. */
  visits?: VisitDetailDto[];
}

/** An ApiClient whose fetch answers from in-memory data. */
export function fakeClient(server: FakeServer): ApiClient {
  return new ApiClient({
    fetch: async (input, init) => {
      const url = new URL(input, 'http://hitscope.test');
      server.calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      const hit = /^\/api\/hits\/(.+)$/.exec(url.pathname);
      if (hit) {
        const detail = server.details.get(decodeURIComponent(hit[1] ?? ''));
        return detail
          ? json(200, detail)
          : json(404, { error: { code: 'not_found', message: 'No such hit.' } });
      }
      const run = /^\/api\/runs\/([^/]+)$/.exec(url.pathname);
      if (run && server.runs) {
        const found = server.runs.get(decodeURIComponent(run[1] ?? ''));
        return found
          ? json(200, found)
          : json(404, { error: { code: 'run.not_found', message: 'No run.' } });
      }
      if (url.pathname === '/api/visits') {
        const visits = server.visits ?? [];
        return json(200, { visits, next: null, total: visits.length });
      }
      const visit = /^\/api\/visits\/(.+)$/.exec(url.pathname);
      if (visit) {
        const found = server.visits?.find((v) => v.id === decodeURIComponent(visit[1] ?? ''));
        return found
          ? json(200, found)
          : json(404, { error: { code: 'not_found', message: 'No such visit.' } });
      }
      if (url.pathname === '/api/send') {
        const request = JSON.parse(String(init?.body)) as SendRequestDto;
        server.sent.push(request);
        const answer = server.sendAnswer?.(request) ?? { status: 204 };
        if ('fail' in answer) return json(502, { error: { code: 'send', message: answer.fail } });
        return json(200, answer);
      }
      if (url.pathname === '/api/hits') {
        const requestId = url.searchParams.get('requestId');
        const hits = (server.captured ?? []).filter((h) => h.requestId === requestId);
        return json(200, { hits, next: null, total: hits.length });
      }
      if (url.pathname === '/api/history' && init?.method === 'GET' && server.historyEntries) {
        return json(200, { entries: server.historyEntries, maxEntries: 500 });
      }
      const historyEntry = /^\/api\/history\/(.+)$/.exec(url.pathname);
      if (historyEntry && server.historyEntries) {
        const id = decodeURIComponent(historyEntry[1] ?? '');
        const at = server.historyEntries.findIndex((entry) => entry.id === id);
        const found = server.historyEntries[at];
        if (!found) return json(404, { error: { code: 'not_found', message: 'gone' } });
        if (init?.method === 'DELETE') {
          server.historyEntries.splice(at, 1);
          return json(200, {});
        }
        const patch = JSON.parse(String(init?.body)) as { name: string | null };
        return json(200, { ...found, name: patch.name });
      }
      if (url.pathname === '/api/history' && init?.method === 'POST' && server.history) {
        const entry = JSON.parse(String(init.body)) as NewHistoryEntryDto;
        server.history.push(entry);
        const id = `h${server.history.length}`;
        return json(201, { ...entry, id, createdAt: new Date().toISOString(), name: null });
      }
      if (url.pathname === '/api/settings' && init?.method === 'PUT') {
        const patch = JSON.parse(String(init.body)) as Record<string, unknown>;
        server.settingsUpdates?.push(patch);
        return json(200, {
          ...patch,
          dataDir: '/data',
          trackerUrl: 'http://t/matomo.php',
          version: '1',
        });
      }
      if (url.pathname.startsWith('/api/requests/')) {
        const id = decodeURIComponent(url.pathname.slice('/api/requests/'.length));
        const request = server.requests?.get(id);
        return request
          ? json(200, request)
          : json(404, { error: { code: 'not_found', message: 'gone' } });
      }
      if (url.pathname === '/api/import' && init?.method === 'POST') {
        server.imports?.push(JSON.parse(String(init.body)) as ImportRequestDto);
        const failure = server.importError;
        if (failure)
          return json(failure.status, { error: { code: failure.code, message: failure.message } });
        return json(200, server.importResult);
      }
      return json(404, { error: { code: 'not_found', message: `No route ${url.pathname}` } });
    },
  });
}

export function renderApp(
  ui: ReactElement,
  options: { store?: AppStore; server?: FakeServer } = {},
) {
  const store = options.store ?? createAppStore();
  const server: FakeServer = options.server ?? { details: new Map(), sent: [], calls: [] };
  const client = fakeClient(server);
  const result = render(
    <StoreProvider store={store}>
      <ServicesContext.Provider value={{ client, retryNow: () => undefined }}>
        {ui}
      </ServicesContext.Provider>
    </StoreProvider>,
  );
  return { ...result, store, server, client };
}
