import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/store-context';

/**
 * The latest short message (copied, saved, or a command's error); fades after a while, but
 * not while the keyboard is on its Dismiss button: the button would vanish with the focus,
 * leaving it on the page body. Dismissed from the keyboard, it gives the focus back to where
 * it came from.
 */
export function Toast() {
  const toast = useAppStore((s) => s.toast);
  const dismiss = useAppStore((s) => s.dismissToast);
  // The message the focus is in; a newer one (or one after it was cleared) fades as usual.
  const [held, setHeld] = useState<typeof toast>(null);
  const focused = toast !== null && held === toast;
  const cameFrom = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!toast || focused) return;
    const timer = setTimeout(dismiss, toast.tone === 'error' ? 8000 : 2500);
    return () => clearTimeout(timer);
  }, [toast, dismiss, focused]);
  if (!toast) return null;
  const close = () => {
    const back = cameFrom.current;
    dismiss();
    if (back?.isConnected) back.focus();
  };
  return (
    <div
      className={`toast ${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onFocus={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) {
          cameFrom.current =
            event.relatedTarget instanceof HTMLElement ? event.relatedTarget : null;
        }
        setHeld(toast);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setHeld(null);
      }}
    >
      <span>{toast.text}</span>
      <button type="button" className="button small ghost" onClick={close} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
