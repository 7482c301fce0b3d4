import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewHistoryEntryDto } from '../../../shared/api/types';
import { renderApp } from '../../test-support/render-app';
import { AppHeader } from './app-header';

afterEach(cleanup);

const summary = {
  requests: 12,
  hits: 1_500,
  recorded: 1_200,
  excluded: 200,
  rejected: 100,
  bulkRequests: 1,
  failedRequests: 0,
  inMemory: 1_000,
  onDiskOnly: 500,
  maxHits: 1_000,
};

describe('AppHeader', () => {
  it('shows the counts, including hits only on disk', () => {
    const view = renderApp(<AppHeader />);
    act(() => view.store.getState().setSummary(summary));
    const counts = screen.getByTestId('summary-counts');
    expect(counts.querySelector('[data-count="hits"] dd')?.textContent).toBe('1,500');
    expect(counts.querySelector('[data-count="on-disk"] dd')?.textContent).toBe('500');
  });

  it('marks the counts as counted so far while the data file is read back', () => {
    const view = renderApp(<AppHeader />);
    act(() =>
      view.store.getState().setSummary({ ...summary, readBack: { bytesRead: 5, bytes: 10 } }),
    );
    const counts = screen.getByTestId('summary-counts');
    expect(counts.querySelector('[data-count="hits"] dd')?.textContent).toBe('1,500+');
    expect(counts.getAttribute('title')).toMatch(/^Counted so far/);
    act(() => view.store.getState().setSummary(summary));
    expect(counts.querySelector('[data-count="hits"] dd')?.textContent).toBe('1,500');
  });

  it('names the --max-memory bound and its use where it says hits are only on disk', () => {
    const view = renderApp(<AppHeader />);
    const mib = 1024 * 1024;
    act(() =>
      view.store
        .getState()
        .setSummary({ ...summary, memoryBytes: 63.5 * mib, maxMemoryBytes: 64 * mib }),
    );
    const onDisk = screen.getByTestId('summary-counts').querySelector('[data-count="on-disk"]');
    expect(onDisk?.getAttribute('title')).toBe(
      'Only the newest 1,000 hits (at most 64.0 MB, --max-memory; 63.5 MB in use) stay in memory; the others are in the data file.',
    );
  });

  it('says when the stream is down and when it retries', () => {
    const view = renderApp(<AppHeader />);
    act(() =>
      view.store.getState().setConnection({
        status: 'reconnecting',
        attempt: 2,
        retryAt: Date.now() + 4_000,
        delayMs: 4_000,
        reason: 'connection lost',
      }),
    );
    const status = screen.getByTestId('connection-status');
    expect(status.textContent).toContain('Disconnected — retrying in 4 s');
    expect(screen.getByRole('button', { name: 'Retry now' })).toBeTruthy();
    act(() => view.store.getState().setConnection({ status: 'open', since: Date.now() }));
    expect(status.textContent).toBe('Live');
    act(() => view.store.getState().pause());
    expect(status.textContent).toBe('Paused (still receiving)');
  });

  it('sends a test hit to itself and keeps it in the send history', async () => {
    const history: NewHistoryEntryDto[] = [];
    const view = renderApp(<AppHeader />, {
      server: { details: new Map(), sent: [], calls: [], history },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test hit' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(view.server.sent).toHaveLength(1);
    expect(view.server.sent[0]).toMatchObject({
      target: 'self',
      method: 'GET',
      path: '/matomo.php',
    });
    expect(view.server.sent[0]?.query).toContain('rec=1');
    expect(view.store.getState().toast?.text).toContain('Test hit sent');
    // Recorded as a composer send is: the request as sent, its answer and a summary.
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: 'single', origin: 'composer' });
    expect(history[0]?.request).toEqual(view.server.sent[0]);
    expect(history[0]?.response).toMatchObject({ status: 204 });
    expect(history[0]?.summary).toContain('Hitscope test hit');
    expect(view.store.getState().historyEntries.map((entry) => entry.id)).toEqual(['h1']);
  });

  it('says so when the test hit was sent but the history could not keep it', async () => {
    const view = renderApp(<AppHeader />);
    fireEvent.click(screen.getByRole('button', { name: 'Send a test hit' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(view.server.sent).toHaveLength(1);
    expect(view.store.getState().toast?.text).toContain('not kept in the history');
  });

  it('names the port and the rejected hits in the browser tab title', () => {
    const view = renderApp(<AppHeader />);
    act(() => view.store.getState().setSummary(summary));
    act(() =>
      view.store.getState().setSettings({
        debugMode: 'off',
        sites: [],
        upstreamUrl: '',
        maxHits: 1_000,
        extraTrackingPaths: [],
        limits: { maxBodyBytes: 1, maxBulkEntries: 1, maxUrlLength: 1, maxParamValueLength: 1 },
        dataDir: '/data',
        trackerUrl: 'http://127.0.0.1:8765/matomo.php',
        version: '1',
      }),
    );
    expect(document.title).toBe('Hitscope :8765 — 100 rejected');
    act(() => view.store.getState().setSummary({ ...summary, rejected: 0, hits: 1 }));
    expect(document.title).toBe('Hitscope :8765 — 1 hit');
  });
});
