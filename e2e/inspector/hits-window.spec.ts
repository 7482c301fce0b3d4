// A capture holding more hits than the page keeps: the server keeps 40 in memory (and the
// page loads those), 120 are stored. The table becomes a window onto the server: searches
// reach every stored hit, older rows load as it scrolls, live hits still arrive.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test as base, type ServerFixture } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

const KEPT = 40;
const STORED = 120;
const story = (n: number) => `Story ${String(n).padStart(3, '0')}`;

/** Stores the capture, then opens the UI on it again, as a person would come back to it. */
async function openLargeCapture(app: Page, server: ServerFixture) {
  await server.api('PUT', '/api/settings', { maxHits: KEPT });
  for (let n = 0; n < STORED; n++) await server.sendHit(pageView(story(n)));
  await app.reload();
  await expect(app.locator('[data-ready="true"]')).toBeVisible();
}

const scrollToBottom = (hits: HitsPage) =>
  hits.grid.evaluate((grid) => grid.scrollTo({ top: grid.scrollHeight }));

// The server serves every test of the worker: give it back its default memory. A fixture, not
// an afterEach hook, so a test skipped before its server exists (electron) asks nothing of it.
const test = base.extend<{ defaultMemoryAfter: void }>({
  defaultMemoryAfter: [
    async ({ server }, use) => {
      await use();
      await server.api('PUT', '/api/settings', { maxHits: 100_000 });
    },
    { auto: true },
  ],
});

test('searches every stored hit, pages older rows in, and shows live hits', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  const count = app.getByTestId('row-count');
  await openLargeCapture(app, server);
  await expect(count).toHaveText(`${STORED} hits · ${KEPT} loaded`);
  await expect(hits.rows.first()).toContainText(story(STORED - 1));

  // Scrolling to the oldest loaded row brings the next page, until every hit is there.
  await scrollToBottom(hits);
  await expect(count).toHaveText(`${STORED} hits · ${2 * KEPT} loaded`);
  await scrollToBottom(hits);
  await expect(count).toHaveText(`${STORED} hits`);
  await scrollToBottom(hits);
  await expect(hits.row(story(0))).toBeVisible();

  // A hit only in the data file is found by the search, and opens in the inspector.
  await hits.searchFor(`action_name:"${story(3)}"`);
  await expect(count).toHaveText('1 hit matches');
  await expect(hits.explanation).toContainText(`1 of ${STORED} stored hits match where`);
  await hits.expectRowCount(1);
  await hits.row(story(3)).click();
  await expect(hits.inspector).toContainText(story(3));

  // A live hit that matches the search comes in on top, and is counted.
  await server.sendHit(pageView(`${story(3)} again`));
  await expect(count).toHaveText('2 hits match');
  await expect(hits.rows.first()).toContainText(`${story(3)} again`);
  // One that does not match stays out, and shows once the search is cleared.
  await server.sendHit(pageView('Checkout'));
  await hits.searchFor('');
  await expect(hits.rows.first()).toContainText('Checkout');
  await expect(count).toContainText(`${STORED + 2} hits`);
});

test('with the newest at the bottom, older rows load above and the view stays', async ({
  app,
  server,
}) => {
  const hits = new HitsPage(app);
  const count = app.getByTestId('row-count');
  await openLargeCapture(app, server);
  await app.getByRole('button', { name: 'Newest on top' }).click();
  await expect(count).toHaveText(`${STORED} hits · ${KEPT} loaded`);
  const oldestLoaded = story(STORED - KEPT);
  await hits.grid.evaluate((grid) => grid.scrollTo({ top: 0 }));
  await expect(count).toHaveText(`${STORED} hits · ${2 * KEPT} loaded`);
  // One page, not a cascade: the row that was on top is still in view.
  await expect(hits.row(oldestLoaded)).toBeInViewport();
  await expect(count).toHaveText(`${STORED} hits · ${2 * KEPT} loaded`);
});

test('by keyboard, with no serious axe violation, at two sizes and in the dark', async ({
  app,
  server,
}, testInfo) => {
  const hits = new HitsPage(app);
  await openLargeCapture(app, server);
  await expect(app.getByTestId('row-count')).toHaveText(`${STORED} hits · ${KEPT} loaded`);

  // "/" goes to the search, Enter to the table, arrows move, Enter opens the inspector.
  await app.keyboard.press('/');
  await expect(hits.search).toBeFocused();
  // Quoted free text: no suggestion list to step through.
  await app.keyboard.type(`"${story(5)}"`);
  await expect(app.getByTestId('row-count')).toHaveText('1 hit matches');
  await app.keyboard.press('Enter');
  await expect(hits.grid).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(hits.inspector).toContainText(story(5));

  const results = await new AxeBuilder({ page: app }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);

  await app.setViewportSize({ width: 1280, height: 800 });
  await app.screenshot({ path: testInfo.outputPath('window-1280x800.png') });
  await app.setViewportSize({ width: 1024, height: 640 });
  await app.screenshot({ path: testInfo.outputPath('window-1024x640.png') });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.screenshot({ path: testInfo.outputPath('window-dark.png') });
});
