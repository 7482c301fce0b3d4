// Screenshots of the composer, the bulk builder and the history, to look at (not a test).
import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures';

const out = (name: string) =>
  fileURLToPath(new URL(`../test-results/${name}.png`, import.meta.url));

test('composer screenshots', async ({ app, server }) => {
  await server.sendHit({
    idsite: '1',
    rec: '1',
    action_name: 'Home',
    url: 'https://shop.example/',
  });
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.screenshot({ path: out('composer-start') });
  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('ecommerce_order');
  await app.getByLabel('Order id').fill('ORDER-1001');
  await app.getByRole('button', { name: 'Add item' }).click();
  await app.getByLabel('Item 1 SKU').fill('SKU-42');
  await app.getByLabel('Item 1 Name').fill('Trail shoe');
  await app.getByLabel('Item 1 categories').fill('Shoes, Trail');
  await app.getByLabel('Item 1 Price').fill('89.90');
  await app.getByLabel('Item 1 Quantity').fill('2');
  await app.getByLabel('Page URL').fill('https://shop.example/checkout/done');
  await app.screenshot({ path: out('composer-order-unsent') });
  await app.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.getByTestId('composer-result-status')).toBeVisible();
  await app.screenshot({ path: out('composer-order') });

  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('event');
  await app.getByLabel('Event category').fill('Video');
  await app.screenshot({ path: out('composer-event-issue') });

  await app.getByRole('button', { name: 'Add to bulk' }).click();
  await app.getByRole('tab', { name: 'Bulk' }).click();
  await app
    .getByRole('textbox', { name: 'Paste requests, one per line' })
    .fill('idsite=1&rec=1&action_name=A&url=https://x.example/\nidsite=0&rec=1&action_name=B');
  await app.getByRole('button', { name: 'Add lines' }).click();
  await app.getByRole('button', { name: /^Send bulk/ }).click();
  await expect(app.getByTestId('bulk-result-status')).toBeVisible();
  await app.screenshot({ path: out('bulk-builder') });

  await app.getByRole('tab', { name: 'History' }).click();
  await expect(app.getByTestId('history-entry').first()).toBeVisible();
  await app.screenshot({ path: out('history') });
});
