// The bulk builder against a real `hitscope serve`: entries validated one by one, one bulk
// POST, and Matomo's answer mapped back, counting indices after dropped entries.
import { expect, test } from './support/fixtures';

test('a bulk of three with one invalid entry marks that entry from invalid_indices', async ({
  app,
  server,
}) => {
  await app.getByRole('tab', { name: 'Bulk' }).click();
  // The first item has no "?": Matomo drops it without an index, so the invalid entry at
  // position 3 is Matomo's index 1.
  await app.getByRole('textbox', { name: 'Paste requests, one per line' }).fill(
    JSON.stringify({
      requests: [
        'idsite=1&rec=1&action_name=Dropped',
        '?idsite=1&rec=1&action_name=First&url=https%3A%2F%2Fshop.example%2F1',
        '?idsite=1&rec=1&action_name=Broken&cid=abc&url=https%3A%2F%2Fshop.example%2F2',
        '?idsite=1&rec=1&action_name=Third&url=https%3A%2F%2Fshop.example%2F3',
      ],
    }),
  );
  await app.getByRole('button', { name: 'Add lines' }).click();

  const entries = app.getByTestId('bulk-entry');
  await expect(entries).toHaveCount(4);
  await expect(entries.nth(0)).toContainText('Matomo drops this entry');
  await expect(entries.nth(2).locator('.blk-entry-index')).toHaveText('#1');
  await expect(entries.nth(2)).toContainText('Matomo would reject');
  await expect(app.getByTestId('bulk-json')).toContainText('"requests"');

  await app.getByRole('button', { name: /^Send bulk/ }).click();
  await expect(app.getByTestId('bulk-result-status')).toContainText('200');
  await expect(entries.nth(0)).toHaveAttribute('data-status', 'dropped');
  await expect(entries.nth(1)).toHaveAttribute('data-status', 'tracked');
  await expect(entries.nth(2)).toHaveAttribute('data-status', 'invalid');
  await expect(entries.nth(3)).toHaveAttribute('data-status', 'tracked');
  await expect(app.getByLabel('Bulk result')).toContainText('tracked 2, invalid 1');

  const hits = await server.waitForHits(3);
  expect(hits.map((h) => h.params.action_name).sort()).toEqual(['Broken', 'First', 'Third']);
});

test('entries can be reordered, removed and edited in the composer', async ({ app }) => {
  await app.getByRole('tab', { name: 'Bulk' }).click();
  await app
    .getByRole('textbox', { name: 'Paste requests, one per line' })
    .fill(
      'idsite=1&rec=1&action_name=A\nidsite=1&rec=1&action_name=B\nidsite=1&rec=1&action_name=C',
    );
  await app.getByRole('button', { name: 'Add lines' }).click();
  const entries = app.getByTestId('bulk-entry');
  await app.getByRole('button', { name: 'Move entry 3 up' }).click();
  await expect(entries.nth(1).getByRole('textbox')).toHaveValue('?idsite=1&rec=1&action_name=C');
  await app.getByRole('button', { name: 'Remove entry 1' }).click();
  await expect(entries).toHaveCount(2);

  await entries.nth(0).getByRole('button', { name: 'Edit' }).click();
  await app.getByLabel('Page title').fill('C edited');
  await app.getByRole('button', { name: 'Update bulk entry' }).click();
  await expect(entries.nth(0).getByRole('textbox')).toHaveValue(
    '?idsite=1&rec=1&action_name=C%20edited',
  );
});
