import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/api/settings-rules';
import type { SettingsDto } from '../../../shared/api/types';
import { renderApp } from '../../test-support/render-app';
import { makeSettings } from '../../test-support/settings-factory';
import { makeSummary } from '../../test-support/hit-factory';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

const settings: SettingsDto = makeSettings();

function open() {
  const server = { details: new Map(), sent: [], calls: [], settingsUpdates: [] as unknown[] };
  const view = renderApp(<SettingsDialog />, { server });
  act(() => {
    view.store.getState().setSettings(settings);
    view.store.getState().setSettingsOpen(true);
  });
  return { ...view, updates: server.settingsUpdates };
}

describe('SettingsDialog', () => {
  it('shows the data directory and refuses bad input with clear messages', async () => {
    const { updates } = open();
    expect(screen.getByTestId('data-dir').textContent).toBe('/home/ada/.hitscope');
    fireEvent.change(screen.getByLabelText('Hits kept in memory'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site profile' }));
    const profile = screen.getByRole('group', { name: /^Site \d+ profile$/ });
    fireEvent.change(within(profile).getByLabelText('Goal ids'), { target: { value: '1, two' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('at least 100 hits');
    expect(alert.textContent).toContain('goal id "two" is not a positive whole number');
    expect(updates).toEqual([]);
  });

  it('saves debug mode, memory cap and site profiles', async () => {
    const { updates, store } = open();
    fireEvent.change(screen.getByLabelText('Debug mode'), { target: { value: 'on-demand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add site profile' }));
    const profile = screen.getByRole('group', { name: /^Site \d+ profile$/ });
    fireEvent.change(within(profile).getByLabelText('Name'), { target: { value: 'Shop' } });
    fireEvent.change(within(profile).getByLabelText('Goal ids'), { target: { value: '1, 2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(updates).toEqual([
      {
        debugMode: 'on-demand',
        maxHits: 100_000,
        upstreamUrl: '',
        sites: [
          {
            idsite: 1,
            name: 'Shop',
            urls: [],
            goals: [1, 2],
            dimensions: [],
            siteSearch: true,
            tokens: [],
          },
        ],
        limits: DEFAULT_LIMITS,
        extraTrackingPaths: [],
      },
    ]);
    expect(store.getState().settingsOpen).toBe(false);
    expect(store.getState().settings?.debugMode).toBe('on-demand');
  });

  it('edits the limits and extra tracking paths that refusals point at', async () => {
    const { updates, store } = open();
    const limits = screen.getByRole('group', { name: 'Limits' });
    const bulk = within(limits).getByLabelText('Entries per bulk request');
    expect((bulk as HTMLInputElement).value).toBe('10000');
    expect(within(limits).getByText(/limits\.maxBulkEntries/)).toBeTruthy();
    fireEvent.change(bulk, { target: { value: '0' } });
    const paths = within(limits).getByLabelText('Extra tracking paths (one a line)');
    fireEvent.change(paths, { target: { value: 'collect\n/api/x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Entries per bulk request: "0" must be a whole number');
    expect(alert.textContent).toContain('"collect" must start with "/"');
    expect(alert.textContent).toContain('"/api/x" is reserved');
    expect(updates).toEqual([]);

    fireEvent.change(bulk, { target: { value: '500' } });
    fireEvent.change(paths, { target: { value: '/collect\n\n/t.php ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      limits: { ...DEFAULT_LIMITS, maxBulkEntries: 500 },
      extraTrackingPaths: ['/collect', '/t.php'],
    });
    expect(store.getState().settingsOpen).toBe(false);
  });

  it("names Matomo's default parameter lists whole, as the fields' descriptions", () => {
    open();
    fireEvent.click(screen.getByRole('button', { name: 'Add site profile' }));
    const profile = screen.getByRole('group', { name: /^Site \d+ profile$/ });
    const description = (label: string) => {
      const field = within(profile).getByLabelText(label);
      const ids = field.getAttribute('aria-describedby') ?? '';
      return ids
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    };
    expect(description('Search keyword parameters')).toContain(
      'q, query, s, search, searchword, k, keyword, keywords',
    );
    expect(description('Campaign name parameters')).toMatch(/pk_cpn, .*utm_medium\.$/);
    expect(description('Campaign keyword parameters')).toMatch(/pk_kwd, .*utm_term\.$/);
  });

  it('edits goal rules of a site, refuses a bad regex and saves the rules', async () => {
    const { updates } = open();
    fireEvent.click(screen.getByRole('button', { name: 'Add site profile' }));
    const profile = screen.getByRole('group', { name: /^Site \d+ profile$/ });
    fireEvent.click(within(profile).getByRole('button', { name: 'Add goal' }));
    const goal = within(profile).getByRole('group', { name: 'Goal 1' });
    fireEvent.change(within(goal).getByLabelText('Goal name'), { target: { value: 'Order' } });
    fireEvent.change(within(goal).getByLabelText('Pattern type'), { target: { value: 'regex' } });
    fireEvent.change(within(goal).getByLabelText('Pattern'), { target: { value: 'order/(' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'goal 1 (Order): "order/(" is not a valid regular expression',
    );
    expect(updates).toEqual([]);

    fireEvent.change(within(goal).getByLabelText('Pattern'), { target: { value: 'order/[0-9]+' } });
    fireEvent.click(within(goal).getByLabelText('Case-sensitive'));
    fireEvent.change(within(goal).getByLabelText('Default revenue'), { target: { value: '9,5' } });
    fireEvent.change(within(profile).getByLabelText(/^Campaign name parameters/), {
      target: { value: 'src, campaign' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(updates).toHaveLength(1);
    expect((updates[0] as { sites: unknown[] }).sites[0]).toMatchObject({
      goalDefinitions: [
        {
          idgoal: 1,
          name: 'Order',
          matchAttribute: 'url',
          pattern: 'order/[0-9]+',
          patternType: 'regex',
          caseSensitive: true,
          revenue: 9.5,
        },
      ],
      campaignNameParams: ['src', 'campaign'],
    });
  });

  it('shows how much of the memory bounds is in use: hits and --max-memory', () => {
    const view = open();
    const mib = 1024 * 1024;
    act(() =>
      view.store.getState().setSummary(
        makeSummary({
          hits: 120_500,
          inMemory: 100_000,
          onDiskOnly: 20_500,
          memoryBytes: 250.2 * mib,
          maxMemoryBytes: 1024 * mib,
        }),
      ),
    );
    expect(screen.getByTestId('memory-usage').textContent).toBe(
      '100,000 of 100,000 hits · 250.2 MB of 1.0 GB (--max-memory) · 20,500 only on disk',
    );
    // A server started without the bound says so rather than showing a made-up one.
    act(() => view.store.getState().setSummary(makeSummary({ memoryBytes: 2048 })));
    expect(screen.getByTestId('memory-usage').textContent).toBe(
      '1 of 100,000 hits · 2.0 KB (no --max-memory bound)',
    );
  });
});
