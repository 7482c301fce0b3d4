import { describe, expect, it } from 'vitest';
import type { SiteProfile } from '../../../shared/matomo/types';
import { answerReportingCall, isReportingCall } from './reporting-api';

const shop: SiteProfile = {
  idsite: 3,
  name: 'Shop',
  urls: ['https://www.shop.example', 'https://shop.example.net'],
  goals: [],
  dimensions: [],
  siteSearch: false,
  tokens: ['secret'],
};
const call = (query: string, sites: SiteProfile[] = []) => {
  const answer = answerReportingCall(new URLSearchParams(query), sites);
  return { status: answer.status, json: JSON.parse(answer.body) as unknown };
};

describe('reporting API subset', () => {
  it('recognises module=API calls only', () => {
    expect(isReportingCall(new URLSearchParams('module=API&method=x'))).toBe(true);
    expect(isReportingCall(new URLSearchParams('module=CoreHome'))).toBe(false);
  });

  it('answers getSiteFromId for the default site when no profile is configured', () => {
    const { status, json } = call(
      'module=API&format=json&method=SitesManager.getSiteFromId&idSite=1',
    );
    expect(status).toBe(200);
    expect(json).toMatchObject({ idsite: '1', main_url: 'http://localhost' });
  });

  it('answers from the site profiles, checking tokens listed for a site', () => {
    expect(
      call('method=SitesManager.getSiteFromId&idSite=3&token_auth=secret', [shop]).json,
    ).toMatchObject({
      idsite: '3',
      name: 'Shop',
      main_url: 'https://www.shop.example',
      sitesearch: '0',
    });
    expect(
      call('method=SitesManager.getSiteFromId&idSite=3&token_auth=wrong', [shop]),
    ).toMatchObject({
      status: 401,
      json: { result: 'error' },
    });
    expect(call('method=SitesManager.getSiteFromId&idSite=1', [shop])).toMatchObject({
      status: 400,
      json: { result: 'error', message: expect.stringContaining('idSite "1"') as string },
    });
  });

  it('finds site ids from a URL, ignoring scheme and www', () => {
    const q = (url: string) =>
      call(
        `method=SitesManager.getSitesIdFromSiteUrl&token_auth=secret&url=${encodeURIComponent(url)}`,
        [shop],
      ).json;
    expect(q('http://shop.example/some/page')).toEqual([{ idsite: '3' }]);
    expect(q('shop.example.net')).toEqual([{ idsite: '3' }]);
    expect(q('https://other.example')).toEqual([]);
    expect(call('method=SitesManager.getSitesIdFromSiteUrl&url=anything.example').json).toEqual([
      { idsite: '1' },
    ]);
  });

  it('lists all sites keyed by id', () => {
    expect(call('method=SitesManager.getAllSites&token_auth=secret', [shop]).json).toMatchObject({
      '3': { idsite: '3', main_url: 'https://www.shop.example' },
    });
    expect(call('method=SitesManager.getAllSites').json).toMatchObject({ '1': { idsite: '1' } });
  });

  it('refuses other methods with a JSON error naming the supported ones', () => {
    const { status, json } = call('method=VisitsSummary.get');
    expect(status).toBe(400);
    expect((json as { message: string }).message).toMatch(/getSiteFromId/);
  });
});
