import { useEffect, useRef } from 'react';

/**
 * Closes a popover the way native menus close: a press outside it, or Escape inside it
 * (which also gives the focus back to the first button of the anchor, the one that opened
 * it). Answers the ref to put on the element holding the button and the popover.
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
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      closeRef.current();
      anchor.querySelector<HTMLElement>('button')?.focus();
    };
    document.addEventListener('mousedown', onPress);
    anchor.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPress);
      anchor.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return ref;
}
