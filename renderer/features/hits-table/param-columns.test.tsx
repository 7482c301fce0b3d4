// Columns for any parameter (added from the column menu or the inspector, remembered,
// removable, sortable) and the HTTP status column.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toHitRow } from '../../lib/hit-row';
import { paramColumnsPref } from '../../lib/param-columns';
import { compileQuery } from '../../lib/query/compile-query';
import { makeHit } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from '../hit-inspector/hit-inspector';
import { HitsView } from './hits-view';

stubLayoutSize();
beforeEach(() => localStorage.clear());
afterEach(cleanup);

// The inspector lists decoded parameters: e_c as Matomo reads it.
const decoded = (value: string) => ({ e_c: { raw: value, value, display: value } });

const HITS = [
  makeHit({
    summary: 'Play',
    params: { idsite: '1', e_c: 'Video', dimension1: 'gold' },
    decoded: decoded('Video') as never,
    status: 200,
  }),
  makeHit({ summary: 'Buy', params: { idsite: '1', e_c: 'Audio' }, status: 400 }),
  makeHit({ summary: 'Home', params: { idsite: '1' }, status: 204 }),
];

function loaded() {
  const view = renderApp(<HitsView />);
  act(() => {
    view.store.getState().setLoaded(true);
    view.store.getState().receiveHits(HITS.map(toHitRow));
  });
  return view;
}

const grid = () => screen.getByRole('grid', { name: 'Captured hits' });
const headers = () =>
  within(grid())
    .getAllByRole('columnheader')
    .map((header) => header.textContent ?? '');
const rowOf = (text: string) =>
  within(grid())
    .getAllByRole('row')
    .find((row) => row.textContent?.includes(text))!;

function openColumnMenu() {
  fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
}

describe('parameter columns', () => {
  it('adds a column for any parameter from the column menu, and remembers it', () => {
    loaded();
    openColumnMenu();
    const field = screen.getByLabelText('Parameter column');
    fireEvent.change(field, { target: { value: 'e_c' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(headers().some((text) => text.includes('e_c'))).toBe(true);
    expect(within(rowOf('Play')).getByText('Video')).toBeTruthy();
    expect(within(rowOf('Buy')).getByText('Audio')).toBeTruthy();
    expect(paramColumnsPref.load()).toEqual(['e_c']);
    // A name that cannot be a parameter is refused with a reason.
    fireEvent.change(field, { target: { value: 'a b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByRole('alert').textContent).toContain('parameter name');
  });

  it('shows remembered columns at start and removes one from the menu', () => {
    paramColumnsPref.save(['dimension1']);
    const view = loaded();
    expect(within(rowOf('Play')).getByText('gold')).toBeTruthy();
    openColumnMenu();
    fireEvent.click(screen.getByRole('button', { name: 'Remove the dimension1 column' }));
    expect(headers().some((text) => text.includes('dimension1'))).toBe(false);
    expect(view.store.getState().paramColumns).toEqual([]);
    expect(paramColumnsPref.load()).toEqual([]);
  });

  it('sorts by a parameter column, hits without the parameter last', () => {
    paramColumnsPref.save(['e_c']);
    loaded();
    fireEvent.click(within(grid()).getByRole('button', { name: 'e_c' }));
    const order = within(grid())
      .getAllByRole('row')
      .map((row) => row.textContent ?? '')
      .filter((text) => /Play|Buy|Home/.test(text))
      .map((text) => /Play|Buy|Home/.exec(text)![0]);
    expect(order).toEqual(['Buy', 'Play', 'Home']);
  });

  it('adds the column from the inspector’s parameter row', async () => {
    const view = renderApp(<HitInspector query={compileQuery('')} />);
    const hit = HITS[0]!;
    view.server.details.set(hit.id, { hit, request: null });
    act(() => view.store.getState().select(hit.id));
    await screen.findByTestId('verdict');
    fireEvent.click(screen.getByRole('button', { name: /Show e_c as a table column/ }));
    expect(view.store.getState().paramColumns).toEqual(['e_c']);
    // The row's button changes when the column list reaches the inspector: a render later.
    fireEvent.click(await screen.findByRole('button', { name: /Remove the e_c column/ }));
    expect(view.store.getState().paramColumns).toEqual([]);
  });
});

describe('HTTP status column', () => {
  it('starts hidden and shows each hit’s answer once turned on', () => {
    loaded();
    expect(headers().some((text) => text.includes('HTTP status'))).toBe(false);
    openColumnMenu();
    fireEvent.click(screen.getByRole('menuitemcheckbox', { name: 'HTTP status' }));
    expect(headers().some((text) => text.includes('HTTP status'))).toBe(true);
    expect(within(rowOf('Buy')).getByText('400')).toBeTruthy();
    expect(within(rowOf('Home')).getByText('204')).toBeTruthy();
  });
});
