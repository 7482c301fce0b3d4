// The visit rules of a site profile in Settings: Matomo's defaults until set, validated,
// described by their help, and saved with the profile's other visit settings kept.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SiteProfile } from '../../../shared/matomo/types';
import { makeSite } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { describedBy, makeSettings } from '../../test-support/settings-factory';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

const shop: SiteProfile = makeSite({
  timezone: 'Europe/Paris',
  visitScopedDimensions: [2],
  createNewVisitWhenWebsiteReferrerChanges: true,
});

function open() {
  const server = { details: new Map(), sent: [], calls: [], settingsUpdates: [] as unknown[] };
  const view = renderApp(<SettingsDialog />, { server });
  act(() => {
    view.store.getState().setSettings(makeSettings({ sites: [shop] }));
    view.store.getState().setSettingsOpen(true);
  });
  const rules = screen.getByRole('group', { name: 'Visits of site 1' });
  return { updates: server.settingsUpdates, rules };
}

const save = async () => {
  fireEvent.click(screen.getByRole('button', { name: 'Save' }));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
};

describe('Visit rules in Settings', () => {
  it("shows Matomo's defaults with their config names, and what the profile sets", () => {
    const { rules } = open();
    const length = within(rules).getByLabelText('Visit length (seconds)') as HTMLInputElement;
    expect(length.value).toBe('');
    expect(length.placeholder).toBe('1800');
    expect(describedBy(length)).toContain('1800 (30 min), Matomo’s visit_standard_length');
    const campaign = within(rules).getByLabelText(
      'New visit when the campaign changes',
    ) as HTMLSelectElement;
    expect(campaign.value).toBe('');
    expect(campaign.selectedOptions[0]?.textContent).toBe('Matomo’s default (yes)');
    expect(describedBy(campaign)).toContain('create_new_visit_when_campaign_changes');
    const referrer = within(rules).getByLabelText(
      'New visit when the website referrer changes',
    ) as HTMLSelectElement;
    expect(referrer.value).toBe('on');
    expect(describedBy(referrer)).toContain('create_new_visit_when_website_referrer_changes');
    const zone = within(rules).getByLabelText('Time zone') as HTMLInputElement;
    expect(zone.value).toBe('Europe/Paris');
    expect(zone.placeholder).toBe('UTC');
    expect(describedBy(zone)).toContain('empty: UTC');
    const midnight = within(rules).getByLabelText('New visit at midnight') as HTMLSelectElement;
    expect(midnight.value).toBe('');
    expect(midnight.selectedOptions[0]?.textContent).toBe('Matomo’s default (yes)');
    expect(describedBy(midnight)).toContain('create_new_visit_after_midnight');
    const userId = within(rules).getByLabelText(
      'User id becomes the visitor id',
    ) as HTMLSelectElement;
    expect(userId.value).toBe('');
    expect(describedBy(userId)).toContain('enable_userid_overwrites_visitorid');
  });

  it('refuses a time zone this computer does not know, at once and on save', async () => {
    const { rules, updates } = open();
    const zone = within(rules).getByLabelText('Time zone');
    fireEvent.change(zone, { target: { value: 'Europe/Atlantis' } });
    expect(zone.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(zone)).toContain('A time zone such as Europe/Paris, or UTC');
    await save();
    expect(screen.getByRole('alert').textContent).toContain(
      'Shop: time zone "Europe/Atlantis" is not one this computer knows.',
    );
    expect(updates).toEqual([]);
    fireEvent.change(zone, { target: { value: 'UTC+5.5' } });
    expect(zone.getAttribute('aria-invalid')).toBeNull();
  });

  it('saves the time zone, midnight and user id rules', async () => {
    const { rules, updates } = open();
    fireEvent.change(within(rules).getByLabelText('Time zone'), {
      target: { value: ' America/New_York ' },
    });
    fireEvent.change(within(rules).getByLabelText('New visit at midnight'), {
      target: { value: 'off' },
    });
    fireEvent.change(within(rules).getByLabelText('User id becomes the visitor id'), {
      target: { value: 'off' },
    });
    await save();
    expect(updates).toHaveLength(1);
    expect((updates[0] as { sites: SiteProfile[] }).sites[0]).toMatchObject({
      timezone: 'America/New_York',
      createNewVisitAfterMidnight: false,
      enableUserIdOverwritesVisitorId: false,
    });
  });

  it('leaves the time zone to Matomo’s default when emptied', async () => {
    const { rules, updates } = open();
    fireEvent.change(within(rules).getByLabelText('Time zone'), { target: { value: '' } });
    await save();
    const [site] = (updates[0] as { sites: SiteProfile[] }).sites;
    expect(site).not.toHaveProperty('timezone');
    expect(site).toMatchObject({ visitScopedDimensions: [2] });
  });

  it('refuses a visit length that is not a whole number of seconds, at once and on save', async () => {
    const { rules, updates } = open();
    const length = within(rules).getByLabelText('Visit length (seconds)');
    fireEvent.change(length, { target: { value: '10.5' } });
    expect(length.getAttribute('aria-invalid')).toBe('true');
    expect(describedBy(length)).toContain('A whole number of seconds, at least 1');
    await save();
    expect(screen.getByRole('alert').textContent).toContain(
      'Shop: visit length "10.5" is not a whole number of seconds (at least 1).',
    );
    expect(updates).toEqual([]);
  });

  it('saves the rules it edits and keeps the profile’s other visit settings', async () => {
    const { rules, updates } = open();
    fireEvent.change(within(rules).getByLabelText('Visit length (seconds)'), {
      target: { value: '600' },
    });
    fireEvent.change(within(rules).getByLabelText('New visit when the campaign changes'), {
      target: { value: 'off' },
    });
    fireEvent.change(within(rules).getByLabelText('New visit when the website referrer changes'), {
      target: { value: '' },
    });
    await save();
    expect(updates).toHaveLength(1);
    const [site] = (updates[0] as { sites: SiteProfile[] }).sites;
    expect(site).toMatchObject({
      visitStandardLength: 600,
      createNewVisitWhenCampaignChanges: false,
      timezone: 'Europe/Paris',
      visitScopedDimensions: [2],
    });
    // Back to Matomo's default: the profile no longer sets it.
    expect(site).not.toHaveProperty('createNewVisitWhenWebsiteReferrerChanges');
  });
});
