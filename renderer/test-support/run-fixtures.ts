// A run with a tracking plan and table rows that belong to runs, for the tests of the plan
// panel and of the filter bar that shows it.
import { act } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { RunDto } from '../../shared/api/types';
import { toHitRow } from '../lib/hit-row';
import { makeHit } from './hit-factory';
import { renderApp } from './render-app';

/** Three expectations: a page view once, an event at least once, a forbidden event. */
export const THREE_EXPECTATIONS_PLAN = [
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

export function makeRun(id: string, plan?: string): RunDto {
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

/** A table row of site 1 that joined run `runId`. */
export function runHitRow(
  id: string,
  runId: string,
  type: 'pageview' | 'event',
  params: Record<string, string>,
) {
  return toHitRow(
    makeHit({ id, requestId: id, run: runId, type, params: { idsite: '1', ...params } }),
  );
}

/** Renders `ui` against a server that knows `runs`, then lets `rows` arrive in the table. */
export function renderWithRuns(
  ui: ReactElement,
  runs: RunDto[],
  rows: ReturnType<typeof runHitRow>[],
) {
  const view = renderApp(ui, {
    server: {
      details: new Map(),
      sent: [],
      calls: [],
      runs: new Map(runs.map((run) => [run.id, run])),
    },
  });
  act(() => view.store.getState().receiveHits(rows));
  return view;
}
