// The search input's element id, so keyboard shortcuts anywhere can focus it.
export const SEARCH_INPUT_ID = 'hit-search';

export function focusSearch(): boolean {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (!(input instanceof HTMLInputElement)) return false;
  input.focus();
  input.select();
  return true;
}
