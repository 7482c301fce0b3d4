// The composer's and the bulk builder's work in progress survive a reload of the page;
// token_auth values only for the tab (never in localStorage).
import { expect, test } from './support/fixtures';

test('composer and bulk builder drafts survive a reload', async ({ app }) => {
  const token = 'c0ffee0123456789abcdef0123456789';
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('event');
  await app.getByLabel('Event category').fill('Video');
  await app.getByLabel('Event action').fill('Play');
  await app.getByRole('button', { name: 'POST' }).click();

  await app.getByRole('tab', { name: 'Bulk' }).click();
  await app
    .getByRole('textbox', { name: 'Paste requests, one per line' })
    .fill('?idsite=1&rec=1&action_name=Kept\n?idsite=1&rec=1&action_name=Also');
  await app.getByRole('button', { name: 'Add lines' }).click();
  await app.getByLabel('Bulk token_auth').fill(token);
  await expect(app.getByTestId('bulk-entry')).toHaveCount(2);

  await app.reload();
  await app.locator('[data-ready="true"]').waitFor();
  await app.getByRole('tab', { name: 'Bulk' }).click();
  await expect(app.getByTestId('bulk-entry')).toHaveCount(2);
  await expect(app.getByTestId('bulk-json')).toContainText('action_name=Also');
  await expect(app.getByLabel('Bulk token_auth')).toHaveValue(token);

  await app.getByRole('tab', { name: 'Compose' }).click();
  await expect(app.getByRole('combobox', { name: 'Hit type' })).toHaveValue('event');
  await expect(app.getByLabel('Event category')).toHaveValue('Video');
  await expect(app.getByLabel('Event action')).toHaveValue('Play');
  await expect(app.getByRole('button', { name: 'POST' })).toHaveAttribute('aria-pressed', 'true');

  // The token is a credential: kept for this tab, not written where it outlives it.
  const stored = await app.evaluate(() => localStorage.getItem('hitscope.drafts.v1') ?? '');
  expect(stored).toContain('Video');
  expect(stored).not.toContain(token);
});
