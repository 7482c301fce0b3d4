// The controller's part in the two features around failed requests and imports: failed
// requests come back with the stored hits after a (re)connect, and File → Import… opens the
// desktop's open dialog, or a file input where the bridge has none.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../shared/api/desktop-bridge';
import type { SummaryDto } from '../shared/api/types';
import { ApiClient } from './api/client';
import type { EventSourceLike } from './api/live-stream';
import { startApp } from './app-controller';
import { createAppStore } from './store/app-store';
import { makeRequest } from './test-support/hit-factory';

const summary = { requests: 1, hits: 0, failedRequests: 1, maxHits: 100 } as SummaryDto;
const failed = makeRequest({
  id: 'f1',
  transport: 'post',
  error: { code: 'request.timeout', message: 'The upload stalled.' },
  response: { ...makeRequest().response, status: 408 },
});

class OpenSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  addEventListener() {}
  close() {}
}

function harness(bridge: Record<string, unknown>) {
  const calls: { method: string; url: string; body?: unknown }[] = [];
  let menu: ((command: MenuCommand) => void) | null = null;
  (window as { hitscope?: unknown }).hitscope = {
    ...bridge,
    onMenuCommand: (listener: (command: MenuCommand) => void) => {
      menu = listener;
      return () => undefined;
    },
  };
  const answers: Record<string, unknown> = {
    '/api/summary': summary,
    '/api/hits': { hits: [], next: null, total: 0 },
    '/api/requests': { requests: [failed], total: 1 },
    '/api/settings': { sites: [], version: '1', trackerUrl: 'http://t/matomo.php' },
    '/api/import': {
      format: 'ndjson',
      requests: 1,
      hits: 1,
      failedRequests: 0,
      skipped: [],
      skippedCount: 0,
    },
  };
  const client = new ApiClient({
    fetch: async (input, init) => {
      const url = new URL(input, 'http://hitscope.test');
      const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      calls.push({ method: init?.method ?? 'GET', url: url.pathname + url.search, body });
      return new Response(JSON.stringify(answers[url.pathname] ?? {}), { status: 200 });
    },
  });
  const store = createAppStore();
  const source = new OpenSource();
  const app = startApp(store, client, { createSource: () => source });
  source.onopen?.(new Event('open'));
  return { store, calls, app, menu: (command: MenuCommand) => menu?.(command) };
}

afterEach(() => {
  delete (window as { hitscope?: unknown }).hitscope;
  document.querySelectorAll('input[type="file"]').forEach((input) => input.remove());
});

describe('startApp', () => {
  it('loads the failed requests with the stored hits', async () => {
    const { store, calls, app } = harness({});
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    expect(calls.map((call) => call.url)).toContain('/api/requests?failed=1&limit=1000');
    expect(store.getState().failed.map((row) => [row.id, row.status, row.code])).toEqual([
      ['f1', 408, 'request.timeout'],
    ]);
    app.stop();
  });

  it('File → Import… opens the desktop dialog and imports the chosen file', async () => {
    const openFile = vi.fn(async () => ({ name: 'hits.har', content: '{"log":{"entries":[]}}' }));
    const { store, calls, app, menu } = harness({ openFile });
    menu('import-hits');
    await vi.waitFor(() => expect(store.getState().importReport?.result?.hits).toBe(1));
    expect(store.getState().importReport?.fileName).toBe('hits.har');
    expect(openFile).toHaveBeenCalledTimes(1);
    expect(calls.find((call) => call.url === '/api/import')?.body).toEqual({
      content: '{"log":{"entries":[]}}',
      name: 'hits.har',
    });
    expect(document.querySelector('input[type="file"]')).toBeNull();
    app.stop();
  });

  it('File → Import… falls back to a file input without openFile', () => {
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
    const { app, menu } = harness({});
    menu('import-hits');
    const input = document.querySelector<HTMLInputElement>('input[type="file"]');
    expect(input?.accept).toContain('.har');
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
    app.stop();
  });
});
