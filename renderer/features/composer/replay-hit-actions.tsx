import { useState } from 'react';
import type { HitDetailDto } from '../../../shared/api/types';
import { DEFAULT_REGENERATE } from '../../../shared/matomo/volatile';
import { useAppStore } from '../../store/store-context';
import { useDismiss } from '../common/use-dismiss';
import { bulkTokenOfRequest, draftFromHit } from '../../requests/replay';
import { ReplayPopover } from './replay-popover';
import { useReplay } from './use-replay';
import { useReplayForm } from './use-replay-form';
import './composer.css';

const isCut = (detail: HitDetailDto) =>
  detail.hit.cut?.rawQuery !== undefined || detail.request?.cut?.body !== undefined;

/** "Resend" (here or to another target) and "Edit and resend" for the inspected hit. */
export function ReplayHitActions({ detail }: { detail: HitDetailDto }) {
  const openInComposer = useAppStore((s) => s.openInComposer);
  const { oneByOne, load } = useReplay();
  const [open, setOpen] = useState(false);
  // A plain resend repeats the hit as captured; regenerating is opt-in here.
  const form = useReplayForm({
    ...DEFAULT_REGENERATE,
    cacheBuster: false,
    localTime: false,
    pageviewIds: false,
  });
  const resend = () =>
    form.submit(async (options) => {
      await oneByOne([detail.hit.id], options);
      setOpen(false);
    });
  // A hit whose texts the inspector holds cut is read whole first (fetchHits).
  const editAndResend = async () => {
    if (!isCut(detail)) {
      openInComposer(
        draftFromHit({
          ...detail.hit,
          bulkTokenAuth: bulkTokenOfRequest(detail.request),
          requestHeaders: detail.request?.headers ?? null,
        }),
      );
      return;
    }
    const [hit] = await load([detail.hit.id]);
    if (hit) openInComposer(draftFromHit(hit));
  };
  const anchor = useDismiss<HTMLSpanElement>(open, () => setOpen(false));
  return (
    <span className="cmp-replay" ref={anchor}>
      <button
        type="button"
        className="button small"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Resend…
      </button>
      <button type="button" className="button small" onClick={() => void editAndResend()}>
        Edit and resend
      </button>
      {open ? (
        <ReplayPopover
          label="Resend hit"
          submitLabel="Resend"
          form={form}
          onSubmit={() => void resend()}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </span>
  );
}
