// The run selector and the Plan panel in the UI: chosen with the keyboard, turning green as
// the run's hits arrive, and a click through to the hit that met an expectation. Screenshots
// at 1280×800, 1024×640 and in the dark theme go to test-results for a look.
import { expect, test } from '../support/fixtures';
import { pageView } from '../support/page-view';

const PLAN = [
  'expectations:',
  '  - name: Home page view',
  '    match: { type: pageview, params: { action_name: Home } }',
  '    count: 1',
  '  - name: Video play',
  '    match: { type: event, params: { e_c: Video, e_a: Play } }',
  '  - name: No newsletter sign-up',
  '    match: type:event e_c:Newsletter',
  '    count: 0',
].join('\n');

test('the Plan panel follows the chosen run', async ({ app, server }, testInfo) => {
  await server.api('POST', '/api/runs', { id: 'checkout', name: 'Checkout', plan: PLAN });
  const inRun = { path: '/run/checkout/matomo.php' };
  await server.sendHit(pageView('Home'), inRun);
  await server.sendHit({ ...pageView('Video'), e_c: 'Video', e_a: 'play' }, inRun);
  await server.sendHit(pageView('Elsewhere'));

  const runSelect = app.getByRole('combobox', { name: 'Run' });
  await expect(runSelect).toBeVisible();
  await runSelect.focus();
  await app.keyboard.press('ArrowDown');
  await expect(runSelect).toHaveValue('checkout');

  const list = app.getByRole('list', { name: 'Expectations of run checkout' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveClass(/pass/);
  await expect(items.nth(1)).toHaveClass(/open/);
  await expect(items.nth(1)).toContainText('e_a: expected "Play", got "play"');
  await expect(app.getByTestId('query-explanation')).toContainText('run is checkout');

  for (const [name, size] of [
    ['1280x800', { width: 1280, height: 800 }],
    ['1024x640', { width: 1024, height: 640 }],
  ] as const) {
    await app.setViewportSize(size);
    await app.screenshot({ path: testInfo.outputPath(`plan-panel-${name}.png`) });
  }

  await server.sendHit({ ...pageView('Video'), e_c: 'Video', e_a: 'Play' }, inRun);
  await expect(items.nth(1)).toHaveClass(/pass/);
  await server.sendHit({ ...pageView('News'), e_c: 'Newsletter', e_a: 'Sign up' }, inRun);
  await expect(items.nth(2)).toHaveClass(/fail/);
  await expect(app.getByText(/2 of 3 expectations met · failing/)).toBeVisible();

  // Keyboard: Tab reaches the link to the hit that met "Video play"; Enter opens it.
  const link = app.getByRole('button', { name: 'Show hit 1 of Video play' });
  await link.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('row', { selected: true })).toContainText('Video');

  await app.emulateMedia({ colorScheme: 'dark' });
  await app.screenshot({ path: testInfo.outputPath('plan-panel-dark.png') });
});
