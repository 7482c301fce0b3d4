// Keyboard only, view by view: every main control is reached with Tab, Shift+Tab, the arrows
// and Enter (no mouse after the page is loaded), the focused element always shows a focus
// ring, Tab always leaves a widget, and Escape closes a dialog with the focus back on the
// control that opened it. Real Chromium, because focus order and :focus-visible are the
// browser's business.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

/** More Tab presses than any view has stops: reaching this many means focus went round. */
const MAX_STOPS = 150;

interface FocusState {
  /** The focused element's tag and label, or "the page". */
  name: string;
  /** Why its focus would not be visible; null when it is. */
  problem: string | null;
  /** Whether the focus is on or inside the element asked about. */
  inside: boolean;
}

/**
 * What has the focus, why it would not be visible (not focused at all (the page body), not
 * :focus-visible, no ring (outline or box shadow), no size, or outside the window), and
 * whether it is within `target`: all in one call into the page, as each stop of a round asks.
 */
function focusState(target: Element | null): FocusState {
  const el = document.activeElement;
  const inside = target !== null && (target === el || target.contains(el));
  if (!(el instanceof HTMLElement) || el === document.body)
    return { name: 'the page', problem: 'nothing has the focus', inside };
  const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const ring =
    (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1) ||
    style.boxShadow !== 'none';
  const onScreen =
    rect.width > 0 &&
    rect.height > 0 &&
    rect.right > 0 &&
    rect.bottom > 0 &&
    rect.left < window.innerWidth &&
    rect.top < window.innerHeight;
  const problem = !el.matches(':focus-visible')
    ? 'not :focus-visible'
    : !ring
      ? 'no focus ring'
      : !onScreen
        ? 'not on screen'
        : null;
  return { name, problem, inside };
}

const focusOn = (page: Page) => page.evaluate(focusState, null);
const focusFrom = (target: Locator) => target.evaluate(focusState);

function expectVisible({ name, problem }: FocusState, after: string): void {
  expect(problem, `focus on ${name} after ${after}`).toBeNull();
}

async function expectFocusVisible(page: Page, after: string): Promise<void> {
  expectVisible(await focusOn(page), after);
}

const isFocused = async (target: Locator) => (await focusFrom(target)).inside;

/** Presses `key` until `target` has the focus, checking the focus ring at every stop. */
async function pressUntil(page: Page, target: Locator, key = 'Tab'): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < MAX_STOPS; i += 1) {
    await page.keyboard.press(key);
    const state = await focusFrom(target);
    path.push(state.name);
    if (state.inside) {
      expectVisible(state, `${key} to ${String(target)}`);
      return;
    }
    if (state.name !== 'the page') expectVisible(state, key);
  }
  throw new Error(`${key} never reached ${String(target)}; stops: ${path.join(', ')}`);
}

/** Tab (or Shift+Tab) from inside `widget` eventually moves the focus out of it. */
async function expectLeavesWith(page: Page, widget: Locator, key: string): Promise<void> {
  for (let i = 0; i < MAX_STOPS; i += 1) {
    if (!(await isFocused(widget))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never left ${String(widget)}: the focus is trapped`);
}

async function expectNotTrapped(page: Page, widget: Locator): Promise<void> {
  await expectLeavesWith(page, widget, 'Tab');
}

/**
 * A whole round of the view with Tab and another with Shift+Tab: every stop shows its focus
 * and the round ends at the edge of the page (the focus leaves for the browser), so no widget
 * keeps it.
 */
async function expectFullRound(page: Page, view: string): Promise<void> {
  for (const key of ['Tab', 'Shift+Tab']) {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press(key);
    let stops = 0;
    for (; stops < MAX_STOPS; stops += 1) {
      const state = await focusOn(page);
      if (state.problem === 'nothing has the focus') break;
      expectVisible(state, `${key} in the ${view} view`);
      await page.keyboard.press(key);
    }
    expect(stops, `${key} round of the ${view} view ends`).toBeLessThan(MAX_STOPS);
  }
}

/** Enter on the opener shows a dialog that keeps the focus; Escape closes it onto the opener. */
async function expectDialogRoundTrip(page: Page, opener: Locator, title: string): Promise<void> {
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: title });
  await expect(dialog).toBeVisible();
  await expect.poll(() => isFocused(dialog)).toBe(true);
  // A modal dialog keeps Tab and Shift+Tab inside it, every stop visible.
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 25; i += 1) {
      await page.keyboard.press(key);
      const state = await focusFrom(dialog);
      expect(state.inside, `${key} ${i + 1} stays in ${title}`).toBe(true);
      expectVisible(state, `${key} in ${title}`);
    }
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await expectFocusVisible(page, `closing ${title}`);
}

async function openView(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await pressUntil(page, tab);
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

// Every stop is checked, and the machine may be busy: a round takes a while.
test.describe.configure({ timeout: 240_000 });

test.beforeEach(async ({ app }) => {
  // Start every test from the top of the page, as after loading it.
  await app.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
});

test('Hits: search, grid, inspector and the issue reference, by keyboard', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Home'));
  await server.sendHit(pageView('Bad visitor', { cid: 'abc' }));
  await server.sendBulk(['?idsite=1&rec=1&action_name=One', '?idsite=1&rec=1&action_name=Two']);
  await hits.expectRowCount(4);
  await expectFullRound(app, 'hits');

  // The search box: type a query, Tab moves on (suggestions do not keep the focus).
  await pressUntil(app, hits.search);
  await app.keyboard.type('visitor');
  await expectNotTrapped(app, hits.search);
  await expect(hits.rows).toHaveCount(1);

  // The grid: arrows select, Enter moves into the inspector.
  await pressUntil(app, hits.grid);
  await app.keyboard.press('ArrowDown');
  await expect(hits.row('Bad visitor')).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Enter');
  await expect.poll(() => isFocused(hits.inspector)).toBe(true);
  await expectFocusVisible(app, 'Enter in the grid');

  // The "?" opens the issue reference; Escape comes back to it.
  const explain = hits.inspector.getByRole('button', { name: 'Explain this issue code' }).first();
  await pressUntil(app, explain);
  await expectDialogRoundTrip(app, explain, 'Issue reference');
  await expectNotTrapped(app, hits.inspector);

  // Menus and dialogs of the toolbar: Escape gives the focus back to their button.
  await app.keyboard.press('Escape');
  const exportButton = app.getByRole('button', { name: /^Export/ });
  await pressUntil(app, exportButton, 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('menu')).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(app.getByRole('menu')).toBeHidden();
  await expect(exportButton).toBeFocused();
  const clear = app.getByRole('button', { name: 'Clear…' });
  await pressUntil(app, clear, 'Shift+Tab');
  await expectDialogRoundTrip(app, clear, 'Clear all captured hits?');
});

test('Visits: a visit, its timeline and back to its hit, by keyboard', async ({ app, server }) => {
  await server.sendHit(pageView('Home'));
  await server.sendHit(pageView('Shoes'));
  await server.waitForHits(2);
  // The tab list also moves with the arrows, and shows the view it moves to.
  const hitsTab = app.getByRole('tab', { name: 'Hits' });
  await pressUntil(app, hitsTab);
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByRole('tab', { name: 'History' })).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(hitsTab).toBeFocused();
  await app.keyboard.press('ArrowRight');
  const visitsTab = app.getByRole('tab', { name: 'Visits' });
  await expect(visitsTab).toBeFocused();
  await expect(visitsTab).toHaveAttribute('aria-selected', 'true');
  await expectFocusVisible(app, 'ArrowRight in the tab list');
  await expectFullRound(app, 'visits');
  const visit = app.locator('.visit-item').first();
  await pressUntil(app, visit);
  await app.keyboard.press('Enter');
  const inspect = app.getByRole('button', { name: /^Inspect page view/ }).first();
  await pressUntil(app, inspect);
  await app.keyboard.press('Enter');
  await expect(app.getByRole('tab', { name: 'Hits' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByTestId('verdict')).toBeVisible();
});

test('Compose, History: fill, send, reopen and rename, by keyboard', async ({ app }) => {
  await openView(app, 'Compose');
  await expectFullRound(app, 'compose');
  const title = app.getByLabel('Page title');
  await pressUntil(app, title);
  await app.keyboard.type('Typed home');
  // The raw editor takes text, not Tab.
  const raw = app.locator('textarea.cmp-raw-text');
  await pressUntil(app, raw);
  await expectNotTrapped(app, raw);
  const send = app.getByRole('button', { name: 'Send', exact: true });
  await pressUntil(app, send, 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('composer-result-status')).toContainText('20');

  await openView(app, 'History');
  await expectFullRound(app, 'history');
  const entry = app.getByRole('listitem', { name: 'Typed home' });
  const rename = entry.getByRole('button', { name: 'Rename' });
  await pressUntil(app, rename);
  await app.keyboard.press('Enter');
  await expect(entry.getByRole('textbox', { name: 'New name' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(rename).toBeFocused();
  const open = entry.getByRole('button', { name: /^Open/ });
  await pressUntil(app, open, 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByLabel('Page title')).toHaveValue('Typed home');
});

test('Bulk: paste requests and reach Send, by keyboard', async ({ app }) => {
  await openView(app, 'Bulk');
  await expectFullRound(app, 'bulk');
  const paste = app.getByRole('textbox', { name: 'Paste requests, one per line' });
  await pressUntil(app, paste);
  await app.keyboard.type('?idsite=1&rec=1&action_name=A');
  await expectNotTrapped(app, paste);
  const add = app.getByRole('button', { name: 'Add lines' });
  await pressUntil(app, add);
  await app.keyboard.press('Enter');
  await expect(app.getByRole('list', { name: 'Bulk entries' }).getByRole('listitem')).toHaveCount(
    1,
  );
  const send = app.getByRole('button', { name: 'Send bulk (1)' });
  await pressUntil(app, send, 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('region', { name: 'Bulk result' })).toBeVisible();
});

test('Settings, Log: the dialog keeps the focus, Escape returns it; the log scrolls', async ({
  app,
}) => {
  const settings = app.getByRole('button', { name: 'Settings' });
  await pressUntil(app, settings);
  await expectDialogRoundTrip(app, settings, 'Settings');

  const log = app.getByRole('button', { name: 'Log' });
  await pressUntil(app, log, 'Shift+Tab');
  await app.keyboard.press('Enter');
  const lines = app.getByRole('log', { name: 'Server log' });
  await pressUntil(app, lines);
  const close = app.getByRole('region', { name: 'Server log' }).getByRole('button', {
    name: 'Close',
  });
  await pressUntil(app, close, 'Shift+Tab');
  await app.keyboard.press('Enter');
  await expect(lines).toBeHidden();
  // Closing the pane does not drop the focus on the page.
  await expect(log).toBeFocused();
});

test('Plan of a run: pick the run and reach its expectations, by keyboard', async ({
  app,
  server,
}) => {
  const run = 'keyboard';
  await server.api('POST', '/api/runs', {
    id: run,
    plan: 'expectations:\n  - name: Home\n    match: type:pageview\n',
  });
  await server.sendHit(pageView('Home'), { path: `/run/${run}/matomo.php` });
  await server.waitForHits(1);
  const picker = app.getByRole('combobox', { name: 'Run' });
  await pressUntil(app, picker);
  await app.keyboard.press('ArrowDown');
  await expect(picker).toHaveValue(run);
  const plan = app.getByRole('list', { name: `Expectations of run ${run}` });
  await expect(plan).toBeVisible();
  const show = plan.getByRole('button', { name: /^Show hit 1 of/ });
  await pressUntil(app, show);
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('verdict')).toBeVisible();
  await expectFullRound(app, 'hits with a run');
});
