// HelpField: the label names the control, the help and the error describe it.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../shared/api/settings-rules';
import { renderApp } from '../../test-support/render-app';
import { SettingsDialog } from '../settings/settings-dialog';
import { HelpField } from './help-field';

afterEach(cleanup);

/** The text of the elements aria-describedby points at. */
function description(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`)
    .join(' | ');
}

describe('HelpField', () => {
  it('wires the label, the help and the error to its control', () => {
    const { rerender } = render(
      <HelpField label="Port" help="1024 or more">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    const input = screen.getByLabelText('Port');
    expect(description(input)).toBe('1024 or more');
    expect(input.getAttribute('aria-invalid')).toBeNull();
    rerender(
      <HelpField label="Port" help="1024 or more" error="80 is below 1024.">
        {(control) => <input {...control} />}
      </HelpField>,
    );
    expect(description(input)).toBe('1024 or more | 80 is below 1024.');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

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
