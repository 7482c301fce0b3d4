// The browser tab's title names the port and what needs a look, so several instances
// (or a tab left open) can be told apart: "Hitscope :8765 — 3 rejected".
import { useEffect } from 'react';
import type { SummaryDto } from '../../../shared/api/types';
import { formatCount, plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';

function portOf(trackerUrl: string): string {
  try {
    const url = new URL(trackerUrl);
    return url.port || (url.protocol === 'https:' ? '443' : '80');
  } catch {
    return '';
  }
}

export function documentTitle(trackerUrl: string, summary: SummaryDto | null): string {
  const port = portOf(trackerUrl);
  const name = port ? `Hitscope :${port}` : 'Hitscope';
  if (!summary || summary.hits === 0) return name;
  if (summary.rejected > 0) return `${name} — ${formatCount(summary.rejected)} rejected`;
  return `${name} — ${plural(summary.hits, 'hit')}`;
}

export function useDocumentTitle(): void {
  const trackerUrl = useAppStore((s) => s.settings?.trackerUrl ?? '');
  const summary = useAppStore((s) => s.summary);
  const title = documentTitle(trackerUrl, summary);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
