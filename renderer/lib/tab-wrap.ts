// Tab in a modal dialog goes round its own controls: from the last one Tab comes back to the
// first, from the first Shift+Tab goes to the last. Without it the focus walks on into the
// page under the backdrop, where a keyboard user cannot see it.
import { TABBABLE } from './focus-keeper';

/** Controls Tab stops at inside `container`, in order; only those laid out on the page. */
function tabStops(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (element) => element.tabIndex >= 0 && element.getClientRects().length > 0,
  );
}

/** Handles a Tab key press inside `container` when it would leave it; true when it did. */
export function wrapTab(
  container: HTMLElement,
  event: { key: string; shiftKey: boolean; preventDefault(): void },
): boolean {
  if (event.key !== 'Tab') return false;
  const stops = tabStops(container);
  const first = stops[0];
  const last = stops[stops.length - 1];
  if (!first || !last) return false;
  const active = document.activeElement;
  // The container itself has the focus when nothing in it was focusable on opening.
  if (event.shiftKey && (active === first || active === container)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
