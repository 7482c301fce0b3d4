import { useEffect, useRef } from 'react';

const MENU_ITEMS = '[role="menu"] [role^="menuitem"]:not(:disabled)';
const MENU_KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End']);

/** The menu item ↓ ↑ Home or End moves to from `from` (the opening button or an item). */
function menuItemFor(anchor: HTMLElement, from: EventTarget | null, key: string) {
  const items = [...anchor.querySelectorAll<HTMLElement>(MENU_ITEMS)];
  const at = items.indexOf(from as HTMLElement);
  if (items.length === 0 || (at < 0 && from !== anchor.querySelector('button'))) return null;
  const last = items.length - 1;
  if (key === 'Home' || (at < 0 && key === 'ArrowDown')) return items[0];
  if (key === 'End' || (at < 0 && key === 'ArrowUp')) return items[last];
  // Round the ends, as native menus do.
  return items[key === 'ArrowDown' ? (at === last ? 0 : at + 1) : at === 0 ? last : at - 1];
}

/**
 * Closes a popover the way native menus close: a press outside it, or Escape inside it
 * (which also gives the focus back to the first button of the anchor, the one that opened
 * it). A menu (role="menu") also closes when the focus leaves it, and ↓ ↑ Home End move
 * through its items from its button or an item. Answers the ref to put on the element
 * holding the button and the popover.
 */
export function useDismiss<T extends HTMLElement = HTMLDivElement>(
  open: boolean,
  close: () => void,
) {
  const ref = useRef<T>(null);
  // The latest close, without re-subscribing on every render.
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  });
  useEffect(() => {
    const anchor = ref.current;
    if (!open || anchor === null) return;
    const onPress = (event: MouseEvent) => {
      if (!anchor.contains(event.target as Node)) closeRef.current();
    };
    const onKey = (event: KeyboardEvent) => {
      if (MENU_KEYS.has(event.key)) {
        const item = menuItemFor(anchor, event.target, event.key);
        if (!item) return;
        event.preventDefault();
        item.focus();
        return;
      }
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      closeRef.current();
      anchor.querySelector<HTMLElement>('button')?.focus();
    };
    // Tab out of a menu: left open, it would cover what the focus went to.
    const onFocusOut = (event: FocusEvent) => {
      const to = event.relatedTarget as Node | null;
      if (to !== null && !anchor.contains(to) && anchor.querySelector('[role="menu"]')) {
        closeRef.current();
      }
    };
    document.addEventListener('mousedown', onPress);
    anchor.addEventListener('keydown', onKey);
    anchor.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('mousedown', onPress);
      anchor.removeEventListener('keydown', onKey);
      anchor.removeEventListener('focusout', onFocusOut);
    };
  }, [open]);
  return ref;
}
