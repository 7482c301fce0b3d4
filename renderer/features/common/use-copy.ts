import { useCallback } from 'react';
import { copyText } from '../../lib/clipboard';
import { useAppStore } from '../../store/store-context';

/**
 * Copies text and says so (or says that the browser refused); `note` adds what the copy
 * leaves out or hides (a masked token, headers a URL cannot carry).
 */
export function useCopy(): (text: string, what: string, note?: string) => Promise<void> {
  const notify = useAppStore((s) => s.notify);
  return useCallback(
    async (text, what, note) => {
      const ok = await copyText(text);
      notify(
        ok
          ? `Copied ${what}.${note ? ` ${note}` : ''}`
          : `Could not copy ${what}: the browser refused.`,
        ok ? 'info' : 'error',
      );
    },
    [notify],
  );
}
