// Removing the focused row's control (by Enter or a click) leaves the focus on the same
// control of the next row, or of the previous one, or on what follows the list: never on
// the page body. One keeper serves every list (lib/focus-keeper.ts).
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toHitRow } from '../../lib/hit-row';
import { installFocusKeeper } from '../../lib/focus-keeper';
import { paramColumnsPref } from '../../lib/param-columns';
import { makeHit } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { makeSettings } from '../../test-support/settings-factory';
import { BulkView } from '../bulk-builder/bulk-view';
import { ComposerView } from '../composer/composer-view';
import { HitsView } from '../hits-table/hits-view';
import { SettingsDialog } from '../settings/settings-dialog';

stubLayoutSize();
let stop: () => void;
beforeAll(() => {
  stop = installFocusKeeper(document);
});
afterAll(() => stop());
beforeEach(() => localStorage.clear());
afterEach(cleanup);

/** Activates the focused button as a keyboard user does: Enter, which clicks it. */
async function pressRemove(button: HTMLElement) {
  button.focus();
  fireEvent.keyDown(button, { key: 'Enter' });
  fireEvent.click(button);
  await waitFor(() => expect(document.activeElement).not.toBe(document.body));
}

const page = (title: string) =>
  `?idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=${title}`;

describe('focus after a removal', () => {
  it('bulk builder: the next entry’s Remove, then the previous one’s', async () => {
    const view = renderApp(<BulkView />);
    act(() => view.store.getState().addBulkEntries([page('A'), page('B'), page('C')]));
    await pressRemove(screen.getByRole('button', { name: 'Remove entry 2' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove entry 2' }));
    await pressRemove(screen.getByRole('button', { name: 'Remove entry 2' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove entry 1' }));
  });

  it('composer: removing a parameter keeps the focus in the form', async () => {
    renderApp(<ComposerView />);
    const name = screen.getByLabelText('New parameter name');
    for (const param of ['dimension1', 'dimension2']) {
      fireEvent.change(name, { target: { value: param } });
      fireEvent.keyDown(name, { key: 'Enter' });
    }
    await pressRemove(screen.getByRole('button', { name: 'Remove dimension1' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove dimension2' }));
    await pressRemove(screen.getByRole('button', { name: 'Remove dimension2' }));
    expect(document.activeElement).not.toBe(document.body);
  });

  it('settings: removing a site profile focuses the next profile’s Remove', async () => {
    const view = renderApp(<SettingsDialog />);
    act(() => {
      view.store.getState().setSettings(makeSettings());
      view.store.getState().setSettingsOpen(true);
    });
    const add = screen.getByRole('button', { name: 'Add site profile' });
    fireEvent.click(add);
    fireEvent.click(add);
    const [first, second] = screen.getAllByRole('button', { name: 'Remove' });
    await pressRemove(first!);
    expect(document.activeElement).toBe(second);
    await pressRemove(second!);
    expect(document.activeElement).toBe(add);
  });

  it('column menu: removing a parameter column keeps the focus in the menu', async () => {
    paramColumnsPref.save(['e_c', 'e_a']);
    const view = renderApp(<HitsView />);
    act(() => {
      view.store.getState().setLoaded(true);
      view.store.getState().receiveHits([toHitRow(makeHit())]);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    await pressRemove(screen.getByRole('button', { name: 'Remove the e_c column' }));
    expect(screen.getByRole('menu', { name: 'Columns' }).contains(document.activeElement)).toBe(
      true,
    );
  });
});
