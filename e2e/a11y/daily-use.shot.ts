// Screenshots of the empty History, the Transport column of a large bulk, the memory line of
// Settings and a keyboard-focused dialog, at 1280×800, at 1024×640 and in the dark theme, to
// look at (not a test).
import { fileURLToPath } from 'node:url';
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';

const out = (name: string) =>
  fileURLToPath(new URL(`../../test-results/${name}.png`, import.meta.url));

const LOOKS = [
  { name: '1280', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { name: '1024', viewport: { width: 1024, height: 640 }, colorScheme: 'light' },
  { name: 'dark', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
] as const;

for (const look of LOOKS) {
  test.describe(look.name, () => {
    test.use({ viewport: look.viewport, colorScheme: look.colorScheme });

    test(`daily-use screens ${look.name}`, async ({ app, server }) => {
      await app.getByRole('tab', { name: 'History' }).click();
      await expect(app.getByTestId('history-empty')).toBeVisible();
      await app.screenshot({ path: out(`history-empty-${look.name}`) });

      const hits = new HitsPage(app);
      await server.sendBulk(
        Array.from({ length: 1000 }, (_, i) => `?idsite=1&rec=1&action_name=Entry${i + 1}`),
      );
      await app.getByRole('tab', { name: 'Hits' }).click();
      await hits.searchFor('Entry45');
      await hits.row('Entry451').click();
      await app.screenshot({ path: out(`transport-bulk-${look.name}`) });

      const settings = app.getByRole('button', { name: 'Settings' });
      await settings.focus();
      await app.keyboard.press('Enter');
      await expect(app.getByTestId('memory-usage')).toContainText('--max-memory');
      await app.getByTestId('memory-usage').scrollIntoViewIfNeeded();
      await app.keyboard.press('Shift+Tab');
      await app.screenshot({ path: out(`settings-memory-${look.name}`) });
    });
  });
}
