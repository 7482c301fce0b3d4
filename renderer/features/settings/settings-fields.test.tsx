// Every field of the Settings form is a HelpField: labelled, and described by its help.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/api/settings-rules';
import { renderApp } from '../../test-support/render-app';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

/** The text of the elements aria-describedby points at. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`)
    .join(' | ');
}

describe('Settings fields', () => {
  it('labels and describes every field of the Settings form', () => {
    const view = renderApp(<SettingsDialog />);
    act(() => {
      view.store.getState().setSettings({
        debugMode: 'off',
        sites: [],
        upstreamUrl: '',
        maxHits: 100_000,
        extraTrackingPaths: [],
        limits: DEFAULT_LIMITS,
        dataDir: '/data',
        trackerUrl: 'http://127.0.0.1:8765/matomo.php',
        version: '0.1.0',
      });
      view.store.getState().setSettingsOpen(true);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add site profile' }));
    const dialog = screen.getByRole('dialog');
    const controls = dialog.querySelectorAll('input:not([type=checkbox]), select, textarea');
    expect(controls.length).toBeGreaterThan(15);
    for (const control of controls) {
      const label = control.id ? dialog.querySelector(`label[for="${control.id}"]`) : null;
      expect(label?.textContent, control.outerHTML).toBeTruthy();
    }
    expect(description(screen.getByLabelText('Hits kept in memory'))).toContain('only on disk');
    expect(description(screen.getByLabelText('Largest request body (bytes)'))).toMatch(
      /^limits\.maxBodyBytes/,
    );
  });
});
