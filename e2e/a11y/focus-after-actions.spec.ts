// Keyboard only: after Enter adds or removes a row, deletes an entry or clears the filters,
// the focus lands on the control a person would use next, never on the page body (where
// the next Tab would start again from the top). Real Chromium, because what happens to the
// focus of a removed or disabled element is the browser's business, not jsdom's.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

/** Presses Enter on a control as a keyboard user does: focused first, never clicked. */
async function enterOn(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

async function expectFocusNotLost(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'))
    .not.toMatch(/^(BODY|HTML|none)$/);
}

test('composer headers: Enter adds a header and focuses its value; Remove keeps the focus', async ({
  app,
}) => {
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByText(/^HTTP headers \(\d+\)$/).click();
  const name = app.getByRole('combobox', { name: 'New header name' });

  // Enter in the name box adds the header, as in the composer's "New parameter" box.
  await name.fill('referer');
  await name.press('Enter');
  await expect(app.getByRole('textbox', { name: 'Header referer' })).toBeFocused();

  // The Add header button turns disabled once the name box empties: the focus moves on.
  await name.fill('dnt');
  await enterOn(app.getByRole('button', { name: 'Add header' }));
  await expect(app.getByRole('textbox', { name: 'Header dnt' })).toBeFocused();

  await enterOn(app.getByRole('button', { name: 'Remove header referer' }));
  await expect(app.getByRole('button', { name: 'Remove header dnt' })).toBeFocused();
  await enterOn(app.getByRole('button', { name: 'Remove header dnt' }));
  await expectFocusNotLost(app);
  await expect(
    app.locator('details:has(> summary:text-matches("^HTTP headers")) :focus'),
  ).toHaveCount(1);
});

test('order items: Add item focuses the new item; Remove focuses the item in its place', async ({
  app,
}) => {
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('ecommerce_order');
  const add = app.getByRole('button', { name: 'Add item' });
  const existing = await app.getByRole('button', { name: /^Remove item \d+$/ }).count();

  await enterOn(add);
  await expect(app.getByRole('textbox', { name: `Item ${existing + 1} SKU` })).toBeFocused();
  await app.keyboard.type('SKU-A');
  await enterOn(add);
  await expect(app.getByRole('textbox', { name: `Item ${existing + 2} SKU` })).toBeFocused();
  await app.keyboard.type('SKU-B');

  // Removing an item: the item that took its place has the focus on its own Remove.
  await enterOn(app.getByRole('button', { name: `Remove item ${existing + 1}` }));
  await expect(app.getByRole('button', { name: `Remove item ${existing + 1}` })).toBeFocused();
  await expect(app.getByRole('textbox', { name: `Item ${existing + 1} SKU` })).toHaveValue('SKU-B');

  // Removing every item: the focus goes to Add item, after the table that went away.
  while ((await app.getByRole('button', { name: /^Remove item \d+$/ }).count()) > 0) {
    await enterOn(app.getByRole('button', { name: /^Remove item \d+$/ }).last());
  }
  await expect(add).toBeFocused();
});

test('history: Delete then Really delete by keyboard focuses the next entry', async ({ app }) => {
  for (const title of ['First', 'Second']) {
    await app.getByRole('tab', { name: 'Compose' }).click();
    await app.getByLabel('Page title').fill(title);
    await app.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(app.getByTestId('composer-result-status')).toContainText('200');
  }
  await app.getByRole('tab', { name: 'History' }).click();
  const entries = app.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  const newest = entries.first();
  const name = await newest.getAttribute('aria-label');

  await enterOn(newest.getByRole('button', { name: 'Delete' }));
  await expect(newest.getByRole('button', { name: 'Really delete' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(entries).toHaveCount(1);
  await expect(app.locator(`[aria-label="${name}"]`)).toHaveCount(0);
  await expectFocusNotLost(app);
  await expect(entries.first().locator(':focus')).toHaveCount(1);

  // The last entry: the focus stays in the history view.
  await enterOn(entries.first().getByRole('button', { name: 'Delete' }));
  await app.keyboard.press('Enter');
  await expect(entries).toHaveCount(0);
  await expectFocusNotLost(app);
});

test('filters: a chip keeps the focus; Clear filters hands it to the search box', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Home'));
  await server.sendHit(pageView('Broken', { cid: 'abc' }));
  await hits.expectRowCount(2);

  const chip = hits.quickFilter('rejected');
  await enterOn(chip);
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(chip).toBeFocused();
  await hits.expectRowCount(1);

  await enterOn(app.getByRole('button', { name: 'Clear filters' }));
  await hits.expectRowCount(2);
  await expect(hits.search).toBeFocused();

  // The same after a search typed in the box.
  await hits.search.fill('Home');
  await hits.expectRowCount(1);
  await enterOn(app.getByRole('button', { name: 'Clear filters' }));
  await expect(hits.search).toBeFocused();
  await expect(hits.search).toHaveValue('');
});

test('sending: Send and Send a test hit keep the focus while the request runs', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  const testHit = app.getByRole('button', { name: 'Send a test hit' }).first();
  await enterOn(testHit);
  await hits.expectRowCount(1);
  await expect(app.getByText(/^Test hit sent/)).toBeVisible();
  await expect(testHit).toBeFocused();

  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByLabel('Page URL').fill('https://shop.example/');
  const send = app.getByRole('button', { name: 'Send', exact: true });
  await enterOn(send);
  await expect(app.getByLabel('Result')).toContainText('43-byte transparent GIF');
  await server.waitForHits(2);
  await expect(send).toBeFocused();
});
