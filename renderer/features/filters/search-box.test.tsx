import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { toHitRow } from '../../lib/hit-row';
import { makeHit } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { SearchBox } from './search-box';

afterEach(cleanup);

describe('SearchBox', () => {
  it('suggests names and seen values, accepts with Enter, and Esc clears', () => {
    const view = renderApp(<SearchBox />);
    act(() =>
      view.store
        .getState()
        .receiveHits([
          toHitRow(makeHit({ type: 'event', params: { idsite: '1', e_c: 'Video', e_a: 'Play' } })),
        ]),
    );
    const input = screen.getByRole('combobox', { name: 'Search hits' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'e_', selectionStart: 2 } });
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(
      expect.arrayContaining([expect.stringContaining('e_c:')]),
    );
    const names = screen.getAllByRole('option').map((o) => o.textContent ?? '');
    const target = names.findIndex((name) => name.startsWith('e_c:'));
    for (let i = 0; i < target; i++) fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(view.store.getState().query).toBe('e_c:');
    fireEvent.change(input, { target: { value: 'e_c:V', selectionStart: 5 } });
    expect(screen.getByRole('option').textContent).toContain('Video');
    fireEvent.keyDown(input, { key: 'Tab' });
    expect(view.store.getState().query).toBe('e_c:Video ');
    // The first Esc closes the open list, the second clears the query.
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(view.store.getState().query).toBe('e_c:Video ');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(view.store.getState().query).toBe('');
  });
});
