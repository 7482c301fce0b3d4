// Every field of the Settings form is a HelpField: labelled, and described by its help.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../../test-support/render-app';
import { describedBy, makeSettings } from '../../test-support/settings-factory';
import { SettingsDialog } from './settings-dialog';

afterEach(cleanup);

describe('Settings fields', () => {
  it('labels and describes every field of the Settings form', () => {
    const view = renderApp(<SettingsDialog />);
    act(() => {
      view.store.getState().setSettings(makeSettings());
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
    expect(describedBy(screen.getByLabelText('Hits kept in memory'))).toContain('only on disk');
    expect(describedBy(screen.getByLabelText('Largest request body (bytes)'))).toMatch(
      /^limits\.maxBodyBytes/,
    );
  });
});
