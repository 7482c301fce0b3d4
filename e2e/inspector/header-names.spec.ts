// The headers of a request in the inspector: each name reads on one line beside its value,
// also when the value is long enough to wrap (a browser's user-agent) in a narrow inspector.
import { expect, test } from '../support/fixtures';
import { HitsPage } from '../support/hits-page';
import { pageView } from '../support/page-view';

const BROWSER_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
]) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('a long header value wraps, its name does not', async ({ app, server }) => {
      const hits = new HitsPage(app);
      await server.sendHit(pageView('Home'), { headers: { 'user-agent': BROWSER_UA } });
      await hits.row('Home').click();
      await hits.inspector.getByRole('tab', { name: 'Raw request' }).click();
      const names = hits.inspector.locator('.header-list dt');
      const userAgent = names.filter({ hasText: /^user-agent:$/ }).first();
      await expect(userAgent).toBeVisible();
      // How many lines the name's text and the value's text are laid out on.
      const lines = await userAgent.evaluate((name) =>
        [name, name.nextElementSibling!].map((element) => {
          const range = document.createRange();
          range.selectNodeContents(element);
          return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        }),
      );
      expect(lines[1]).toBeGreaterThan(1);
      expect(lines[0]).toBe(1);
    });
  });
}
