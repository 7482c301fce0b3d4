import { useCallback } from 'react';
import { copyText } from '../../lib/clipboard';
import { useAppStore } from '../../store/store-context';

/** Copies text and says so (or says that the browser refused). */
export function useCopy(): (text: string, what: string) => Promise<void> {
  const notify = useAppStore((s) => s.notify);
  return useCallback(
    async (text, what) => {
      const ok = await copyText(text);
      notify(
        ok ? `Copied ${what}.` : `Could not copy ${what}: the browser refused.`,
        ok ? 'info' : 'error',
      );
    },
    [notify],
  );
}
