import { useState } from 'react';
import { DEFAULT_REGENERATE } from '../../../shared/matomo/volatile';
import { useAppStore } from '../../store/store-context';
import { useDismiss } from '../common/use-dismiss';
import { replayBulkItems } from '../../requests/replay';
import { ReplayPopover } from './replay-popover';
import { useReplay } from './use-replay';
import { useReplayForm } from './use-replay-form';
import './composer.css';

type Mode = 'bulk' | 'each';

/** Resend the hits selected in the table as one bulk or one by one, or build a bulk from them. */
export function ReplaySelectionActions() {
  const selectedIds = useAppStore((s) => s.selectedIds);
  const addBulkEntries = useAppStore((s) => s.addBulkEntries);
  const setView = useAppStore((s) => s.setView);
  const { oneByOne, asBulk, load } = useReplay();
  const [mode, setMode] = useState<Mode | null>(null);
  const form = useReplayForm(DEFAULT_REGENERATE);
  const run = async () => {
    if (!mode) return;
    await form.submit(async (options) => {
      if (mode === 'bulk') await asBulk(selectedIds, options);
      else await oneByOne(selectedIds, options);
      setMode(null);
    });
  };
  const close = () => setMode(null);
  // One anchor per opening button, so Escape gives the focus back to the one that opened.
  const bulkAnchor = useDismiss<HTMLSpanElement>(mode === 'bulk', close);
  const eachAnchor = useDismiss<HTMLSpanElement>(mode === 'each', close);
  const popover = (
    <ReplayPopover
      label={mode === 'bulk' ? 'Resend as one bulk' : 'Resend one by one'}
      submitLabel={`Resend ${selectedIds.length} hits`}
      form={form}
      onSubmit={() => void run()}
      onCancel={close}
    />
  );
  return (
    <span className="cmp-replay">
      <span ref={bulkAnchor}>
        <button
          type="button"
          className="button small"
          onClick={() => setMode(mode === 'bulk' ? null : 'bulk')}
        >
          Resend as bulk
        </button>
        {mode === 'bulk' ? popover : null}
      </span>
      <span ref={eachAnchor}>
        <button
          type="button"
          className="button small"
          onClick={() => setMode(mode === 'each' ? null : 'each')}
        >
          Resend one by one
        </button>
        {mode === 'each' ? popover : null}
      </span>
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
    </span>
  );
}
