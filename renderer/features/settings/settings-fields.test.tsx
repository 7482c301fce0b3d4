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
    // A goal rule's fields and the visit rules are HelpFields like the rest.
    fireEvent.click(screen.getByRole('button', { name: 'Add goal' }));
    const dialog = screen.getByRole('dialog');
    const controls = dialog.querySelectorAll('input:not([type=checkbox]), select, textarea');
    expect(controls.length).toBeGreaterThan(25);
    for (const control of controls) {
      const label = control.id ? dialog.querySelector(`label[for="${control.id}"]`) : null;
      expect(label?.textContent, control.outerHTML).toBeTruthy();
    }
    expect(describedBy(screen.getByLabelText('Hits kept in memory'))).toContain('only on disk');
    expect(describedBy(screen.getByLabelText('Pattern'))).toContain('contains this text');
    expect(describedBy(screen.getByLabelText('Default revenue'))).toContain('no revenue');
    expect(describedBy(screen.getByLabelText('Visit length (seconds)'))).toContain('1800');
    expect(describedBy(screen.getByLabelText('Largest request body (bytes)'))).toMatch(
      /^limits\.maxBodyBytes/,
    );
  });
});
