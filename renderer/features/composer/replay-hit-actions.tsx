import { useState } from 'react';
import type { HitDetailDto } from '../../../shared/api/types';
import { DEFAULT_REGENERATE, type RegenerateOptions } from '../../../shared/matomo/volatile';
import { useAppStore } from '../../store/store-context';
import { draftFromHit } from './model/replay';
import { ReplayOptionsForm } from './replay-options';
import { useReplay } from './use-replay';
import './composer.css';

/** "Resend" (here or to another target) and "Edit and resend" for the inspected hit. */
export function ReplayHitActions({ detail }: { detail: HitDetailDto }) {
  const openInComposer = useAppStore((s) => s.openInComposer);
  const { oneByOne } = useReplay();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [target, setTarget] = useState('self');
  // A plain resend repeats the hit as captured; regenerating is opt-in here.
  const [regenerate, setRegenerate] = useState<RegenerateOptions>({
    ...DEFAULT_REGENERATE,
    cacheBuster: false,
    localTime: false,
    pageviewIds: false,
  });
  const resend = async () => {
    setBusy(true);
    try {
      await oneByOne([detail.hit.id], { target, regenerate });
      setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="cmp-replay">
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Resend…
      </button>
      <button
        type="button"
        className="button small"
        onClick={() => openInComposer(draftFromHit(detail.hit))}
      >
        Edit and resend
      </button>
      {open ? (
        <div className="popover cmp-replay-popover" role="dialog" aria-label="Resend hit">
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
              onClick={() => void resend()}
            >
              Resend
            </button>
            <button type="button" className="button small ghost" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
    </span>
  );
}
