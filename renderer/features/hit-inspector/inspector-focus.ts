// Element ids that keyboard shortcuts move focus to.
export const INSPECTOR_ID = 'hit-inspector';
export const GRID_FOCUS_SELECTOR = '[data-testid="hits-grid"]';

export function focusInspector(): void {
  document.getElementById(INSPECTOR_ID)?.focus();
}

export function focusGrid(): void {
  const grid = document.querySelector(GRID_FOCUS_SELECTOR);
  if (grid instanceof HTMLElement) grid.focus();
}
