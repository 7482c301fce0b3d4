import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestRecordDto } from '../../../shared/api/types';
import { toFailedRow } from '../../lib/failed-row';
import { toHitRow } from '../../lib/hit-row';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { SummaryCounts } from '../header/summary-counts';
import { HitsView } from './hits-view';

// jsdom has no layout: give the scroll container a size so the virtualizer renders rows.
stubLayoutSize();
beforeEach(() => localStorage.clear());
afterEach(cleanup);

const MESSAGE =
  'The request body is 11534336 bytes; this server accepts at most 10485760 bytes (limits.maxBodyBytes).';

function failedRecord(receivedAt: string): RequestRecordDto {
  return makeRequest({
    id: 'big-1',
    receivedAt,
    method: 'POST',
    url: '/matomo.php',
    transport: 'post',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'idsite=1&rec=1&token_auth=secret123&x=aaaa',
    bodySize: 11534336,
    bodyTruncated: true,
    error: { code: 'limit.body_too_large', message: MESSAGE },
    issues: [
      {
        code: 'limit.body_too_large',
        severity: 'error',
        message: MESSAGE,
        hint: 'Split the hits into smaller requests.',
      },
    ],
    response: {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      contentType: 'text/plain; charset=utf-8',
      body: `${MESSAGE}\n`,
      bodyKind: 'text',
      durationMs: 2,
    },
  });
}

function viewWithFailed() {
  const [older, newer] = [makeHit({ summary: 'Older' }), makeHit({ summary: 'Newer' })];
  const between = new Date((Date.parse(older!.receivedAt) + Date.parse(newer!.receivedAt)) / 2);
  const record = failedRecord(between.toISOString());
  const view = renderApp(
    <>
      <SummaryCounts />
      <HitsView />
    </>,
    { server: { details: new Map(), sent: [], calls: [], requests: new Map([['big-1', record]]) } },
  );
  act(() => {
    const state = view.store.getState();
    state.setLoaded(true);
    state.setSummary({
      requests: 3,
      hits: 2,
      recorded: 2,
      excluded: 0,
      rejected: 0,
      bulkRequests: 0,
      failedRequests: 1,
      inMemory: 2,
      onDiskOnly: 0,
      maxHits: 100_000,
    });
    state.receiveHits([toHitRow(older!), toHitRow(newer!)]);
    state.receiveFailed([toFailedRow(record)]);
  });
  return view;
}

describe('failed requests in the hits table', () => {
  it('sit between the hits as rows of the grid, not counted as hits', () => {
    viewWithFailed();
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    const rows = within(grid).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.dataset.hitId ?? row.dataset.testid)).toEqual([
      expect.any(String),
      'failed-request',
      expect.any(String),
    ]);
    const failed = rows[1] as HTMLElement;
    expect(within(failed).getAllByRole('gridcell')).toHaveLength(1);
    expect(failed.textContent).toContain('413 failed');
    expect(failed.textContent).toContain('POST /matomo.php');
    expect(failed.textContent).toContain(MESSAGE);
    expect(screen.getByTestId('row-count').textContent).toBe('2 hits');
    expect(screen.getByTestId('failed-count').textContent).toBe('1 failed request');
  });

  it('selecting one shows the error, its hint and the raw request in the inspector', async () => {
    const { store } = viewWithFailed();
    fireEvent.click(screen.getByTestId('failed-request'));
    expect(store.getState().selectedFailedId).toBe('big-1');
    expect(screen.getByTestId('failed-request').getAttribute('aria-selected')).toBe('true');
    const inspector = screen.getByTestId('hit-inspector');
    await waitFor(() => expect(within(inspector).getByTestId('failed-verdict')).toBeTruthy());
    const verdict = within(inspector).getByTestId('failed-verdict');
    expect(verdict.textContent).toContain('Refused before analysis with 413');
    expect(verdict.textContent).toContain(MESSAGE);
    expect(verdict.textContent).toContain('Split the hits into smaller requests.');
    const raw = within(inspector).getByTestId('raw-view');
    expect(raw.textContent).toContain('POST /matomo.php');
    expect(raw.textContent).toContain('11534336 bytes, cut');
    expect(raw.textContent).not.toContain('secret123');
    fireEvent.click(within(inspector).getByRole('button', { name: 'Reveal token' }));
    expect(within(inspector).getByTestId('raw-view').textContent).toContain('secret123');
  });

  it('the arrow keys move onto it; the header count and the chip show only failed requests', () => {
    const { store } = viewWithFailed();
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    fireEvent.click(screen.getByText('Newer'));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedFailedId).toBe('big-1');
    expect(grid.getAttribute('aria-activedescendant')).toBe('failed-row-big-1');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedFailedId).toBeNull();
    expect(store.getState().selectedId).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Show the 1 failed request' }));
    expect(screen.getByRole('button', { name: /^failed/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(
      within(grid)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.dataset.testid),
    ).toEqual(['failed-request']);
    // A hit filter alone hides them: they have no outcome.
    act(() => store.getState().clearFilters());
    act(() => store.getState().toggleOutcome('recorded'));
    expect(screen.queryByTestId('failed-request')).toBeNull();
  });
});
