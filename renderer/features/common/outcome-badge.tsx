import type { Outcome } from '../../../shared/matomo/types';

const LABELS: Record<Outcome, string> = {
  recorded: 'recorded',
  excluded: 'excluded',
  rejected: 'rejected',
};

/** Outcome with the error and warning counts beside it. */
export function OutcomeBadge({
  outcome,
  errors = 0,
  warnings = 0,
}: {
  outcome: Outcome;
  errors?: number;
  warnings?: number;
}) {
  const counts = [
    errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <span className="outcome">
      <span className={`badge ${outcome}`}>{LABELS[outcome]}</span>
      {counts ? (
        // One group that gives way before the badge does: the outcome is never cut.
        <span className="outcome-counts" title={counts} aria-label={counts} role="img">
          {errors > 0 ? <span className="count-error">✕{errors}</span> : null}
          {warnings > 0 ? <span className="count-warning">⚠{warnings}</span> : null}
        </span>
      ) : null}
    </span>
  );
}
