import type { ReactNode } from 'react';

interface DialogActionsProps {
  /** The label of the action button. */
  children: ReactNode;
  onCancel(): void;
  onConfirm(): void;
  /** Disables the action while it runs, so one click sends one request. */
  busy: boolean;
  /** "danger" for an action that deletes something. */
  tone?: 'primary' | 'danger';
  testId?: string;
}

/** The footer of a dialog that asks before doing something: Cancel, then the action. */
export function DialogActions({
  children,
  onCancel,
  onConfirm,
  busy,
  tone = 'primary',
  testId,
}: DialogActionsProps) {
  return (
    <>
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      <button
        type="button"
        className={tone === 'danger' ? 'button danger solid' : 'button primary'}
        onClick={onConfirm}
        disabled={busy}
        data-testid={testId}
      >
        {children}
      </button>
    </>
  );
}
