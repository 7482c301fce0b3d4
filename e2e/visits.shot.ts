// Screenshots of the Visits view and the inspector's goals and visit sections, to look at
// (not a test): 1280×800 and 1024×640, light and dark.
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures';
import { SHOP_WITH_GOAL, visitorHits, WRONG_REVENUE_ORDER } from './support/shop-visits';

const out = (name: string) =>
  fileURLToPath(new URL(`../test-results/${name}.png`, import.meta.url));

test('visits screenshots', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { sites: [SHOP_WITH_GOAL] });
  const send = visitorHits(server);
  await send({
    action_name: 'Home',
    url: 'https://shop.example/?mtm_campaign=Spring&mtm_kwd=Mail',
    urlref: 'https://www.google.com/search?q=shoes',
  });
  await send({ action_name: 'Trail shoes', url: 'https://shop.example/shoes/trail' });
  await send({
    e_c: 'Video',
    e_a: 'Play',
    e_n: 'Trail review',
    url: 'https://shop.example/shoes/trail',
  });
  await send({ action_name: 'Thanks', url: 'https://shop.example/checkout/success' });
  await send({ action_name: 'Thanks', url: 'https://shop.example/Checkout/Success' });
  await send({ action_name: 'Newsletter', url: 'https://shop.example/?mtm_campaign=newsletter' });
  await send(WRONG_REVENUE_ORDER);
  await server.waitForHits(7);
  await app.getByRole('tab', { name: 'Visits' }).click();
  const visits = app.getByRole('list', { name: 'Visits' }).getByRole('button');
  await expect(visits).toHaveCount(2);
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ] as const) {
    await app.setViewportSize({ width, height });
    await visits.nth(0).click();
    await expect(app.locator('.visit-action')).toHaveCount(2);
    await app.screenshot({ path: out(`visits-newest-${width}`) });
    await visits.nth(1).click();
    await expect(app.locator('.visit-action')).toHaveCount(5);
    await app.screenshot({ path: out(`visits-first-${width}`) });
  }
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: out('visits-dark') });
  await app
    .locator('.visit-action')
    .nth(4)
    .getByRole('button', { name: /^Inspect/ })
    .click();
  await expect(app.getByRole('region', { name: 'Goals' })).toBeVisible();
  await app.getByRole('region', { name: 'Goals' }).scrollIntoViewIfNeeded();
  await app.screenshot({ path: out('visits-inspector-dark') });
  await app.emulateMedia({ colorScheme: 'light' });
  await app.screenshot({ path: out('visits-inspector') });
  await app.getByRole('button', { name: 'Settings' }).click();
  const goal = app.getByRole('group', { name: 'Goal 1' });
  await goal.scrollIntoViewIfNeeded();
  await app.screenshot({ path: out('settings-goals') });
  const rules = app.getByRole('group', { name: 'Visits of site 1' });
  await rules.getByLabel('Visit length (seconds)').fill('10.5');
  await rules.getByLabel('Time zone').fill('Mars/Olympus');
  await rules.getByLabel('New visit at midnight').selectOption('off');
  for (const [width, height] of [
    [1280, 800],
    [1024, 640],
  ] as const) {
    await app.setViewportSize({ width, height });
    await rules.scrollIntoViewIfNeeded();
    await app.screenshot({ path: out(`settings-visit-rules-${width}`) });
  }
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: out('settings-visit-rules-dark') });
});
