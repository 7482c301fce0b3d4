import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunDto } from '../../../shared/api/types';
import { toHitRow } from '../../lib/hit-row';
import { makeHit } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { FilterBar } from '../filters/filter-bar';

afterEach(cleanup);

const PLAN = [
  'expectations:',
  '  - name: Home',
  '    match: { type: pageview, params: { action_name: Home } }',
  '    count: 1',
  '  - name: Video play',
  '    match: { type: event, params: { e_c: Video, e_a: Play } }',
  '  - name: No newsletter',
  '    match: type:event e_c:Newsletter',
  '    count: 0',
].join('\n');

function run(id: string, plan?: string): RunDto {
  return {
    id,
    name: '',
    createdAt: '',
    trackerUrl: '',
    hits: 0,
    recorded: 0,
    excluded: 0,
    rejected: 0,
    withIssues: 0,
    ...(plan ? { plan } : {}),
  };
}

const hit = (
  id: string,
  runId: string,
  type: 'pageview' | 'event',
  params: Record<string, string>,
) => toHitRow(makeHit({ id, requestId: id, run: runId, type, params: { idsite: '1', ...params } }));

const explanation = { explanation: [], problems: [] } as never;

describe('Run filter and Plan panel', () => {
  it('filters by run and checks the run against its plan as hits arrive', async () => {
    const view = renderApp(<FilterBar query={explanation} shown={0} total={0} />, {
      server: { details: new Map(), sent: [], calls: [], runs: new Map([['r1', run('r1', PLAN)]]) },
    });
    act(() =>
      view.store
        .getState()
        .receiveHits([
          hit('a.0', 'r1', 'pageview', { action_name: 'Home' }),
          hit('b.0', 'r1', 'event', { e_c: 'Video', e_a: 'play' }),
          hit('c.0', 'r2', 'event', { e_c: 'Video', e_a: 'Play' }),
        ]),
    );
    const select = screen.getByRole('combobox', { name: 'Run' });
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['All runs', 'Run r2', 'Run r1']);
    fireEvent.change(select, { target: { value: 'r1' } });
    expect(view.store.getState().quick.run).toBe('r1');

    const list = await screen.findByRole('list', { name: 'Expectations of run r1' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.className)).toEqual([
      'plan-item pass',
      'plan-item open',
      'plan-item pass',
    ]);
    // The other run's Play event does not count; the nearest miss of this run is shown.
    expect(items[1]?.textContent).toContain('waiting for hits');
    expect(items[1]?.textContent).toContain('e_a: expected "Play", got "play"');

    act(() =>
      view.store
        .getState()
        .receiveHits([
          hit('d.0', 'r1', 'event', { e_c: 'Video', e_a: 'Play' }),
          hit('e.0', 'r1', 'event', { e_c: 'Newsletter', e_a: 'Sign up' }),
        ]),
    );
    const after = within(list).getAllByRole('listitem');
    expect(after.map((item) => item.className)).toEqual([
      'plan-item pass',
      'plan-item pass',
      'plan-item fail',
    ]);
    expect(
      screen.getByText(/1 of 3 expectations met|2 of 3 expectations met/).textContent,
    ).toContain('failing');
    fireEvent.click(
      within(after[1] as HTMLElement).getByRole('button', { name: 'Show hit 1 of Video play' }),
    );
    expect(view.store.getState().selectedId).toBe('d.0');
  });

  it('shows no panel for a run without a plan', async () => {
    const view = renderApp(<FilterBar query={explanation} shown={0} total={0} />, {
      server: { details: new Map(), sent: [], calls: [], runs: new Map([['r3', run('r3')]]) },
    });
    act(() =>
      view.store.getState().receiveHits([hit('a.0', 'r3', 'pageview', { action_name: 'x' })]),
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Run' }), { target: { value: 'r3' } });
    await act(async () => undefined);
    expect(view.server.calls).toContain('GET /api/runs/r3');
    expect(screen.queryByRole('list', { name: /Expectations/ })).toBeNull();
  });
});
