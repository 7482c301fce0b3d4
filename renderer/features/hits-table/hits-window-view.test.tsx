// The hits view over a window onto the server (store/window-slice.ts): the rows the server
// found, whatever the page holds, and the count of the matches there.
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { windowKey } from '../../api/hit-window';
import { toHitRow } from '../../lib/hit-row';
import { addRows, emptyCollection } from '../../store/hit-collection';
import type { AppStore } from '../../store/app-store';
import { makeHit, makeSummary } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { HitsView } from './hits-view';

stubLayoutSize();
beforeEach(() => localStorage.clear());
afterEach(cleanup);

const row = (summary: string) => toHitRow(makeHit({ summary }));

/** A page holding "In page" hits and a window with `found` for the current search. */
function windowOnto(store: AppStore, found: string[], total: number) {
  const state = store.getState();
  state.setSummary(makeSummary({ hits: 5_000, maxHits: 2 }));
  state.setLoaded(true);
  state.receiveHits([row('In page one'), row('In page two')]);
  state.setHitWindow({
    key: windowKey(store.getState()),
    rows: addRows(emptyCollection(), found.map(row), 100),
    total,
    next: found.length < total ? 'cursor' : null,
    loading: false,
    error: null,
    full: false,
  });
}

const shownRows = () =>
  within(screen.getByRole('grid', { name: 'Captured hits' }))
    .getAllByRole('row')
    .slice(1)
    .map((element) => element.textContent ?? '');

describe('HitsView over a window onto the server', () => {
  it('shows what the server found and how many hits match there', () => {
    const view = renderApp(<HitsView />);
    act(() => view.store.getState().setQuery('checkout'));
    act(() => windowOnto(view.store, ['Checkout old', 'Checkout new'], 340));
    const rows = shownRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('Checkout new');
    expect(rows.join()).not.toContain('In page');
    expect(screen.getByTestId('row-count').textContent).toBe('340 hits match · 2 loaded');
    expect(screen.getByTestId('query-explanation').textContent).toContain(
      '340 of 5,000 stored hits match',
    );
  });

  it('narrows the rows in the page while a new search runs on the server', () => {
    const view = renderApp(<HitsView />);
    act(() => windowOnto(view.store, ['Cart', 'Checkout'], 5_000));
    expect(screen.getByTestId('row-count').textContent).toBe('5,000 hits · 2 loaded');
    act(() => view.store.getState().setQuery('"Cart"'));
    expect(shownRows()).toHaveLength(1);
    expect(shownRows()[0]).toContain('Cart');
    expect(screen.getByTestId('row-count').textContent).toBe('Searching the stored hits…');
  });
});
