// A scripted journey through the capture server, read in the Visits view: two visits split
// by a campaign change, a goal that converts once, and an order whose revenue is not its
// items' total.
import { expect, test } from './support/fixtures';
import { SHOP_WITH_GOAL, visitorHits, WRONG_REVENUE_ORDER } from './support/shop-visits';

test('the Visits view tells the story of a scripted journey', async ({ app, server }) => {
  await server.api('PUT', '/api/settings', { sites: [SHOP_WITH_GOAL] });
  const send = visitorHits(server);
  await send({
    action_name: 'Home',
    url: 'https://shop.example/?mtm_campaign=Spring&mtm_kwd=Mail',
    urlref: 'https://mail.example/inbox',
  });
  await send({ action_name: 'Thanks', url: 'https://shop.example/checkout/success' });
  await send({ action_name: 'Thanks', url: 'https://shop.example/checkout/success?again=1' });
  await send({ action_name: 'Newsletter', url: 'https://shop.example/?mtm_campaign=newsletter' });
  await send(WRONG_REVENUE_ORDER);
  await server.waitForHits(5);

  await app.getByRole('tab', { name: 'Visits' }).click();
  const visits = app.getByRole('list', { name: 'Visits' }).getByRole('button');
  await expect(visits).toHaveCount(2);
  await expect(visits.nth(0)).toContainText(
    'new visit: campaign changed from spring (mail) to newsletter',
  );
  await expect(visits.nth(1)).toContainText('new visit: first hit of visitor 0123456789abcdef');

  // The newest visit is shown first: its campaign, and the order's wrong revenue.
  const detail = app.getByRole('region', { name: 'Visit' });
  await expect(detail.getByTestId('visit-attribution')).toHaveText('Campaign “newsletter”');
  const order = detail.locator('[data-type="ecommerce_order"]');
  await expect(order).toContainText('Order A1, revenue 99');
  await expect(order).toContainText('order.revenue_mismatch');

  // Keyboard only: the first visit, its campaign and the goal converting once.
  await visits.nth(1).focus();
  await app.keyboard.press('Enter');
  await expect(detail.getByTestId('visit-attribution')).toHaveText(
    'Campaign “spring”, keyword “mail”',
  );
  const actions = detail.getByRole('list', { name: 'Actions of the visit' }).getByRole('listitem');
  await expect(actions).toHaveCount(3);
  await expect(actions.nth(0)).toContainText('entry');
  await expect(actions.nth(1)).toContainText('Goal 1 “Order page” converted');
  await expect(detail.getByText(/converted$/)).toHaveCount(1);

  // The repeated visit of the goal page, in the inspector: why it converts nothing.
  await actions
    .nth(2)
    .getByRole('button', { name: /^Inspect page view/ })
    .click();
  await expect(app.getByRole('tab', { name: 'Hits' })).toHaveAttribute('aria-selected', 'true');
  const goals = app.getByRole('region', { name: 'Goals' });
  await expect(goals).toContainText(
    'Goal 1 “Order page”: already converted in this visit and multiple conversions are off',
  );
  await app.getByRole('button', { name: 'Open the visit' }).click();
  await expect(app.getByRole('tab', { name: 'Visits' })).toHaveAttribute('aria-selected', 'true');
  await expect(detail.getByTestId('visit-attribution')).toHaveText(
    'Campaign “spring”, keyword “mail”',
  );
});
