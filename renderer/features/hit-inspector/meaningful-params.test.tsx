// The "meaningful parameters only" switch folds what the tracker sets by itself (the
// catalogue's trackerSet flag), keeps anything with an issue, and is remembered.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import { compileQuery } from '../../lib/query/compile-query';
import { meaningfulOnlyPref } from '../../lib/meaningful-params';
import { makeHit } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

beforeEach(() => localStorage.clear());
afterEach(cleanup);

const QUERY =
  'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&e_c=Video&e_a=Play&res=1280x800&h=25&m=5&s=9&pdf=1&qt=0&r=123456&uadata=%7B%7D';

// Analysed once: the first analysis loads the device detector.
const analysed = analyzeRequest(
  {
    method: 'GET',
    path: '/matomo.php',
    query: QUERY,
    headers: {},
    body: new Uint8Array(),
  },
  { now: Date.now(), sites: [] },
);
const source = analysed.hits[0]!;

async function open() {
  const view = renderApp(<HitInspector query={compileQuery('')} />);
  const hit = makeHit({
    rawQuery: QUERY,
    decoded: source.decoded,
    params: source.params,
    issues: source.issues,
  });
  view.server.details.set(hit.id, { hit, request: null });
  act(() => view.store.getState().select(hit.id));
  await screen.findByTestId('verdict');
  return view;
}

const shown = (name: string) => document.querySelector(`[data-param="${name}"]`) !== null;

describe('Meaningful parameters only', () => {
  it('folds tracker boilerplate, keeps the page’s values and any parameter with an issue', async () => {
    await open();
    expect(shown('res')).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Meaningful parameters only' }));
    for (const name of ['res', 'm', 's', 'pdf', 'qt', 'r', 'uadata'])
      expect(shown(name)).toBe(false);
    for (const name of ['idsite', 'url', 'e_c', 'e_a']) expect(shown(name)).toBe(true);
    // h=25 is out of range: its issue keeps it in sight.
    expect(shown('h')).toBe(true);
    expect(screen.getByTestId('folded-params').textContent).toContain('res');
    expect(meaningfulOnlyPref.load()).toBe(true);
  });

  it('is remembered for the next hit and the next start', async () => {
    meaningfulOnlyPref.save(true);
    await open();
    expect(
      (screen.getByRole('checkbox', { name: 'Meaningful parameters only' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    expect(shown('res')).toBe(false);
  });
});
