import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHitRow } from '../../lib/hit-row';
import { COLUMN_PREFS_KEY } from '../../lib/column-prefs';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { toRequestInfo } from '../../store/hits-slice';
import type { RequestRecordDto } from '../../../shared/api/types';
import { HitsView } from './hits-view';

// jsdom has no layout: give the scroll container a size so the virtualizer renders rows.
stubLayoutSize();
beforeEach(() => localStorage.clear());
afterEach(cleanup);

function loadedView(rows = 3) {
  const view = renderApp(<HitsView />);
  act(() => {
    view.store.getState().setLoaded(true);
    view.store.getState().receiveHits(
      Array.from({ length: rows }, (_, i) =>
        toHitRow(
          makeHit({
            summary: `Page ${i}`,
            params: { idsite: '1', rec: '1', url: `https://a.example/p${i}` },
          }),
        ),
      ),
    );
  });
  return view;
}

describe('HitsView', () => {
  it('shows the empty state with the tracker snippet before the first hit', () => {
    const view = renderApp(<HitsView />);
    act(() => view.store.getState().setLoaded(true));
    expect(screen.getByTestId('empty-state')?.textContent).toContain('_paq');
  });

  it('marks imported hits, which source:import selects', () => {
    const view = renderApp(<HitsView />);
    act(() => {
      view.store.getState().setLoaded(true);
      view.store
        .getState()
        .receiveHits([
          toHitRow(makeHit({ summary: 'From the tracker' })),
          toHitRow(makeHit({ summary: 'From a file', imported: true })),
        ]);
    });
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    const rowOf = (text: string) =>
      within(grid)
        .getAllByRole('row')
        .find((row) => row.textContent?.includes(text))!;
    expect(within(rowOf('From a file')).getByText('imported')).toBeTruthy();
    expect(within(rowOf('From the tracker')).queryByText('imported')).toBeNull();
    act(() => view.store.getState().setQuery('source:import'));
    const shown = within(grid)
      .getAllByRole('row')
      .map((row) => row.textContent ?? '');
    expect(shown.some((text) => text.includes('From a file'))).toBe(true);
    expect(shown.some((text) => text.includes('From the tracker'))).toBe(false);
  });

  it('renders hits as an ARIA grid, newest first, with every column', () => {
    loadedView(3);
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual([
      'Time',
      'Transport',
      'Type',
      'Outcome',
      'Site',
      'Summary',
      'URL path',
      'Visitor',
      // The column menu, a header cell of its own.
      '⋮',
    ]);
    const rows = within(grid)
      .getAllByRole('row')
      .filter((row) => row.dataset.hitId);
    expect(rows.map((row) => within(row).getAllByRole('gridcell')[5]?.textContent)).toEqual([
      'Page 2',
      'Page 1',
      'Page 0',
    ]);
    expect(rows[0]?.textContent).toContain('/p2');
    expect(rows[0]?.textContent).toContain('recorded');
  });

  it('selects with click, extends with Shift and Ctrl, and moves with the arrow keys', () => {
    const { store } = loadedView(4);
    const grid = screen.getByRole('grid');
    const row = (summary: string) =>
      screen.getByText(summary).closest('[role="row"]') as HTMLElement;
    fireEvent.click(row('Page 3'));
    expect(store.getState().selectedId).toBe(row('Page 3').dataset.hitId);
    fireEvent.click(row('Page 1'), { shiftKey: true });
    expect(store.getState().selectedIds).toHaveLength(3);
    fireEvent.click(row('Page 0'), { ctrlKey: true });
    expect(store.getState().selectedIds).toHaveLength(4);
    expect(screen.getByText('4 hits selected')).toBeTruthy();
    fireEvent.click(row('Page 3'));
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(store.getState().selectedId).toBe(row('Page 2').dataset.hitId);
    expect(row('Page 2').getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(store.getState().selectedIds).toEqual([]);
  });

  it('Escape in the inspector gives the focus back to the table, the hit still selected', () => {
    const { store } = loadedView(2);
    fireEvent.click(screen.getByText('Page 1').closest('[role="row"]')!);
    const selected = store.getState().selectedId;
    const inspector = screen.getByTestId('hit-inspector');
    inspector.focus();
    fireEvent.keyDown(inspector, { key: 'Escape' });
    expect(document.activeElement).toBe(screen.getByTestId('hits-grid'));
    expect(store.getState().selectedId).toBe(selected);
  });

  it('groups a bulk request with its answer and collapses it', () => {
    const view = renderApp(<HitsView />);
    const request = makeRequest({ id: 'bulk-1' });
    act(() => {
      view.store.getState().setLoaded(true);
      view.store.getState().receiveHits(
        [0, 1].map((index) =>
          toHitRow(
            makeHit({
              requestId: 'bulk-1',
              index,
              batchSize: 2,
              transport: 'bulk',
              method: 'POST',
              summary: `Bulk ${index}`,
            }),
          ),
        ),
        [toRequestInfo(request)],
      );
    });
    const group = screen.getByTestId('bulk-group');
    expect(group?.textContent).toContain('2 hits');
    expect(group?.textContent).toContain('{"status":"success","tracked":2,"invalid":0}');
    expect(screen.getByText('Bulk 1').closest('[role="row"]')?.textContent).toContain('bulk #2');
    fireEvent.click(within(group).getByRole('button', { name: /^Collapse bulk request of / }));
    expect(screen.queryByText('Bulk 1')).toBeNull();
    expect(
      within(group)
        .getByRole('button', { name: /^Expand bulk request of / })
        .getAttribute('aria-expanded'),
    ).toBe('false');
  });

  it('names the toggle of each bulk request by its time, so two read apart', () => {
    const view = renderApp(<HitsView />);
    act(() => {
      view.store.getState().setLoaded(true);
      view.store.getState().receiveHits(
        ['bulk-a', 'bulk-b'].map((requestId) =>
          toHitRow(makeHit({ requestId, index: 0, batchSize: 1, transport: 'bulk' })),
        ),
        ['bulk-a', 'bulk-b'].map((id) => toRequestInfo(makeRequest({ id }))),
      );
    });
    const names = screen
      .getAllByTestId('bulk-group')
      .map((group) => within(group).getByRole('button').getAttribute('aria-label'));
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^Collapse bulk request of \d\d:\d\d:\d\d\.\d{3}$/);
    expect(names[0]).not.toBe(names[1]);
  });

  it('filters with the query, explains it and highlights matches', () => {
    const view = loadedView(3);
    act(() => view.store.getState().setQuery('"page 1"'));
    expect(screen.getByTestId('row-count')?.textContent).toContain('1 of 3 hits');
    expect(screen.getByTestId('query-explanation')?.textContent).toContain(
      'Showing 1 of 3 hits where text contains "page 1"',
    );
    expect(document.querySelector('mark.hl')?.textContent).toBe('Page 1');
  });

  it('pauses, counts new hits and shows them on resume', () => {
    const view = loadedView(1);
    fireEvent.click(screen.getByTestId('pause'));
    act(() => view.store.getState().receiveHits([toHitRow(makeHit()), toHitRow(makeHit())]));
    expect(screen.getByTestId('resume')?.textContent).toContain('Resume · 2 new');
    expect(screen.getByTestId('row-count')?.textContent).toContain('1 hit');
    fireEvent.click(screen.getByTestId('resume'));
    expect(screen.getByTestId('row-count')?.textContent).toContain('3 hits');
  });

  it('hides a column from the column menu and remembers it', () => {
    loadedView(1);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    const menu = screen.getByRole('menu', { name: 'Columns' });
    fireEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Visitor' }));
    expect(screen.queryByRole('columnheader', { name: 'Visitor' })).toBeNull();
    fireEvent.click(within(menu).getByRole('button', { name: 'Move Outcome right' }));
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers.slice(2, 5)).toEqual(['Type', 'Site', 'Outcome']);
    const saved = JSON.parse(localStorage.getItem(COLUMN_PREFS_KEY) ?? '{}');
    expect(saved.columnVisibility).toEqual({ status: false, visitor: false });
    expect(saved.columnOrder.indexOf('site')).toBeLessThan(saved.columnOrder.indexOf('outcome'));
  });

  it('closes the column menu on Escape and on a press outside it', () => {
    loadedView(1);
    const button = screen.getByRole('button', { name: 'Columns' });
    fireEvent.click(button);
    const menu = screen.getByRole('menu', { name: 'Columns' });
    fireEvent.keyDown(within(menu).getByRole('menuitemcheckbox', { name: 'Visitor' }), {
      key: 'Escape',
    });
    expect(screen.queryByRole('menu', { name: 'Columns' })).toBeNull();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole('menu', { name: 'Columns' })).toBeNull();
  });
});

describe('HitsView under a search with a mistake', () => {
  it('shows no hits and the mistake, not every hit', () => {
    const view = loadedView(3);
    act(() => view.store.getState().setQuery('type:banana'));
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    expect(
      within(grid)
        .queryAllByRole('row')
        .filter((row) => row.dataset.hitId),
    ).toHaveLength(0);
    const explanation = screen.getByTestId('query-explanation');
    expect(explanation.textContent).toContain('Showing no hits');
    expect(explanation.textContent).toContain('type: "banana" is not one of');
  });

  it('shows the hits matching either side of OR', () => {
    const view = loadedView(3);
    act(() => view.store.getState().setQuery('"Page 0" OR "Page 2"'));
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    expect(
      within(grid)
        .queryAllByRole('row')
        .filter((row) => row.dataset.hitId),
    ).toHaveLength(2);
  });
});

describe('HitsView cells that do not fit', () => {
  it('end in an ellipsis with the whole text on hover, the bulk answer included', () => {
    const view = renderApp(<HitsView />);
    const request = makeRequest({ id: 'bulk-9' });
    act(() => {
      view.store.getState().setLoaded(true);
      view.store.getState().receiveHits(
        [
          toHitRow(
            makeHit({
              requestId: 'bulk-9',
              index: 9,
              batchSize: 12,
              transport: 'bulk',
              method: 'POST',
              type: 'content_impression',
              summary: 'Summer banner',
            }),
          ),
        ],
        [toRequestInfo(request)],
      );
    });
    const grid = screen.getByRole('grid', { name: 'Captured hits' });
    const label = within(grid).getByText('Content impression');
    expect(label.className).toContain('cell-text');
    expect(label.closest('[title]')?.getAttribute('title')).toBe('Content impression');
    // A bulk entry's place fits the narrow Transport column; the hover says of how many.
    expect(within(grid).getByText('bulk #10').getAttribute('title')).toBe('bulk 10 of 12');
    // Times are local; the hover gives the UTC offset and the UTC time.
    const time = grid.querySelector('[role="gridcell"].col-time [title]');
    expect(time?.getAttribute('title')).toMatch(/ local \(UTC[+-]\d\d:\d\d\) · .* UTC$/);
    const answer = within(screen.getByTestId('bulk-group')).getByText(/^→ /);
    expect(answer.getAttribute('title')).toContain(answer.textContent?.slice(2) ?? '?');
  });
});

/** The table with one hit of bulk `request` (of `batchSize` hits); its row. */
function bulkRow(request: RequestRecordDto, batchSize: number): HTMLElement {
  const view = renderApp(<HitsView />, {
    server: { details: new Map(), sent: [], calls: [], requests: new Map([[request.id, request]]) },
  });
  const hit = makeHit({ requestId: request.id, transport: 'bulk', method: 'POST', batchSize });
  act(() => {
    view.store.getState().setLoaded(true);
    view.store.getState().receiveHits([toHitRow(hit)], [toRequestInfo(request)]);
  });
  return screen.getByTestId('bulk-group');
}

describe('HitsView bulk request row', () => {
  it('says how many entries were dropped and opens the HTTP request when selected', async () => {
    const dropped = {
      code: 'bulk.entry_dropped',
      severity: 'warning' as const,
      param: 'requests',
      message: 'Bulk item 2 ("x") has no query part after "?", so Matomo drops it.',
    };
    const request = {
      ...makeRequest({ id: 'bulk-7', transport: 'bulk' }),
      issues: [dropped],
      hitIds: ['bulk-7.0'],
    };
    const group = bulkRow(request, 1);
    expect(group.textContent).toContain('1 entry dropped');
    fireEvent.click(group);
    expect(group.getAttribute('aria-selected')).toBe('true');
    const verdict = await screen.findByTestId('request-verdict');
    expect(verdict.textContent).toContain('Bulk request carrying 1 hit');
    expect(verdict.textContent).toContain('bulk.entry_dropped');
    // Its hits stay shown: the row's toggle button shows or hides them.
    expect(within(group).getByRole('button', { name: /^Collapse bulk request of / })).toBeTruthy();
  });

  it('counts the dropped entries a closing issue stands for', () => {
    const issue = (message: string, more?: number) => ({
      code: 'bulk.entry_dropped',
      severity: 'warning' as const,
      param: 'requests',
      message,
      ...(more === undefined ? {} : { more }),
    });
    const request = {
      ...makeRequest({ id: 'bulk-9', transport: 'bulk' }),
      issues: [issue('Bulk item 1 ("x") has no query part.'), issue('… and 4,999 more', 4_999)],
      hitIds: ['bulk-9.0'],
    };
    expect(bulkRow(request, 1).textContent).toContain('5,000 entries dropped');
  });

  it('counts the hits its line in the data file lost instead of offering them', async () => {
    const request = {
      ...makeRequest({ id: 'bulk-8', transport: 'bulk' }),
      hitIds: ['bulk-8.0'],
      lostHitIds: ['bulk-8.1', 'bulk-8.2'],
    };
    const group = bulkRow(request, 3);
    expect(group.textContent).toMatch(/· 1 hit(?!s)/);
    expect(group.textContent).not.toContain('1 of 3 hits shown');
    expect(group.textContent).toContain('2 hits could not be read');
    fireEvent.click(group);
    const verdict = await screen.findByTestId('request-verdict');
    expect(verdict.textContent).toContain('Bulk request carrying 3 hits');
    expect(screen.getByTestId('request-lost-hits').textContent).toContain(
      '2 hits of this request could not be read',
    );
  });
});
