import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MATOMO_VISIT_DEFAULTS } from '../../../shared/matomo/site-visit-settings';
import type { VisitDetailDto, VisitRulesDto } from '../../../shared/visits/types';
import { toHitRow } from '../../lib/hit-row';
import { makeHit, makeSettings, makeSite } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { VisitsView } from './visits-view';

afterEach(cleanup);

const landing = makeHit({
  id: 'h-landing',
  params: {
    idsite: '1',
    url: 'https://shop.example/?mtm_campaign=spring',
    action_name: 'Home',
    _id: 'a1b2c3d4e5f60718',
  },
});
const thanks = makeHit({
  id: 'h-thanks',
  params: {
    idsite: '1',
    url: 'https://shop.example/checkout/success',
    action_name: 'Thanks',
    _id: 'a1b2c3d4e5f60718',
  },
});
const order = makeHit({
  id: 'h-order',
  type: 'ecommerce_order',
  params: { idsite: '1', idgoal: '0', ec_id: 'A1', revenue: '99', _id: 'a1b2c3d4e5f60718' },
});

const visit: VisitDetailDto = {
  id: 'v-h-landing',
  idsite: 1,
  visitorId: 'a1b2c3d4e5f60718',
  identitySource: '_id',
  startedAt: '2026-01-01T12:00:00.000Z',
  lastActionAt: '2026-01-01T12:02:00.000Z',
  endedAt: '2026-01-01T12:02:00.000Z',
  durationSeconds: 121,
  hitIds: ['h-landing', 'h-thanks', 'h-order'],
  actionCount: 3,
  pageviewCount: 2,
  entryUrl: 'https://shop.example/?mtm_campaign=spring',
  exitUrl: 'https://shop.example/checkout/success',
  referrer: { type: 'campaign', name: 'spring', keyword: 'mail' },
  campaign: { name: 'spring', keyword: 'mail' },
  boundary: { code: 'campaign_changed', text: 'new visit: campaign changed from winter to spring' },
  issueCount: 1,
  actions: [
    {
      hitId: 'h-landing',
      type: 'pageview',
      at: '2026-01-01T12:00:00.000Z',
      url: landing.params.url as string,
      title: 'Home',
      timeOnPageMs: 60_000,
    },
    {
      hitId: 'h-thanks',
      type: 'pageview',
      at: '2026-01-01T12:01:00.000Z',
      url: thanks.params.url as string,
      title: 'Thanks',
      timeOnPageMs: 60_000,
    },
    {
      hitId: 'h-order',
      type: 'ecommerce_order',
      at: '2026-01-01T12:02:00.000Z',
      issues: [
        {
          code: 'ec.revenue_mismatch',
          severity: 'warning',
          message: 'revenue 99 is not the items total 90',
          relatedHitId: 'h-thanks',
        },
      ],
    },
  ],
};

function open(visits: VisitDetailDto[] = [visit]) {
  const server = { details: new Map(), sent: [], calls: [] as string[], visits };
  const view = renderApp(<VisitsView />, { server });
  act(() => {
    view.store.getState().setSettings(
      makeSettings([
        makeSite({
          goalDefinitions: [
            {
              idgoal: 1,
              name: 'Order placed',
              matchAttribute: 'url',
              pattern: '/checkout/success',
              patternType: 'contains',
              revenue: 30,
            },
          ],
        }),
      ]),
    );
    view.store.getState().loadHits([landing, thanks, order].map(toHitRow));
  });
  return { ...view, server };
}

const DEFAULT_RULES: VisitRulesDto = {
  ...MATOMO_VISIT_DEFAULTS,
  fromProfile: [],
};

describe('Visits view', () => {
  it('lists visits and shows the newest as a timeline with attribution, goals and findings', async () => {
    open();
    const list = await screen.findByRole('list', { name: 'Visits' });
    expect(within(list).getByRole('button').textContent).toContain(
      'new visit: campaign changed from winter to spring',
    );
    const detail = await screen.findByRole('region', { name: 'Visit' });
    expect(within(detail).getByTestId('visit-attribution').textContent).toBe(
      'Campaign “spring”, keyword “mail”',
    );
    const actions = within(
      within(detail).getByRole('list', { name: 'Actions of the visit' }),
    ).getAllByRole('listitem');
    expect(actions.map((a) => a.dataset.type)).toEqual(['pageview', 'pageview', 'ecommerce_order']);
    expect(actions[0]?.textContent).toContain('entry');
    expect(actions[0]?.textContent).toContain('1 min on page');
    expect(actions[1]?.textContent).toContain('Goal 1 “Order placed” converted');
    expect(actions[1]?.textContent).toContain('exit');
    expect(actions[2]?.textContent).toContain('Order A1, revenue 99');
    expect(actions[2]?.textContent).toContain('revenue 99 is not the items total 90');
  });

  it('says which visit rules formed the visit, and loads the visits again when they change', async () => {
    const { store, server } = open([{ ...visit, rules: DEFAULT_RULES }]);
    const rules = await screen.findByTestId('visit-rules');
    expect(rules.textContent).toContain('visit length 30 min (Matomo’s default)');
    expect(rules.textContent).toContain('new visit when the campaign changes (Matomo’s default)');
    expect(rules.textContent).toContain('same visit when the website referrer changes');
    expect(rules.textContent).toContain('new visit at midnight, UTC');

    // Saved settings with a shorter visit length: the server formed two visits of the hits.
    const split: VisitDetailDto = {
      ...visit,
      id: 'v-h-order',
      hitIds: ['h-order'],
      boundary: { code: 'inactivity', text: 'new visit: 11 min since the last action' },
      rules: { ...DEFAULT_RULES, visitStandardLength: 600, fromProfile: ['visitStandardLength'] },
    };
    // The refresh that follows the loaded hits is over first: only the new rules load again.
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 900));
    });
    server.visits = [split, { ...visit, rules: split.rules }];
    const calls = server.calls.length;
    act(() => {
      store.getState().setSettings(makeSettings([makeSite({ visitStandardLength: 600 })]));
    });
    const list = await screen.findByRole('list', { name: 'Visits' });
    await waitFor(() => expect(within(list).getAllByRole('button')).toHaveLength(2));
    expect(server.calls.slice(calls)).toContain('GET /api/visits');
    expect(within(list).getAllByRole('button')[0]?.textContent).toContain('11 min since');
    await waitFor(() =>
      expect(screen.getByTestId('visit-rules').textContent).toContain(
        'visit length 10 min (site profile)',
      ),
    );
  });

  it('opens a hit of the timeline, or the earlier hit a finding names, in the Hits view', async () => {
    const { store } = open();
    const detail = await screen.findByRole('region', { name: 'Visit' });
    fireEvent.click(within(detail).getByRole('button', { name: 'Inspect the earlier hit' }));
    expect(store.getState().selectedId).toBe('h-thanks');
    expect(store.getState().view).toBe('hits');
  });
});
