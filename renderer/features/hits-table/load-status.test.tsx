import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSummary } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { HitsView } from './hits-view';

afterEach(cleanup);

describe('the load status in the hits toolbar', () => {
  it('says how far the server has read its data file back, and goes when it is done', () => {
    const view = renderApp(<HitsView />);
    act(() =>
      view.store
        .getState()
        .setSummary(
          makeSummary({ hits: 1_200, readBack: { bytesRead: 420_000, bytes: 1_000_000 } }),
        ),
    );
    const status = screen.getByText(/Reading stored hits/);
    expect(status.textContent).toBe('Reading stored hits from disk… 42 %');
    expect(status.getAttribute('title')).toMatch(/^410\.2 KB of 976\.6 KB read; new hits/);
    // The table's own count would read "0 hits" of a capture not yet read.
    expect(screen.queryByTestId('row-count')).toBeNull();

    act(() => view.store.getState().setSummary(makeSummary({ hits: 3_000 })));
    expect(screen.queryByText(/Reading stored hits/)).toBeNull();
    expect(screen.getByTestId('row-count')).toBeTruthy();
  });

  it('then counts the pages of stored hits coming into the window', () => {
    const view = renderApp(<HitsView />);
    act(() => view.store.getState().setLoading({ loaded: 1_000, total: 3_000 }));
    expect(screen.getByText(/Loading stored hits/).textContent).toBe(
      'Loading stored hits… 1,000 of 3,000',
    );
  });
});
