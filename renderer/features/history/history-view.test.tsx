// The history: from the keyboard, Rename starts from the title shown, Enter keeps the focus
// on the row, and a delete moves the focus to the entry now in its place; empty, it says so.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryEntryDto } from '../../../shared/api/types';
import { renderApp } from '../../test-support/render-app';
import { HistoryView } from './history-view';

afterEach(cleanup);

function entry(id: string, summary: string): HistoryEntryDto {
  return {
    id,
    createdAt: '2026-01-01T12:00:00.000Z',
    name: null,
    kind: 'single',
    origin: 'composer',
    summary,
    request: { target: 'self', method: 'GET', path: '/matomo.php', query: 'idsite=1' },
    response: null,
    error: 'refused',
  };
}

async function open() {
  const server = {
    details: new Map(),
    sent: [],
    calls: [],
    historyEntries: [entry('a', 'Page view Home'), entry('b', 'Event Video')],
  };
  const view = renderApp(<HistoryView />, { server });
  await screen.findByRole('listitem', { name: 'Page view Home' });
  return view;
}

const frame = () =>
  act(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  });

describe('HistoryView from the keyboard', () => {
  it('opens Rename with the title and gives the focus back to Rename after Enter', async () => {
    await open();
    const row = screen.getByRole('listitem', { name: 'Page view Home' });
    fireEvent.click(within(row).getByRole('button', { name: 'Rename' }));
    const box = within(row).getByRole<HTMLInputElement>('textbox', { name: 'New name' });
    expect(box.value).toBe('Page view Home');
    fireEvent.change(box, { target: { value: 'Home, first try' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'New name' })).toBeNull());
    await frame();
    expect(document.activeElement?.textContent).toBe('Rename');
    expect(document.activeElement?.closest('li')?.getAttribute('aria-label')).toBe(
      'Home, first try',
    );
  });

  it('moves the focus to the next entry after a delete', async () => {
    await open();
    const row = screen.getByRole('listitem', { name: 'Page view Home' });
    fireEvent.click(within(row).getByRole('button', { name: 'Delete' }));
    fireEvent.click(within(row).getByRole('button', { name: 'Really delete' }));
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: 'Page view Home' })).toBeNull(),
    );
    await frame();
    expect(document.activeElement?.closest('li')?.getAttribute('aria-label')).toBe('Event Video');
  });

  it('shows when it was sent as the table does: local, with UTC offset and UTC on hover', async () => {
    await open();
    const row = screen.getByRole('listitem', { name: 'Page view Home' });
    const time = row.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe('2026-01-01T12:00:00.000Z');
    expect(time?.textContent).not.toContain('T12:00');
    expect(time?.getAttribute('title')).toMatch(/ local \(UTC[+-]\d\d:\d\d\) · .* UTC$/);
  });
});

describe('HistoryView when empty', () => {
  it('says nothing was sent yet and offers the composer', async () => {
    const server = { details: new Map(), sent: [], calls: [], historyEntries: [] };
    const view = renderApp(<HistoryView />, { server });
    const empty = await screen.findByTestId('history-empty');
    expect(within(empty).getByRole('heading').textContent).toBe('Nothing sent yet');
    fireEvent.click(within(empty).getByRole('button', { name: 'Compose a request' }));
    expect(view.store.getState().view).toBe('compose');
  });

  it('says when the filter hides every entry, instead of an empty list', async () => {
    await open();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter history' }), {
      target: { value: 'nothing like it' },
    });
    expect(screen.queryAllByTestId('history-entry')).toHaveLength(0);
    expect(screen.getByText('No sent request matches “nothing like it”.')).toBeTruthy();
    expect(screen.queryByTestId('history-empty')).toBeNull();
  });
});
