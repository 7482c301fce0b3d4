import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SettingsError, validateSiteProfile, validateSites } from './settings-validation';

describe('site profile validation', () => {
  it('accepts the site search names and the exclusion lists, and leaves them out when absent', () => {
    const profile = validateSiteProfile(
      {
        idsite: 1,
        searchKeywordParams: ['term'],
        searchCategoryParams: ['dept'],
        excludedIps: ['2001:db8::/32', '203.0.113.7'],
        excludedUserAgents: ['/bot/i'],
      },
      'sites[0]',
    );
    expect(profile).toMatchObject({
      siteSearch: true,
      searchKeywordParams: ['term'],
      searchCategoryParams: ['dept'],
      excludedIps: ['2001:db8::/32', '203.0.113.7'],
      excludedUserAgents: ['/bot/i'],
    });
    expect(validateSiteProfile({ idsite: 2 }, 'sites[1]')).not.toHaveProperty('excludedIps');
  });

  it('names the field and the value of a bad entry', () => {
    const bad = (field: string, value: unknown) => () =>
      validateSiteProfile({ idsite: 1, [field]: value }, 'sites[0]');
    expect(bad('excludedIps', ['300.1.1.1'])).toThrow(SettingsError);
    expect(bad('excludedIps', ['300.1.1.1'])).toThrow('excluded IP "300.1.1.1"');
    expect(bad('searchKeywordParams', ['a,b'])).toThrow('contains a comma');
    expect(bad('excludedUserAgents', 'curl')).toThrow('sites[0].excludedUserAgents must be a list');
  });

  it('accepts goal definitions and campaign parameter names, and refuses a goal Matomo would refuse', () => {
    const goal = {
      idgoal: 3,
      name: 'Thanks',
      matchAttribute: 'url',
      pattern: '/thanks',
      patternType: 'contains',
    };
    const profile = validateSiteProfile(
      {
        idsite: 1,
        goalDefinitions: [goal],
        campaignNameParams: ['src'],
        campaignKeywordParams: ['kw'],
      },
      'sites[0]',
    );
    expect(profile.goalDefinitions).toEqual([goal]);
    expect(profile.campaignNameParams).toEqual(['src']);
    const bad = (goals: unknown) => () =>
      validateSiteProfile({ idsite: 1, goalDefinitions: goals }, 'sites[0]');
    expect(bad([{ ...goal, patternType: 'exact' }])).toThrow(
      'must be a whole URL starting with http',
    );
    expect(bad([{ ...goal, color: 'red' }])).toThrow(
      'sites[0].goalDefinitions[0] has an unknown field "color"',
    );
    expect(bad([{ ...goal, idgoal: '3' }])).toThrow(
      'sites[0].goalDefinitions[0].idgoal must be a number',
    );
    expect(bad({})).toThrow('sites[0].goalDefinitions must be a list of goals.');
    expect(() => validateSiteProfile({ idsite: 1, campaignNameParams: ['a b'] }, 's')).toThrow(
      'campaign name parameter "a b" contains whitespace',
    );
  });

  it("accepts the README's visit rules example as it is written", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Visit rules'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const [site] = validateSites(JSON.parse(json));
    expect(site).toMatchObject({
      visitStandardLength: 600,
      createNewVisitWhenWebsiteReferrerChanges: true,
    });
  });

  it("accepts the README's goal example as it is written", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Goals and campaigns'));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const [site] = validateSites(JSON.parse(json));
    expect(site?.goalDefinitions?.map((goal) => goal.matchAttribute)).toEqual([
      'url',
      'event_action',
      'visit_duration',
      'manually',
    ]);
  });
});
