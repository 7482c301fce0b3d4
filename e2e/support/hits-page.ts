// Locators and actions of the hits view, so specs read as what a person does.
import { expect, type Locator, type Page } from '@playwright/test';

export class HitsPage {
  readonly grid: Locator;
  readonly rows: Locator;
  readonly groups: Locator;
  readonly search: Locator;
  readonly inspector: Locator;
  readonly verdict: Locator;
  readonly explanation: Locator;

  constructor(readonly page: Page) {
    this.grid = page.getByRole('grid', { name: 'Captured hits' });
    this.rows = this.grid.locator('[role="row"][data-hit-id]');
    this.groups = this.grid.getByTestId('bulk-group');
    this.search = page.getByRole('combobox', { name: 'Search hits' });
    this.inspector = page.getByTestId('hit-inspector');
    this.verdict = page.getByTestId('verdict');
    this.explanation = page.getByTestId('query-explanation');
  }

  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }

  async expectRowCount(count: number): Promise<void> {
    await expect(this.rows).toHaveCount(count);
  }

  async searchFor(query: string): Promise<void> {
    await this.search.fill(query);
    await this.search.blur();
  }

  quickFilter(name: string): Locator {
    return this.page.getByRole('group', { name: 'Quick filters' }).getByRole('button', { name });
  }

  summaryCount(name: string): Locator {
    return this.page.getByTestId('summary-counts').locator(`[data-count="${name}"] dd`);
  }
}
