import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import { toFailedRow } from '../../lib/failed-row';
import { toHitRow } from '../../lib/hit-row';
import { SORT_PREFS_KEY } from '../../store/sort-slice';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { HitsView } from './hits-view';

// jsdom has no layout: give the scroll container a size so the virtualizer renders rows.
stubLayoutSize();
beforeEach(() => localStorage.clear());
afterEach(cleanup);

const hit = (summary: string, idsite: number, extra: Partial<HitDto> = {}) =>
  toHitRow(makeHit({ summary, idsite, params: { idsite: String(idsite), rec: '1' }, ...extra }));

function viewWithSites() {
  const view = renderApp(<HitsView />);
  act(() => {
    view.store.getState().setLoaded(true);
    view.store
      .getState()
      .receiveHits([hit('on 10', 10), hit('on 2', 2), hit('on 7', 7), hit('also on 2', 2)]);
  });
  return view;
}

const header = (name: string) => screen.getByRole('columnheader', { name: new RegExp(`^${name}`) });
const sortButton = (name: string) => within(header(name)).getByRole('button');
const summaries = () =>
  within(screen.getByRole('grid'))
    .getAllByRole('row')
    .filter((row) => row.dataset.hitId)
    .map((row) => within(row).getAllByRole('gridcell')[5]?.textContent);

describe('column sorting', () => {
  it('cycles a header through ascending, descending and arrival order, with aria-sort', () => {
    viewWithSites();
    expect(header('Site').getAttribute('aria-sort')).toBe('none');
    expect(summaries()).toEqual(['also on 2', 'on 7', 'on 2', 'on 10']);

    fireEvent.click(sortButton('Site'));
    expect(header('Site').getAttribute('aria-sort')).toBe('ascending');
    expect(sortButton('Site').textContent).toBe('Site▲');
    // Site 2 twice: the newest of the two on top, as the table shows newest on top.
    expect(summaries()).toEqual(['also on 2', 'on 2', 'on 7', 'on 10']);

    fireEvent.click(sortButton('Site'));
    expect(header('Site').getAttribute('aria-sort')).toBe('descending');
    expect(summaries()).toEqual(['on 10', 'on 7', 'also on 2', 'on 2']);

    fireEvent.click(sortButton('Site'));
    expect(header('Site').getAttribute('aria-sort')).toBe('none');
    expect(sortButton('Site').textContent).toBe('Site');
    expect(summaries()).toEqual(['also on 2', 'on 7', 'on 2', 'on 10']);
    expect(screen.queryByTestId('sort-status')).toBeNull();
  });

  it('adds a second key with Shift+click; only the primary key carries aria-sort', () => {
    const view = renderApp(<HitsView />);
    act(() => {
      view.store.getState().setLoaded(true);
      view.store
        .getState()
        .receiveHits([
          hit('event on 1', 1, { type: 'event' }),
          hit('view on 2', 2),
          hit('view on 1', 1),
        ]);
    });
    fireEvent.click(sortButton('Type'));
    fireEvent.click(sortButton('Site'), { shiftKey: true });
    fireEvent.click(sortButton('Site'), { shiftKey: true });
    expect(view.store.getState().sorting).toEqual([
      { id: 'type', desc: false },
      { id: 'site', desc: true },
    ]);
    expect(header('Type').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Site').getAttribute('aria-sort')).toBe('none');
    expect(sortButton('Site').textContent).toBe('Site▼2');
    expect(summaries()).toEqual(['event on 1', 'view on 2', 'view on 1']);
    expect(screen.getByTestId('sort-status').textContent).toContain(
      'Sorted by Type ▲, then Site ▼',
    );
    // A plain click starts over with that column alone.
    fireEvent.click(sortButton('Summary'));
    expect(view.store.getState().sorting).toEqual([{ id: 'summary', desc: false }]);
    expect(JSON.parse(localStorage.getItem(SORT_PREFS_KEY) ?? '[]')).toEqual([
      { id: 'summary', desc: false },
    ]);
  });

  it('puts streamed hits at their sorted place and suspends following the newest', () => {
    const view = viewWithSites();
    const follow = screen.getByRole('button', { name: 'Follow newest' });
    expect(follow.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(sortButton('Site'));
    expect(follow.hasAttribute('disabled')).toBe(true);
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByTestId('sort-status').textContent).toContain('newest not followed');

    act(() => view.store.getState().receiveHits([hit('new on 5', 5), hit('new on 1', 1)]));
    expect(summaries()).toEqual(['new on 1', 'also on 2', 'on 2', 'new on 5', 'on 7', 'on 10']);

    fireEvent.click(
      within(screen.getByTestId('sort-status')).getByRole('button', { name: 'Clear sort' }),
    );
    expect(view.store.getState().sorting).toEqual([]);
    expect(follow.getAttribute('aria-pressed')).toBe('true');
    expect(summaries()?.[0]).toBe('new on 1');
  });

  it('shows bulk hits flat and hides failed requests while sorted, and brings both back', () => {
    const view = renderApp(<HitsView />);
    const bulk = { requestId: 'bulk-1', batchSize: 2, transport: 'bulk', method: 'POST' } as const;
    act(() => {
      view.store.getState().setLoaded(true);
      view.store
        .getState()
        .receiveHits(
          [hit('bulk on 3', 3, { ...bulk, index: 0 }), hit('bulk on 1', 1, { ...bulk, index: 1 })],
          [],
        );
      view.store.getState().receiveFailed([
        toFailedRow(
          makeRequest({
            id: 'failed-1',
            transport: 'post',
            error: { code: 'limit.body_too_large', message: 'Too large.' },
          }),
        ),
      ]);
    });
    expect(screen.getAllByTestId('bulk-group')).toHaveLength(1);
    expect(screen.getAllByTestId('failed-request')).toHaveLength(1);

    fireEvent.click(sortButton('Site'));
    expect(screen.queryByTestId('bulk-group')).toBeNull();
    expect(screen.queryByTestId('failed-request')).toBeNull();
    expect(summaries()).toEqual(['bulk on 1', 'bulk on 3']);
    const first = screen.getByText('bulk on 1').closest('[role="row"]') as HTMLElement;
    expect(first.textContent).toContain('bulk #2');
    expect(screen.getByTestId('sort-status').textContent).toContain('1 failed request hidden');

    // Sorted by time alone the table keeps its arrival shape: groups and failed requests.
    fireEvent.click(sortButton('Time'));
    expect(screen.getAllByTestId('bulk-group')).toHaveLength(1);
    expect(screen.getAllByTestId('failed-request')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Follow newest' }).hasAttribute('disabled')).toBe(
      false,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Clear sort' }));
    expect(screen.getAllByTestId('bulk-group')).toHaveLength(1);
  });

  it('keeps keys pressed on a header button away from the grid', () => {
    const view = viewWithSites();
    const first = view.store.getState().hits.ids[0] ?? null;
    act(() => view.store.getState().select(first));
    const button = sortButton('Outcome');
    button.focus();
    fireEvent.keyDown(button, { key: 'ArrowDown' });
    fireEvent.keyDown(button, { key: 'Enter' });
    expect(view.store.getState().selectedId).toBe(first);
    expect(document.activeElement).toBe(button);
  });
});
