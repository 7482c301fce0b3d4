import { describe, expect, it } from 'vitest';
import { visitRulesKey, visitRulesOf } from './visit-rules';

describe('visit rules of a site', () => {
  it("are Matomo's defaults without a profile, and say which ones a profile sets", () => {
    expect(visitRulesOf(undefined)).toMatchObject({
      visitStandardLength: 1800,
      createNewVisitWhenCampaignChanges: true,
      createNewVisitWhenWebsiteReferrerChanges: false,
      fromProfile: [],
    });
    const rules = visitRulesOf({
      visitStandardLength: 600,
      createNewVisitWhenCampaignChanges: false,
    });
    expect(rules).toMatchObject({
      visitStandardLength: 600,
      createNewVisitWhenCampaignChanges: false,
    });
    expect(rules.fromProfile).toEqual(['visitStandardLength', 'createNewVisitWhenCampaignChanges']);
  });

  it('change their key when a setting, the URLs or the campaign parameters change, not otherwise', () => {
    const base = { idsite: 1, urls: ['https://shop.example'] };
    const key = visitRulesKey([base]);
    expect(visitRulesKey([{ ...base }])).toBe(key);
    // Setting Matomo's default explicitly forms the same visits.
    expect(visitRulesKey([{ ...base, visitStandardLength: 1800 }])).toBe(key);
    expect(visitRulesKey([{ ...base, visitStandardLength: 600 }])).not.toBe(key);
    expect(visitRulesKey([{ ...base, createNewVisitWhenWebsiteReferrerChanges: true }])).not.toBe(
      key,
    );
    expect(visitRulesKey([{ ...base, urls: ['https://other.example'] }])).not.toBe(key);
    expect(visitRulesKey([{ ...base, campaignNameParams: ['cmp'] }])).not.toBe(key);
    expect(visitRulesKey([{ idsite: 2 }, base])).toBe(visitRulesKey([base, { idsite: 2 }]));
  });
});
