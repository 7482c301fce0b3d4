// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyDraft, fromDrafts, toDraft } from './site-profile-form';

describe('site profile form', () => {
  it('round-trips a profile through the text fields', () => {
    const site = {
      idsite: 3,
      name: 'Shop',
      urls: ['https://shop.example'],
      goals: [1, 4],
      dimensions: [2],
      siteSearch: false,
      tokens: ['0123456789abcdef0123456789abcdef'],
    };
    expect(fromDrafts([toDraft(site)])).toEqual({ sites: [site], errors: [] });
  });

  it('names every problem and the profile it is in', () => {
    const a = { ...emptyDraft([]), name: 'A', goals: '1, x', urls: 'shop.example' };
    const b = { ...emptyDraft([]), name: 'B', idsite: a.idsite };
    const { errors } = fromDrafts([a, b]);
    expect(errors).toEqual([
      'A: "shop.example" is not an http(s) URL.',
      'A: goal id "x" is not a positive whole number.',
      `B: idsite ${a.idsite} is used by another profile.`,
    ]);
  });

  it('keeps the site search names and the exclusion lists, and checks them', () => {
    const site = {
      idsite: 2,
      name: 'Blog',
      urls: [],
      goals: [],
      dimensions: [],
      siteSearch: true,
      searchKeywordParams: ['term', 'q'],
      searchCategoryParams: ['dept'],
      excludedIps: ['10.0.0.0/8', '192.168.1.*'],
      excludedUserAgents: ['HeadlessChrome', '/^curl/i'],
      tokens: [],
    };
    expect(fromDrafts([toDraft(site)])).toEqual({ sites: [site], errors: [] });
    const bad = { ...toDraft(site), excludedIps: '10.0.0.0/33\n1.*.3.4' };
    expect(fromDrafts([bad]).errors).toEqual([
      'Blog: excluded IP "10.0.0.0/33" is not an IP address, a CIDR range or an IPv4 address with *.',
      'Blog: excluded IP "1.*.3.4" is not an IP address, a CIDR range or an IPv4 address with *.',
    ]);
    // Empty lists stay out of the profile: Matomo's defaults apply.
    const plain = fromDrafts([{ ...toDraft(site), searchKeywordParams: ' ', excludedIps: '' }]);
    expect(plain.sites[0]).not.toHaveProperty('searchKeywordParams');
    expect(plain.sites[0]).not.toHaveProperty('excludedIps');
  });

  it('picks the next free idsite for a new profile', () => {
    const seven = toDraft({
      idsite: 7,
      name: 'Seven',
      urls: [],
      goals: [],
      dimensions: [],
      siteSearch: true,
      tokens: [],
    });
    expect(emptyDraft([seven]).idsite).toBe('8');
    expect(emptyDraft([]).idsite).toBe('1');
  });
});
