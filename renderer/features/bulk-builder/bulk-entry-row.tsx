import type { BulkEntryStatus } from '../../../shared/matomo/bulk-answer';
import type { HitType, Issue, Outcome } from '../../../shared/matomo/types';
import { describeVerdict } from '../../../shared/matomo/verdict';
import { issueCounts } from '../../../shared/query/query-row';
import { OutcomeBadge } from '../common/outcome-badge';
import type { BulkEntry } from '../../store/bulk-slice';

export interface EntryCheck {
  /** Matomo's index for the entry, or null when Matomo drops it. */
  index: number | null;
  hit: { type: HitType; outcome: Outcome; issues: Issue[] } | null;
}

const STATUS_LABELS: Record<BulkEntryStatus, string> = {
  tracked: 'tracked',
  invalid: 'invalid',
  dropped: 'dropped',
  aborted: 'not stored: bulk aborted',
  unknown: 'not reported',
};

/** One entry of the bulk: its Matomo index, text, verdict, and what the answer said of it. */
export function BulkEntryRow(props: {
  entry: BulkEntry;
  position: number;
  count: number;
  check: EntryCheck;
  status: BulkEntryStatus | null;
  onChange(text: string): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  onEdit(): void;
}) {
  const { entry, position, count, check, status, onChange, onMove, onRemove, onEdit } = props;
  const { errors, warnings } = issueCounts(check.hit?.issues ?? []);
  return (
    <li
      className={`blk-entry${status ? ` is-${status}` : ''}`}
      data-testid="bulk-entry"
      data-status={status ?? ''}
      aria-label={`Entry ${position + 1}`}
    >
      <div
        className="blk-entry-index"
        title="The index Matomo gives this entry (invalid_indices count these)"
      >
        {check.index === null ? '—' : `#${check.index}`}
      </div>
      <div className="blk-entry-main">
        <input
          className="input mono blk-entry-text"
          aria-label={`Entry ${position + 1} request`}
          value={entry.text}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
        <div className="blk-entry-verdict">
          {check.index === null ? (
            <span className="cmp-note error">
              No query part (no “?”): Matomo drops this entry without giving it an index.
            </span>
          ) : check.hit ? (
            <>
              <OutcomeBadge outcome={check.hit.outcome} errors={errors} warnings={warnings} />
              <span className="muted">{describeVerdict(check.hit)}</span>
            </>
          ) : null}
          {status ? (
            <span className={`badge blk-status ${status}`} data-testid="bulk-entry-status">
              {STATUS_LABELS[status]}
            </span>
          ) : null}
        </div>
      </div>
      <div className="blk-entry-actions">
        <button
          type="button"
          className="button ghost small"
          aria-label={`Move entry ${position + 1} up`}
          disabled={position === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button ghost small"
          aria-label={`Move entry ${position + 1} down`}
          disabled={position === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button type="button" className="button ghost small" onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="button ghost small"
          aria-label={`Remove entry ${position + 1}`}
          onClick={onRemove}
        >
          ✕
        </button>
      </div>
    </li>
  );
}
