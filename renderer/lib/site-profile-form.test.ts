// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyGoalDraft, withAttribute } from './goal-definition-form';
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

describe('goal definitions and campaign parameters in the form', () => {
  it('round-trips goal rules and campaign names, and leaves them out when empty', () => {
    const site = {
      idsite: 4,
      name: 'Shop',
      urls: [],
      goals: [9],
      goalDefinitions: [
        {
          idgoal: 1,
          name: 'Order',
          matchAttribute: 'url' as const,
          pattern: '/checkout/success',
          patternType: 'contains' as const,
          caseSensitive: true,
          revenue: 12.5,
        },
        {
          idgoal: 2,
          name: 'Long visit',
          matchAttribute: 'visit_duration' as const,
          pattern: '5',
          patternType: 'greater_than' as const,
          allowMultiple: true,
        },
      ],
      dimensions: [],
      siteSearch: true,
      campaignNameParams: ['src'],
      campaignKeywordParams: ['kw'],
      tokens: [],
    };
    expect(fromDrafts([toDraft(site)])).toEqual({ sites: [site], errors: [] });
    const plain = fromDrafts([emptyDraft([])]).sites[0];
    expect(plain).not.toHaveProperty('goalDefinitions');
    expect(plain).not.toHaveProperty('campaignNameParams');
  });

  it('reports a goal Matomo would refuse, naming the site and the goal', () => {
    const draft = emptyDraft([]);
    const goal = {
      ...emptyGoalDraft([], [1]),
      name: 'Thanks',
      patternType: 'exact' as const,
      pattern: '/thanks',
    };
    expect(goal.idgoal).toBe('2');
    const { errors } = fromDrafts([{ ...draft, name: 'Shop', goalDefinitions: [goal] }]);
    expect(errors).toEqual([
      'Shop: goal 2 (Thanks): an exact url pattern must be a whole URL starting with http:// or https://, got "/thanks".',
    ]);
    expect(withAttribute(goal, 'visit_duration').patternType).toBe('greater_than');
    expect(withAttribute(withAttribute(goal, 'visit_duration'), 'title').patternType).toBe(
      'contains',
    );
  });
});
