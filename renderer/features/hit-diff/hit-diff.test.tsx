import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto, HitDto } from '../../../shared/api/types';
import { makeHit } from '../../test-support/hit-factory';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { CompareSelectedButton } from './compare-button';

afterEach(cleanup);

const detail = (hit: HitDto): HitDetailDto => ({ hit, request: null });

/** A fake server that knows the details of `hits`. */
const serving = (...hits: HitDto[]): FakeServer => ({
  details: new Map(hits.map((hit) => [hit.id, detail(hit)])),
  sent: [],
  calls: [],
});

function twoEvents() {
  const earlier = makeHit({
    id: 'early',
    type: 'event',
    summary: 'Video / Play',
    receivedAt: '2026-01-01T10:00:00.000Z',
    params: {
      idsite: '1',
      e_c: 'Video',
      e_a: 'Play',
      e_n: 'Intro',
      e_v: '25',
      r: '111111',
      pv_id: 'aaaaaa',
    },
  });
  const later = makeHit({
    id: 'late',
    type: 'event',
    summary: 'Video / Play',
    receivedAt: '2026-01-01T10:00:05.000Z',
    outcome: 'rejected',
    issues: [{ code: 'idsite.unknown', severity: 'error', message: 'No such site.' }],
    params: {
      idsite: '1',
      e_c: 'Video',
      e_a: 'Play',
      e_v: '30',
      uid: 'u1',
      r: '222222',
      pv_id: 'bbbbbb',
    },
  });
  return { earlier, later };
}

function open(selected: string[], server: FakeServer) {
  const view = renderApp(<CompareSelectedButton />, { server });
  act(() => view.store.getState().setSelectedIds(selected));
  return view;
}

const rowOf = (name: string) =>
  screen.getByRole('dialog').querySelector<HTMLTableRowElement>(`tr[data-param="${name}"]`);

describe('Compare two selected hits', () => {
  it('is offered for exactly two selected hits', () => {
    const { earlier, later } = twoEvents();
    const server = serving();
    const view = open([earlier.id], server);
    expect(screen.queryByRole('button', { name: 'Compare' })).toBeNull();
    act(() => view.store.getState().setSelectedIds([earlier.id, later.id, 'third']));
    expect(screen.queryByRole('button', { name: 'Compare' })).toBeNull();
    act(() => view.store.getState().setSelectedIds([earlier.id, later.id]));
    expect(screen.getByRole('button', { name: 'Compare' })).toBeTruthy();
  });

  it('matches parameters up, marks added, removed and changed ones, mutes volatile values', async () => {
    const { earlier, later } = twoEvents();
    const server = serving(earlier, later);
    // Selected later first: the earlier hit is still A.
    open([later.id, earlier.id], server);
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    const dialog = screen.getByRole('dialog', { name: 'Compare two hits' });
    expect(await within(dialog).findByTestId('diff-summary')).toBeTruthy();
    expect(within(dialog).getByTestId('diff-summary').textContent).toBe(
      '5 differences: 1 added, 1 removed, 1 changed parameters, outcome and issues.',
    );
    const cells = (name: string) =>
      [...(rowOf(name)?.querySelectorAll('th, td') ?? [])].map((cell) => cell.textContent);
    expect(cells('e_n')).toEqual(['e_n', 'Intro', 'not sent', '− removed']);
    expect(cells('uid')).toEqual(['uid', 'not sent', 'u1', '+ added']);
    expect(cells('e_v')).toEqual(['e_v', '25', '30', '≠ changed']);
    expect(cells('e_c')).toEqual(['e_c', 'Video', 'Video', '']);
    expect(cells('r')).toEqual(['r', '111111', '222222', 'volatile, ignored']);
    expect(rowOf('r')?.className).toBe('diff-ignored');
    expect(rowOf('e_v')?.className).toBe('diff-changed');
    expect(within(dialog).getByText('outcome: "recorded" → "rejected"')).toBeTruthy();
    expect(within(dialog).getByText('issues: added "idsite.unknown"')).toBeTruthy();

    fireEvent.click(within(dialog).getByLabelText(/Show volatile values/));
    expect(rowOf('r')).toBeNull();
    expect(rowOf('pv_id')).toBeNull();
    fireEvent.click(within(dialog).getByLabelText('Only differences'));
    const shown = [...dialog.querySelectorAll('tbody tr')].map((row) =>
      row.getAttribute('data-param'),
    );
    expect(shown).toEqual(['e_n', 'e_v', 'uid']);

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says so when the two hits differ only in volatile values', async () => {
    const a = makeHit({ id: 'a', params: { idsite: '1', action_name: 'Home', r: '1', h: '9' } });
    const b = makeHit({ id: 'b', params: { idsite: '1', action_name: 'Home', r: '2', h: '10' } });
    const server = serving(a, b);
    open([a.id, b.id], server);
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect((await screen.findByTestId('diff-summary')).textContent).toBe(
      'No differences (volatile values ignored).',
    );
  });

  it('names the problem when a hit cannot be read', async () => {
    const a = makeHit({ id: 'a' });
    const server = serving(a);
    open([a.id, 'gone'], server);
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be compared');
  });
});
