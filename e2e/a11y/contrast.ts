// WCAG contrast of an element's text against its own background, as the browser paints
// them (computed colours; alpha is not composed, the buttons checked here are opaque).
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

function luminance([r, g, b]: number[]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}

function rgb(css: string): number[] {
  return (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
}

/** WCAG contrast of two computed colours (`rgb(…)`). */
export function colourContrast(one: string, other: string): number {
  const [light, dark] = [luminance(rgb(one)), luminance(rgb(other))].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export async function textContrast(element: Locator): Promise<number> {
  const { color, background } = await element.evaluate((node) => {
    const style = getComputedStyle(node);
    return { color: style.color, background: style.backgroundColor };
  });
  return colourContrast(color, background);
}

/**
 * axe's contrast check passes on the text matched by `selector`, with no node left undecided.
 * axe checks text on screen only: the first match is scrolled into view first.
 */
export async function expectAxeContrastPasses(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  const contrast = await new AxeBuilder({ page })
    .include(selector)
    .withRules(['color-contrast'])
    .analyze();
  expect(contrast.violations).toEqual([]);
  expect(contrast.incomplete).toEqual([]);
  expect(contrast.passes.map((rule) => rule.id)).toEqual(['color-contrast']);
}
