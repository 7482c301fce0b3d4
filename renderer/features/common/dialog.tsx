import { useEffect, useId, useRef, type ReactNode } from 'react';
import { wrapTab } from '../../lib/tab-wrap';

/** A modal dialog: focus moves in and Tab stays in it; Esc or the backdrop closes it. */
export function Dialog({
  title,
  children,
  footer,
  onClose,
  wide = false,
  initialFocusId,
}: {
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  onClose: () => void;
  wide?: boolean;
  /** Id of the element to focus on opening, instead of the first field or button. */
  initialFocusId?: string;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement;
    const chosen = initialFocusId ? document.getElementById(initialFocusId) : null;
    const first = ref.current?.querySelector<HTMLElement>(
      'input, select, textarea, button:not([data-close])',
    );
    (chosen ?? first ?? ref.current)?.focus();
    return () => {
      if (previous instanceof HTMLElement) previous.focus();
    };
    // Focus moves in once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={`dialog${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose();
          } else if (ref.current) wrapTab(ref.current, event);
        }}
      >
        <div className="dialog-header" id={titleId}>
          {title}
        </div>
        <div className="dialog-body">{children}</div>
        {footer ? <div className="dialog-footer">{footer}</div> : null}
      </div>
    </div>
  );
}
