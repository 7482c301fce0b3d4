import { readFile } from 'node:fs/promises';
import { ELECTRON_PROJECT } from '../support/electron-app';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

// The desktop app exports and imports through native file dialogs, which Playwright cannot
// drive; the browser project covers the download and the file input.
// eslint-disable-next-line no-empty-pattern
test.beforeEach(({}, testInfo) => {
  test.skip(
    testInfo.project.name === ELECTRON_PROJECT,
    'The desktop app saves and opens files through native dialogs.',
  );
});

/** Time, type, outcome and summary of every row, as the table shows them. */
async function rowTexts(hits: HitsPage): Promise<string[]> {
  return (await hits.rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

test('export, clear and import give the same rows back, bulk included', async ({ app, server }) => {
  const hits = new HitsPage(app);
  await server.sendHit(pageView('Home'));
  await server.sendHit(pageView('Pricing'), { method: 'POST' });
  await server.sendHit({ idsite: '1', rec: '1', e_c: 'Video', e_a: 'Play', cid: 'bad' });
  await server.sendBulk([
    '?idsite=1&rec=1&action_name=Bulk%20one&url=https://shop.example/a',
    '?idsite=1&rec=1&action_name=Bulk%20two&url=https://shop.example/b',
  ]);
  await hits.expectRowCount(5);
  await expect(hits.groups).toHaveCount(1);
  const before = await rowTexts(hits);

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export ▾' }).click();
  await app.getByRole('menuitem', { name: 'All hits as NDJSON' }).click();
  const file = await download;
  const content = await readFile(await file.path(), 'utf8');
  expect(content.trim().split('\n')).toHaveLength(5);

  await app.getByRole('button', { name: 'Clear…' }).click();
  await app.getByTestId('confirm-clear').click();
  await expect(app.getByTestId('empty-state')).toBeVisible();

  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import…' }).click();
  await (
    await chooser
  ).setFiles({
    name: file.suggestedFilename(),
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(content),
  });
  const report = app.getByRole('dialog', { name: 'Import finished' });
  await expect(report).toContainText(
    `Imported 5 hits in 4 requests from ${file.suggestedFilename()}.`,
  );
  await report.getByRole('button', { name: 'Close' }).click();
  await hits.expectRowCount(5);
  await expect(hits.groups).toHaveCount(1);
  await expect(hits.groups.first()).toContainText('2 hits');
  // The same rows, each marked as imported (and found by source:import).
  const after = await rowTexts(hits);
  expect(after.every((text) => text.includes(' imported '))).toBe(true);
  expect(after.map((text) => text.replace(' imported ', ' '))).toEqual(before);
  await hits.searchFor('source:import');
  await hits.expectRowCount(5);
  await hits.searchFor('');
  await expect(hits.row('Video')).toContainText('rejected');
  await hits.row('Pricing').click();
  await expect(hits.inspector.getByTestId('imported-note')).toContainText(
    `Imported from "${file.suggestedFilename()}"`,
  );
  expect(await server.summary()).toMatchObject({ requests: 4, hits: 5, rejected: 1 });
});

test('a file with bad lines imports the rest and lists what it skipped', async ({ app }) => {
  const hits = new HitsPage(app);
  const good = JSON.stringify({
    method: 'GET',
    path: '/matomo.php',
    query: 'idsite=1&rec=1&action_name=From%20capture&url=https://shop.example/c',
    ts: '2026-01-02T03:04:05.000Z',
  });
  const chooser = app.waitForEvent('filechooser');
  await app.getByRole('button', { name: 'Import…' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'capture.ndjson',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${good}\nnot json\n{"hello":1}\n`),
  });
  const report = app.getByRole('dialog', { name: 'Import finished' });
  await expect(report).toContainText('Imported 1 hit in 1 request from capture.ndjson.');
  await expect(report).toContainText('2 lines skipped.');
  await expect(report.getByRole('row')).toHaveCount(3);
  await expect(report.getByRole('row').nth(1)).toContainText(/2\s*not JSON/);
  await report.getByRole('button', { name: 'Close' }).click();
  await hits.expectRowCount(1);
  await expect(hits.row('From capture')).toBeVisible();
});
