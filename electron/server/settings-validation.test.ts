import { describe, expect, it } from 'vitest';
import { SettingsError, validateSiteProfile } from './settings-validation';

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
});
