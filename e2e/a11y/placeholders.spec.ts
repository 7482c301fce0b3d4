// A placeholder cut at the edge of its box reads as another word ("Filter by name or summ"):
// the boxes of the composer and the history are wide enough for theirs, in a small window too.
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

test.use({ viewport: { width: 1024, height: 640 } });

/** The visible empty text boxes whose placeholder is wider than the room inside them. */
function cutPlaceholders(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const context = document.createElement('canvas').getContext('2d')!;
    return [...document.querySelectorAll<HTMLInputElement>('input[placeholder]')]
      .filter((input) => input.offsetParent !== null && input.value === '')
      .filter((input) => {
        const style = getComputedStyle(input);
        context.font = `${style.fontSize} ${style.fontFamily}`;
        const room =
          input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(input.placeholder).width > room;
      })
      .map((input) => input.placeholder);
  });
}

for (const view of ['Compose', 'History']) {
  test(`the ${view} view shows its placeholders whole`, async ({ app }) => {
    await app.getByRole('tab', { name: view }).click();
    await expect(app.getByRole('tab', { name: view })).toHaveAttribute('aria-selected', 'true');
    await expect(app.locator('input[placeholder]:visible').first()).toBeVisible();
    expect(await cutPlaceholders(app)).toEqual([]);
  });
}
