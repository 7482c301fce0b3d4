import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeRun as run,
  renderWithRuns,
  runHitRow as hit,
  THREE_EXPECTATIONS_PLAN as PLAN,
} from '../../test-support/run-fixtures';
import { FilterBar } from './filter-bar';

afterEach(cleanup);

const explanation = { explanation: [], problems: [] } as never;

describe('FilterBar run select', () => {
  it("filters by run and shows the checklist of the chosen run's plan", async () => {
    const view = renderWithRuns(
      <FilterBar query={explanation} shown={0} total={0} />,
      [run('r1', PLAN)],
      [
        hit('a.0', 'r1', 'pageview', { action_name: 'Home' }),
        hit('b.0', 'r1', 'event', { e_c: 'Video', e_a: 'play' }),
        hit('c.0', 'r2', 'event', { e_c: 'Video', e_a: 'Play' }),
      ],
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
});
