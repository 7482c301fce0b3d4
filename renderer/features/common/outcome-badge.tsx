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
  return (
    <span className="outcome">
      <span className={`badge ${outcome}`}>{LABELS[outcome]}</span>
      {errors > 0 ? (
        <span className="count-error" title={`${errors} error${errors === 1 ? '' : 's'}`}>
          ✕{errors}
        </span>
      ) : null}
      {warnings > 0 ? (
        <span className="count-warning" title={`${warnings} warning${warnings === 1 ? '' : 's'}`}>
          ⚠{warnings}
        </span>
      ) : null}
    </span>
  );
}
