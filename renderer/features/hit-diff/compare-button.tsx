import { useState } from 'react';
import { useAppStore } from '../../store/store-context';
import { HitDiffDialog } from './hit-diff-dialog';

/** "Compare" when exactly two hits are selected (Ctrl/⌘-click, or Shift+↑/↓ in the table). */
export function CompareSelectedButton() {
  const ids = useAppStore((s) => s.selectedIds);
  const [pair, setPair] = useState<[string, string] | null>(null);
  const [a, b] = ids;
  return (
    <>
      {ids.length === 2 && a && b ? (
        <button
          type="button"
          className="button small"
          onClick={() => setPair([a, b])}
          title="Show the differences between the two selected hits"
        >
          Compare
        </button>
      ) : null}
      {pair ? <HitDiffDialog ids={pair} onClose={() => setPair(null)} /> : null}
    </>
  );
}
