import { useState } from 'react';
import { DEFAULT_REGENERATE, type RegenerateOptions } from '../../../shared/matomo/volatile';
import { useAppStore } from '../../store/store-context';
import { replayBulkItems } from './model/replay';
import { ReplayOptionsForm } from './replay-options';
import { useReplay } from './use-replay';
import './composer.css';

type Mode = 'bulk' | 'each';

/** Resend the hits selected in the table as one bulk or one by one, or build a bulk from them. */
export function ReplaySelectionActions() {
  const selectedIds = useAppStore((s) => s.selectedIds);
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const setView = useAppStore((s) => s.setView);
  const { oneByOne, asBulk, load } = useReplay();
  const [mode, setMode] = useState<Mode | null>(null);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('self');
  const [regenerate, setRegenerate] = useState<RegenerateOptions>(DEFAULT_REGENERATE);
  const run = async () => {
    if (!mode) return;
    setBusy(true);
    try {
      if (mode === 'bulk') await asBulk(selectedIds, { target, regenerate });
      else await oneByOne(selectedIds, { target, regenerate });
      setMode(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="cmp-replay">
      <button
        type="button"
        className="button small"
        onClick={() => setMode(mode === 'bulk' ? null : 'bulk')}
      >
        Resend as bulk
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => setMode(mode === 'each' ? null : 'each')}
      >
        Resend one by one
      </button>
      <button
        type="button"
        className="button small"
        onClick={() =>
          void load(selectedIds).then((hits) => {
            addBulkEntries(replayBulkItems(hits));
            setView('bulk');
          })
        }
      >
        Open in bulk builder
      </button>
      {mode ? (
        <div
          className="popover cmp-replay-popover"
          role="dialog"
          aria-label={mode === 'bulk' ? 'Resend as one bulk' : 'Resend one by one'}
        >
          <ReplayOptionsForm
            target={target}
            regenerate={regenerate}
            onTarget={setTarget}
            onRegenerate={setRegenerate}
          />
          <div className="cmp-row">
            <button
              type="button"
              className="button small primary"
              disabled={busy}
              onClick={() => void run()}
            >
              Resend {selectedIds.length} hits
            </button>
            <button type="button" className="button small ghost" onClick={() => setMode(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </span>
  );
}
