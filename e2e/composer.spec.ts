// Composing a request from the form with live validation, sending it, and replaying a
// captured hit edited, against a real `hitscope serve`.
import { expect, test } from './support/fixtures';
import { HitsPage } from './support/hits-page';

test('an event composed from the form is validated as typed, sent, and shows up as a hit', async ({
  app,
  server,
}) => {
  await app.getByRole('tab', { name: 'Compose' }).click();
  await app.getByRole('combobox', { name: 'Hit type' }).selectOption('event');
  await app.getByLabel('Event category').fill('Video');

  // Category without action: not an event, and the action field says why.
  const actionField = app.getByTestId('field-e_a');
  await expect(actionField.locator('[data-code="event.incomplete"]')).toBeVisible();
  await expect(app.getByTestId('composer-verdict')).toContainText('Matomo would reject');

  await app.getByLabel('Event action').fill('Play');
  await expect(actionField.locator('[data-code="event.incomplete"]')).toHaveCount(0);
  await app.getByLabel('Page URL').fill('https://shop.example/video');
  await expect(app.getByTestId('composer-verdict')).toHaveText('Matomo would record this event.');

  // The raw editor follows the form, encoded.
  const raw = app.getByRole('textbox', { name: 'URL / query string' });
  await expect(raw).toHaveValue(/e_c=Video&e_a=Play/);
  await expect(raw).toHaveValue(/url=https%3A%2F%2Fshop\.example%2Fvideo/);

  await app.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.getByTestId('composer-result-status')).toContainText('200');
  await expect(app.getByLabel('Result')).toContainText('43-byte transparent GIF');

  const [hit] = await server.waitForHits(1, { type: 'event' });
  expect(hit!.params).toMatchObject({ e_c: 'Video', e_a: 'Play', ca: '1', rec: '1' });
  expect(hit!.params.r).toMatch(/^\d{6}$/);
  expect(hit!.params._id).toMatch(/^[0-9a-f]{16}$/);

  // Jump to the new row.
  await app.getByRole('button', { name: 'Show in hits' }).click();
  const hits = new HitsPage(app);
  await expect(hits.row('Video')).toHaveAttribute('aria-selected', 'true');
  await expect(hits.verdict).toContainText('record');
});

test('pasting a URL fills the form, and editing the form rewrites the URL', async ({ app }) => {
  await app.getByRole('tab', { name: 'Compose' }).click();
  const raw = app.getByRole('textbox', { name: 'URL / query string' });
  await raw.fill(
    'https://stats.example/piwik.php?idsite=4&rec=1&search=running+shoes&search_count=12',
  );
  await expect(app.getByRole('combobox', { name: 'Hit type' })).toHaveValue('site_search');
  await expect(app.getByLabel('Search keyword')).toHaveValue('running shoes');
  await expect(app.getByText('This URL points at https://stats.example')).toBeVisible();
  await app.getByLabel('Search keyword').fill('trail shoes & socks');
  await expect(raw).toHaveValue(/search=trail%20shoes%20%26%20socks/);
  await expect(raw).toHaveValue(/\/piwik\.php\?idsite=4/);
});

test('a captured hit is edited in the composer and resent', async ({ app, server }) => {
  await server.sendHit({
    idsite: '1',
    rec: '1',
    action_name: 'Original title',
    url: 'https://shop.example/original',
    _id: '5a2b3c4d5e6f7a8b',
  });
  const hits = new HitsPage(app);
  await hits.row('Original title').click();
  await app.getByRole('button', { name: 'Edit and resend' }).click();

  await expect(app.getByRole('tab', { name: 'Compose' })).toHaveAttribute('aria-selected', 'true');
  const title = app.getByLabel('Page title');
  await expect(title).toHaveValue('Original title');
  await title.fill('Edited title');
  await app.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(app.getByTestId('composer-result-status')).toContainText('200');

  const [edited] = await server.waitForHits(1, { q: 'Edited title' });
  expect(edited!.params).toMatchObject({
    _id: '5a2b3c4d5e6f7a8b',
    url: 'https://shop.example/original',
  });
  await app.getByRole('tab', { name: 'Hits' }).click();
  await hits.expectRowCount(2);
  await expect(hits.row('Edited title')).toBeVisible();
});
