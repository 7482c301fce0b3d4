// Window-wide keys: `/` or Ctrl/⌘+F focuses the search box (Ctrl+F would otherwise open
// the browser's find bar, which cannot see virtualized rows).
import { useEffect } from 'react';
import { focusSearch } from '../filters/search-focus';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const findKey = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (findKey || (slash && !isTyping(event.target))) {
        if (focusSearch()) event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
