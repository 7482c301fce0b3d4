// Two hits compared in the UI, with the keyboard only: Shift+↓ selects two rows, Tab reaches
// Compare, the dialog marks what changed and mutes the volatile values; axe finds nothing
// serious in either theme. Screenshots at 1280×800, 1024×640 and in the dark theme go to
// test-results for a look.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

const event = (action: string, extra: Record<string, string>) => ({
  idsite: '1',
  rec: '1',
  e_c: 'Video',
  e_a: action,
  url: 'https://shop.example/video',
  ...extra,
});

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include('[role="dialog"]').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('two selected hits compared with the keyboard', async ({ app, server }, testInfo) => {
  const hits = new HitsPage(app);
  await server.sendHit(event('Play', { e_n: 'Intro', e_v: '25', r: '111111', pv_id: 'aaaaaa' }));
  await server.sendHit(event('Play', { e_v: '30', uid: 'u1', r: '222222', pv_id: 'bbbbbb' }));
  await hits.expectRowCount(2);

  await hits.grid.focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Shift+ArrowDown');
  await expect(app.getByText('2 hits selected')).toBeVisible();
  const compare = app.getByRole('button', { name: 'Compare' });
  for (let i = 0; i < 40 && !(await compare.evaluate((el) => el === document.activeElement)); i++)
    await app.keyboard.press('Shift+Tab');
  await expect(compare).toBeFocused();
  await app.keyboard.press('Enter');

  const dialog = app.getByRole('dialog', { name: 'Compare two hits' });
  await expect(dialog.getByTestId('diff-summary')).toHaveText(
    '3 differences: 1 added, 1 removed, 1 changed parameters.',
  );
  const row = (name: string) => dialog.locator(`tr[data-param="${name}"]`);
  await expect(row('e_n')).toContainText('− removed');
  await expect(row('uid')).toContainText('+ added');
  await expect(row('e_v')).toContainText('25');
  await expect(row('e_v')).toContainText('≠ changed');
  await expect(row('pv_id')).toContainText('volatile, ignored');

  for (const [name, size] of [
    ['1280x800', { width: 1280, height: 800 }],
    ['1024x640', { width: 1024, height: 640 }],
  ] as const) {
    await app.setViewportSize(size);
    await app.screenshot({ path: testInfo.outputPath(`hit-compare-${name}.png`) });
  }
  expect(await seriousViolations(app), 'light theme').toEqual([]);
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: testInfo.outputPath('hit-compare-dark.png') });
  expect(await seriousViolations(app), 'dark theme').toEqual([]);

  // The first control has the focus: Space hides the volatile values.
  await expect(dialog.getByLabel(/Show volatile values/)).toBeFocused();
  await app.keyboard.press('Space');
  await expect(row('pv_id')).toHaveCount(0);
  await expect(row('r')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(compare).toBeFocused();
});
