// A search over a capture larger than the page says that the server searched every stored hit.
import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { compileQuery } from '../../lib/query/compile-query';
import { renderApp } from '../../test-support/render-app';
import { QueryExplanation } from './query-explanation';

afterEach(cleanup);

const summary = {
  requests: 12,
  hits: 1_500,
  recorded: 1_500,
  excluded: 0,
  rejected: 0,
  bulkRequests: 0,
  failedRequests: 0,
  inMemory: 1_000,
  onDiskOnly: 500,
  maxHits: 1_000,
};

describe('QueryExplanation', () => {
  it('counts the matches among every stored hit when the server searches', () => {
    const view = renderApp(
      <QueryExplanation query={compileQuery('type:event')} shown={3} total={7} matches={7} />,
    );
    act(() => view.store.getState().setSummary(summary));
    const text = screen.getByTestId('query-explanation').textContent;
    expect(text).toContain('7 of 1,500 stored hits match where');
    expect(screen.getByTestId('server-search-note').textContent).toContain(
      'Searched on the server: every stored hit, the data file included',
    );
  });

  it('says the search runs until the server answers', () => {
    const view = renderApp(
      <QueryExplanation query={compileQuery('type:event')} shown={3} total={7} matches={null} />,
    );
    act(() => view.store.getState().setSummary(summary));
    expect(screen.getByTestId('query-explanation').textContent).toContain(
      'Searching all 1,500 stored hits',
    );
  });

  it('counts the rows of the page when it holds every hit', () => {
    const view = renderApp(
      <QueryExplanation query={compileQuery('type:event')} shown={3} total={1_000} />,
    );
    act(() => view.store.getState().setSummary({ ...summary, hits: 1_000, onDiskOnly: 0 }));
    expect(screen.getByTestId('query-explanation').textContent).toContain('Showing 3 of 1,000');
    expect(screen.queryByTestId('server-search-note')).toBeNull();
  });
});
