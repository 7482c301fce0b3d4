import { plural } from '../../lib/format';
import { useAppStore } from '../../store/store-context';
import { ReplaySelectionActions } from '../composer/replay-selection-actions';
import { CompareSelectedButton } from '../hit-diff/compare-button';

/**
 * Actions on the multi-selection (`selectedIds` in the store). Features that act on
 * several hits at once (compare two, resend, resend as bulk) add their buttons here.
 */
export function SelectionActions() {
  const count = useAppStore((s) => s.selectedIds.length);
  const clear = useAppStore((s) => s.select);
  if (count < 2) return null;
  return (
    <div className="selection-actions" role="group" aria-label="Selected hits">
      <span className="muted">{plural(count, 'hit')} selected</span>
      <CompareSelectedButton />
      <ReplaySelectionActions />
      <button type="button" className="button small ghost" onClick={() => clear(null)}>
        Clear selection
      </button>
    </div>
  );
}
