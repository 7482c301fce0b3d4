// Visit rules edited in Settings apply to the hits already captured: a shorter visit length
// splits the visitor's visit in two, and the Visits view names the rule that did it.
import { expect, test } from './support/fixtures';
import { SHOP_WITH_GOAL, sameDayMoments, visitorHits } from './support/shop-visits';

test('a shorter visit length in Settings forms the visits again', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { sites: [SHOP_WITH_GOAL] });
  const send = visitorHits(server);
  // Two page views 19 minutes apart on one day (dated with cdt: no token needed within a day).
  const { earlier, later } = sameDayMoments(19);
  await send({ action_name: 'Home', url: 'https://shop.example/', cdt: String(earlier) });
  await send({ action_name: 'Shoes', url: 'https://shop.example/shoes', cdt: String(later) });
  await server.waitForHits(2);

  await app.getByRole('tab', { name: 'Visits' }).click();
  const visits = app.getByRole('list', { name: 'Visits' }).getByRole('button');
  await expect(visits).toHaveCount(1);
  const rules = app.getByTestId('visit-rules');
  await expect(rules).toContainText('visit length 30 min (Matomo’s default)');

  // Keyboard only: Settings, the site's visit length, Save.
  await app.getByRole('button', { name: 'Settings' }).focus();
  await app.keyboard.press('Enter');
  const siteRules = app.getByRole('group', { name: 'Visits of site 1' });
  const length = siteRules.getByLabel('Visit length (seconds)');
  await length.focus();
  await app.keyboard.type('600');
  await app.keyboard.press('Tab');
  await expect(app.getByLabel('New visit when the campaign changes')).toBeFocused();
  // The time zone and the midnight and user id rules follow in reading order.
  await app.keyboard.press('Tab');
  await app.keyboard.press('Tab');
  await expect(siteRules.getByLabel('Time zone')).toBeFocused();
  await app.keyboard.type('UTC');
  await app.keyboard.press('Tab');
  await expect(siteRules.getByLabel('New visit at midnight')).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(siteRules.getByLabel('User id becomes the visitor id')).toBeFocused();
  await app.getByRole('button', { name: 'Save' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('dialog')).toHaveCount(0);

  await expect(visits).toHaveCount(2);
  await expect(visits.nth(0)).toContainText(
    'new visit: 19 min since the last action (the visit length is 10 min)',
  );
  await visits.nth(0).click();
  await expect(rules).toContainText('visit length 10 min (site profile)');
  await expect(rules).toContainText('new visit when the campaign changes (Matomo’s default)');
});

test('rows already shown take the visit ids of the new rules without a reload', async ({
  app,
  server,
}) => {
  await server.api('PUT', '/api/settings', { sites: [SHOP_WITH_GOAL] });
  const send = visitorHits(server);
  const { earlier, later } = sameDayMoments(19);
  await send({ action_name: 'Home', url: 'https://shop.example/', cdt: String(earlier) });
  await send({ action_name: 'Shoes', url: 'https://shop.example/shoes', cdt: String(later) });
  const [shoes, home] = await server.waitForHits(2);
  expect(shoes?.visitId).toBe(home?.visitId);

  // The later page view is in the home page's visit.
  const grid = app.getByRole('grid', { name: 'Captured hits' });
  await grid.getByRole('row').filter({ hasText: 'Shoes' }).click();
  const note = app.getByTestId('visit-note');
  await expect(note).toContainText(`Visit ${home?.visitId}`);

  // A visit length of 10 minutes: the 19 minutes between them split the visit.
  await server.api('PUT', '/api/settings', {
    sites: [{ ...SHOP_WITH_GOAL, visitStandardLength: 600 }],
  });
  await expect(note).toContainText(`Visit v-${shoes?.id}`);
  await expect(note).toContainText('new visit: 19 min since the last action');
  // The row itself carries the new visit: the search for the visit finds it alone.
  await app.getByRole('button', { name: 'Show this visit' }).click();
  await expect(grid.getByRole('row').filter({ hasText: 'Home' })).toHaveCount(0);
  await expect(grid.getByRole('row').filter({ hasText: 'Shoes' })).toHaveCount(1);
});
