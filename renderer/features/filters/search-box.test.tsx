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
    fireEvent.keyDown(input, { key: 'ArrowRight' });
    expect(view.store.getState().query).toBe('e_c:Video ');
    // The first Esc closes the open list, the second clears the query.
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(view.store.getState().query).toBe('e_c:Video ');
    fireEvent.keyDown(input, { key: 'Escape' });
    expect(view.store.getState().query).toBe('');
  });

  it('with nothing typed at the caret, Enter accepts no suggestion until one is picked', () => {
    const view = renderApp(<SearchBox />);
    const input = screen.getByRole('combobox', { name: 'Search hits' });
    // The empty box lists the field names as a hint.
    fireEvent.focus(input);
    expect(screen.getAllByRole('option').length).toBeGreaterThan(0);
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(view.store.getState().query).toBe('');
    // After a finished term and its space, as an accepted value leaves it.
    fireEvent.change(input, { target: { value: 'outcome:rejected ', selectionStart: 17 } });
    expect(screen.getAllByRole('option').length).toBeGreaterThan(0);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(view.store.getState().query).toBe('outcome:rejected ');
    // Picked with the arrow keys, a suggestion is taken.
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(view.store.getState().query).toBe('outcome:rejected type:');
  });

  it('leaves Tab to move focus: it accepts nothing and closes the list', () => {
    const view = renderApp(<SearchBox />);
    const input = screen.getByRole('combobox', { name: 'Search hits' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'ty', selectionStart: 2 } });
    expect(screen.getAllByRole('option').length).toBeGreaterThan(0);
    const tab = fireEvent.keyDown(input, { key: 'Tab' });
    // Not cancelled: the browser moves focus as usual.
    expect(tab).toBe(true);
    expect(view.store.getState().query).toBe('ty');
    expect(screen.queryByRole('listbox')).toBeNull();
    const back = fireEvent.keyDown(input, { key: 'Tab', shiftKey: true });
    expect(back).toBe(true);
  });

  it('→ accepts only at the end of the text', () => {
    const view = renderApp(<SearchBox />);
    const input = screen.getByRole<HTMLInputElement>('combobox', { name: 'Search hits' });
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value: 'type:', selectionStart: 5 } });
    input.setSelectionRange(2, 2);
    fireEvent.keyDown(input, { key: 'ArrowRight' });
    expect(view.store.getState().query).toBe('type:');
    input.setSelectionRange(5, 5);
    fireEvent.keyDown(input, { key: 'ArrowRight' });
    expect(view.store.getState().query).not.toBe('type:');
  });
});
