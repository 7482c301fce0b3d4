import { useRef } from 'react';

/**
 * Focus for a row a button just added: `expect(key)` before the row appears, and
 * `focusIfAdded(key)` as the ref of the control that should take the focus. The control gets
 * it once, when it mounts, so the Add button (often disabled again by then) does not keep a
 * focus the browser would drop to the page.
 */
export function useFocusAdded(): {
  expect(key: string): void;
  focusIfAdded(key: string): (node: HTMLElement | null) => void;
} {
  const pending = useRef<string | null>(null);
  return {
    expect: (key) => {
      pending.current = key;
    },
    focusIfAdded: (key) => (node) => {
      if (!node || pending.current !== key) return;
      pending.current = null;
      node.focus();
    },
  };
}
