import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeRun as run,
  renderWithRuns,
  runHitRow as hit,
  THREE_EXPECTATIONS_PLAN as PLAN,
} from '../../test-support/run-fixtures';
import { PlanPanel } from './plan-panel';

afterEach(cleanup);

describe('PlanPanel', () => {
  it('checks only the hits of its run, turning items green as they arrive', async () => {
    const view = renderWithRuns(
      <PlanPanel run="r1" />,
      [run('r1', PLAN)],
      [
        hit('a.0', 'r1', 'pageview', { action_name: 'Home' }),
        hit('c.0', 'r2', 'event', { e_c: 'Video', e_a: 'Play' }),
      ],
    );
    const list = await screen.findByRole('list', { name: 'Expectations of run r1' });
    const classes = () =>
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.className);
    // The other run's Play event does not count.
    expect(classes()).toEqual(['plan-item pass', 'plan-item open', 'plan-item pass']);
    act(() =>
      view.store.getState().receiveHits([hit('d.0', 'r1', 'event', { e_c: 'Video', e_a: 'Play' })]),
    );
    expect(classes()).toEqual(['plan-item pass', 'plan-item pass', 'plan-item pass']);
  });

  it('shows no checklist for a run without a plan', async () => {
    const view = renderWithRuns(<PlanPanel run="r3" />, [run('r3')], []);
    await act(async () => undefined);
    expect(view.server.calls).toContain('GET /api/runs/r3');
    expect(screen.queryByRole('list', { name: /Expectations/ })).toBeNull();
  });
});
