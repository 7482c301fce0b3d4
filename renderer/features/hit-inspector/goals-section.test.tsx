import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/api/settings-rules';
import type { SettingsDto } from '../../../shared/api/types';
import type { SiteProfile } from '../../../shared/matomo/types';
import { compileQuery } from '../../lib/query/compile-query';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

afterEach(cleanup);

const SHOP: SiteProfile = {
  idsite: 1,
  name: 'Shop',
  urls: ['https://shop.example'],
  goals: [],
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
  dimensions: [],
  siteSearch: true,
  tokens: [],
};

const settings = (sites: SiteProfile[]): SettingsDto => ({
  debugMode: 'off',
  sites,
  upstreamUrl: '',
  maxHits: 100_000,
  extraTrackingPaths: [],
  limits: DEFAULT_LIMITS,
  dataDir: '/tmp/x',
  trackerUrl: 'http://127.0.0.1:8765/matomo.php',
  version: '0.1.0',
});

async function inspect(params: Record<string, string>, sites: SiteProfile[], type = 'pageview') {
  const view = renderApp(<HitInspector query={compileQuery('')} />);
  const hit = makeHit({ id: 'h1', params, idsite: 1, type: type as never, outcome: 'recorded' });
  view.server.details.set(hit.id, { hit, request: makeRequest({ method: 'GET' }) });
  act(() => {
    view.store.getState().setSettings(settings(sites));
    view.store.getState().select(hit.id);
  });
  await screen.findByTestId('verdict');
  return within(screen.getByRole('region', { name: 'Goals' }));
}

describe('inspector Goals section', () => {
  it('names the goals a hit converts with their revenue, and the closest one it misses', async () => {
    const goals = await inspect(
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
    const none = await inspect({ idsite: '1', url: 'https://shop.example/' }, []);
    expect(none.getByText(/No site profile for idsite 1/)).toBeTruthy();
    cleanup();
    const bare = await inspect({ idsite: '1', url: 'https://shop.example/' }, [
      { ...SHOP, goalDefinitions: [] },
    ]);
    expect(bare.getByText('Site 1 has no goal rules (Settings → Site profiles).')).toBeTruthy();
  });
});
