// A parameter row shown from one of its issues flashes behind its text: every text colour of
// the row stays readable at the flash's strongest, and the flash is left out for those who
// asked their system for less motion.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

/** Opens the hit with a short `cid` and shows its `cid` row from the issue about it. */
async function showCidFromItsIssue(
  page: Page,
  sendHit: (params: Record<string, string>) => Promise<unknown>,
) {
  const hits = new HitsPage(page);
  await sendHit(pageView('Bad visitor', { cid: 'bad' }));
  await hits.row('Bad visitor').click();
  await hits.inspector.locator('button[title="Show cid"]').click();
  const row = page.locator('#param-cid');
  await expect(row).toHaveClass(/focused/);
  return row;
}

/**
 * Plays the page's animations a hundred times slower, so that the flash of 1.2 s is still
 * running when the test reaches it on a loaded machine.
 */
async function slowAnimations(page: Page): Promise<void> {
  const devtools = await page.context().newCDPSession(page);
  await devtools.send('Animation.enable');
  await devtools.send('Animation.setPlaybackRate', { playbackRate: 0.01 });
}

/** Holds the row's flash at its first frame, where its background is strongest. */
async function holdFlashAtStart(row: Locator): Promise<number> {
  return row.evaluate((element) => {
    const flashes = element.getAnimations();
    for (const flash of flashes) {
      flash.pause();
      flash.currentTime = 0;
    }
    return flashes.length;
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('the row shown from an issue keeps 4.5:1 while it flashes', async ({ app, server }) => {
      await slowAnimations(app);
      const row = await showCidFromItsIssue(app, (q) => server.sendHit(q));
      expect(await holdFlashAtStart(row)).toBe(1);
      const results = await new AxeBuilder({ page: app })
        .include('#param-cid')
        .withRules(['color-contrast'])
        .analyze();
      const found = results.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
      expect(found).toEqual([]);
    });
  });
}

test('showing a row scrolls the inspector, never the window', async ({ app, server }) => {
  await showCidFromItsIssue(app, (q) => server.sendHit(q));
  // The inspector scrolls to the row; a page taller than the window would scroll with it.
  await expect
    .poll(() => app.locator('.inspector-scroll').evaluate((panel) => panel.scrollTop))
    .toBeGreaterThan(0);
  expect(await app.evaluate(() => document.documentElement.scrollHeight)).toBe(720);
  expect(await app.evaluate(() => window.scrollY)).toBe(0);
});

test('no flash when the system asks for less motion', async ({ app, server }) => {
  await app.emulateMedia({ reducedMotion: 'reduce' });
  const row = await showCidFromItsIssue(app, (q) => server.sendHit(q));
  expect(await holdFlashAtStart(row)).toBe(0);
});
