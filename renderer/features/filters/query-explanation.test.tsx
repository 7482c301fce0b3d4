// A search over a capture larger than memory says which hits it did not look at.
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
  it('says that hits only in the data file were not searched', () => {
    const view = renderApp(
      <QueryExplanation query={compileQuery('type:event')} shown={3} total={1_000} />,
    );
    act(() => view.store.getState().setSummary(summary));
    const note = screen.getByTestId('disk-only-note');
    expect(note.textContent).toContain('Searched the 1,000 hits in memory');
    expect(note.textContent).toContain('500 older hits are only in the data file');
  });

  it('says nothing of the kind when every hit is in memory', () => {
    const view = renderApp(
      <QueryExplanation query={compileQuery('type:event')} shown={3} total={1_000} />,
    );
    act(() => view.store.getState().setSummary({ ...summary, onDiskOnly: 0 }));
    expect(screen.queryByTestId('disk-only-note')).toBeNull();
  });
});
