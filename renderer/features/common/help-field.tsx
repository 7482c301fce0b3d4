import { useId, type ReactNode } from 'react';

/** What a HelpField gives its control: its id and the descriptions it points at. */
export interface HelpFieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * One form field: a label, the control, an optional help text and an optional error. The
 * label names the control, and the control's aria-describedby lists the help and the error,
 * so a screen reader reads them with it; the wiring lives here once.
 */
export function HelpField({
  label,
  help,
  error,
  className,
  children,
}: {
  label: ReactNode;
  help?: ReactNode;
  error?: string | null;
  /** Extra classes of the field (`narrow`, `wide`). */
  className?: string;
  children: (control: HelpFieldControlProps) => ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const described = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true as const } : {}),
      })}
      {help ? (
        <small className="muted" id={helpId}>
          {help}
        </small>
      ) : null}
      {error ? (
        <small className="field-error" id={errorId}>
          {error}
        </small>
      ) : null}
    </div>
  );
}
