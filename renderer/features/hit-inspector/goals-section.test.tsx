import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDto } from '../../../shared/api/types';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { VisitDetailDto } from '../../../shared/visits/types';
import { toHitRow } from '../../lib/hit-row';
import { compileQuery } from '../../lib/query/compile-query';
import { makeHit, makeRequest, makeSettings, makeSite } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

afterEach(cleanup);

const SHOP: SiteProfile = makeSite({
  goalDefinitions: [
    {
      idgoal: 1,
      name: 'Order placed',
      matchAttribute: 'url',
      pattern: '/checkout/success',
      patternType: 'contains',
      caseSensitive: true,
      revenue: 30,
    },
    {
      idgoal: 2,
      name: 'Thanks page',
      matchAttribute: 'title',
      pattern: 'Thanks',
      patternType: 'contains',
    },
  ],
});

async function inspect(
  params: Record<string, string>,
  sites: SiteProfile[],
  visit?: { detail: VisitDetailDto; earlier: HitDto[] },
) {
  const server = { details: new Map(), sent: [], calls: [], visits: visit ? [visit.detail] : [] };
  const view = renderApp(<HitInspector query={compileQuery('')} />, { server });
  // A fresh id each time: the inspector caches hit details by id.
  const hit = makeHit({
    ...(visit ? { id: 'h-in-visit' } : {}),
    params,
    idsite: 1,
    outcome: 'recorded',
  });
  if (visit) hit.visitId = visit.detail.id;
  view.server.details.set(hit.id, { hit, request: makeRequest({ method: 'GET' }) });
  act(() => {
    view.store.getState().setSettings(makeSettings(sites));
    view.store.getState().loadHits([...(visit?.earlier ?? []), hit].map(toHitRow));
    view.store.getState().select(hit.id);
  });
  await screen.findByTestId('verdict');
  return { goals: within(screen.getByRole('region', { name: 'Goals' })), store: view.store };
}

describe('inspector Goals section', () => {
  it('names the goals a hit converts with their revenue, and the closest one it misses', async () => {
    const { goals } = await inspect(
      {
        idsite: '1',
        url: 'https://shop.example/Checkout/Success',
        action_name: 'Thanks!',
        revenue: '12.5',
      },
      [SHOP],
    );
    expect(goals.getByText(/Converts goal 2 “Thanks page”/).closest('li')?.textContent).toContain(
      "revenue 12.50 (the hit's revenue)",
    );
    expect(goals.getByText(/Closest goal not converted/).parentElement?.textContent).toContain(
      'Goal 1 “Order placed”: pattern `/checkout/success` is case-sensitive; the URL is `https://shop.example/Checkout/Success`',
    );
  });

  it('says when the site has no profile or no goal rules', async () => {
    const { goals: none } = await inspect({ idsite: '1', url: 'https://shop.example/' }, []);
    expect(none.getByText(/No site profile for idsite 1/)).toBeTruthy();
    cleanup();
    const { goals: bare } = await inspect({ idsite: '1', url: 'https://shop.example/' }, [
      { ...SHOP, goalDefinitions: [] },
    ]);
    expect(bare.getByText('Site 1 has no goal rules (Settings → Site profiles).')).toBeTruthy();
  });

  it('reads the visit: a goal converted earlier in it, the referrer, and a link to the visit', async () => {
    const earlier = makeHit({
      id: 'h0',
      params: { idsite: '1', url: 'https://shop.example/thanks', action_name: 'Thanks' },
    });
    const detail: VisitDetailDto = {
      id: 'v-h0',
      idsite: 1,
      visitorId: '0123456789abcdef',
      identitySource: '_id',
      startedAt: '2026-01-01T12:00:00.000Z',
      lastActionAt: '2026-01-01T12:01:00.000Z',
      endedAt: '2026-01-01T12:01:00.000Z',
      durationSeconds: 61,
      hitIds: ['h0', 'h-in-visit'],
      actionCount: 2,
      pageviewCount: 2,
      referrer: { type: 'search', name: 'Google', keyword: 'boots' },
      boundary: { code: 'first_hit', text: 'new visit: first hit of this visitor' },
      issueCount: 0,
      actions: [
        { hitId: 'h0', type: 'pageview', at: '2026-01-01T12:00:00.000Z' },
        { hitId: 'h-in-visit', type: 'pageview', at: '2026-01-01T12:01:00.000Z' },
      ],
    };
    const { goals, store } = await inspect(
      { idsite: '1', url: 'https://shop.example/again', action_name: 'Thanks again' },
      [SHOP],
      { detail, earlier: [earlier] },
    );
    await waitFor(() => expect(store.getState().hits.byId.size).toBe(2));
    await waitFor(() =>
      expect(goals.getByText(/Closest goal not converted/).parentElement?.textContent).toContain(
        'Goal 2 “Thanks page”: already converted in this visit and multiple conversions are off',
      ),
    );
    const attribution = within(screen.getByRole('region', { name: 'Visit and attribution' }));
    expect(attribution.getByTestId('visit-referrer').textContent).toBe(
      'Search engine Google, keyword “boots”',
    );
    fireEvent.click(attribution.getByRole('button', { name: 'Open the visit' }));
    expect(store.getState().view).toBe('visits');
    expect(store.getState().selectedVisitId).toBe('v-h0');
  });
});
