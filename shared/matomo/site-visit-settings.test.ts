import { describe, expect, it } from 'vitest';
import { validateSiteProfile } from '../../electron/server/settings-validation';
import {
  MATOMO_VISIT_DEFAULTS,
  resolveVisitSettings,
  visitSettingsProblems,
} from './site-visit-settings';

describe('visit settings of a site profile', () => {
  it("default to Matomo's configuration", () => {
    expect(resolveVisitSettings(undefined)).toEqual(MATOMO_VISIT_DEFAULTS);
    expect(resolveVisitSettings({ visitStandardLength: 600 })).toMatchObject({
      timezone: 'UTC',
      visitStandardLength: 600,
      createNewVisitWhenCampaignChanges: true,
      createNewVisitWhenWebsiteReferrerChanges: false,
      createNewVisitAfterMidnight: true,
      enableUserIdOverwritesVisitorId: true,
    });
  });

  it('are validated with the field and the value named', () => {
    expect(visitSettingsProblems({ timezone: 'Mars/Olympus' }, 'sites[0]')).toEqual([
      'sites[0].timezone must be a time zone such as "Europe/Paris" or "UTC+2", got "Mars/Olympus".',
    ]);
    expect(visitSettingsProblems({ timezone: 'UTC+5.5' }, 's')).toEqual([]);
    expect(visitSettingsProblems({ timezone: 'Asia/Tokyo' }, 's')).toEqual([]);
    expect(visitSettingsProblems({ visitStandardLength: 0 }, 's')[0]).toMatch(
      /visitStandardLength/,
    );
    expect(visitSettingsProblems({ createNewVisitAfterMidnight: 'yes' }, 's')[0]).toMatch(
      /true or false/,
    );
    expect(visitSettingsProblems({ visitScopedDimensions: [0] }, 's')[0]).toMatch(/dimension ids/);
  });

  it('are kept by the profile validation, and a bad one refused', () => {
    const profile = validateSiteProfile(
      { idsite: 1, timezone: 'Europe/Paris', visitStandardLength: 900, visitScopedDimensions: [2] },
      'sites[0]',
    );
    expect(profile).toMatchObject({
      timezone: 'Europe/Paris',
      visitStandardLength: 900,
      visitScopedDimensions: [2],
    });
    expect(() => validateSiteProfile({ idsite: 1, timezone: 'nowhere' }, 'sites[0]')).toThrow(
      /sites\[0\]\.timezone/,
    );
  });
});
