import { useEffect } from 'react';
import { useAppStore } from '../../store/store-context';

/** The latest short message (copied, saved, or a command's error); fades after a while. */
export function Toast() {
  const toast = useAppStore((s) => s.toast);
  const dismiss = useAppStore((s) => s.dismissToast);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismiss, toast.tone === 'error' ? 8000 : 2500);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  if (!toast) return null;
  return (
    <div className={`toast ${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      <span>{toast.text}</span>
      <button type="button" className="button small ghost" onClick={dismiss} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}
