// The send history lives in the data directory: it survives a restart of the server and
// can be reopened, renamed and deleted.
import { expect, test } from './support/fixtures';

// The page loses its live connection while the server restarts.
test.use({ allowedConsoleErrors: [/ERR_CONNECTION_REFUSED|Failed to load resource|EventSource/] });

test('history survives a server restart and reopens in the composer', async ({ app, server }) => {
  // Resetting the hits leaves the history alone; start from an empty one.
  await server.api('DELETE', '/api/history');
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('pageview');
  await app.getByLabel('Page title').fill('Kept across restarts');
  await app.getByLabel('Page URL').fill('https://shop.example/kept');
  await app.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.getByTestId('composer-result-status')).toContainText('200');

  await app.getByRole('tab', { name: 'History' }).click();
  const rows = app.getByTestId('history-entry');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Page view: Kept across restarts');
  await rows.first().getByRole('button', { name: 'Rename' }).click();
  await rows.first().getByRole('textbox', { name: 'New name' }).fill('My saved page view');
  await rows.first().getByRole('button', { name: 'Save' }).click();
  await expect(rows.first()).toContainText('My saved page view');

  await server.restart();
  await app.goto(await server.signInUrl());
  await expect(app.locator('[data-ready="true"]')).toBeVisible({ timeout: 15_000 });
  await app.getByRole('tab', { name: 'History' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('My saved page view');
  await expect(rows.first()).toContainText('200');

  await rows.first().getByRole('button', { name: 'Open' }).click();
  await expect(app.getByLabel('Page title')).toHaveValue('Kept across restarts');

  await app.getByRole('tab', { name: 'History' }).click();
  await rows.first().getByRole('button', { name: 'Delete' }).click();
  await rows.first().getByRole('button', { name: 'Really delete' }).click();
  await expect(rows).toHaveCount(0);
  const list = await server.api<{ entries: unknown[] }>('GET', '/api/history');
  expect(list.entries).toEqual([]);
});
