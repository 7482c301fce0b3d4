import { useLayoutEffect, useRef } from 'react';
import { ReplayOptionsForm } from './replay-options';
import type { ReplayForm } from './use-replay-form';
import './composer.css';

interface ReplayPopoverProps {
  label: string;
  submitLabel: string;
  form: ReplayForm;
  onSubmit(): void;
  onCancel(): void;
}

/**
 * The popover of a resend: target and regeneration options, then send or cancel. Escape and
 * a press outside are handled by the anchor holding it (useDismiss), which gives the focus
 * back to the button that opened it.
 */
export function ReplayPopover({
  label,
  submitLabel,
  form,
  onSubmit,
  onCancel,
}: ReplayPopoverProps) {
  const ref = useRef<HTMLDivElement>(null);
  // Below its button it may run past the window's bottom (the inspector's Resend… in a small
  // window), where nothing scrolls it into reach: then it opens upward, if it fits there.
  useLayoutEffect(() => {
    const popover = ref.current;
    if (!popover) return;
    const box = popover.getBoundingClientRect();
    const buttonTop = box.top - popover.offsetTop;
    if (box.bottom > window.innerHeight && buttonTop - box.height >= 0) {
      popover.classList.add('above');
    }
  }, []);
  return (
    <div ref={ref} className="popover cmp-replay-popover" role="dialog" aria-label={label}>
      <ReplayOptionsForm
        target={form.target}
        regenerate={form.regenerate}
        onTarget={form.setTarget}
        onRegenerate={form.setRegenerate}
      />
      <div className="cmp-row">
        <button
          type="button"
          className="button small primary"
          disabled={form.busy}
          onClick={onSubmit}
        >
          {submitLabel}
        </button>
        <button type="button" className="button small ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
