import type { HitDto } from '../../../shared/api/types';
import { describeVerdict } from '../../../shared/matomo/verdict';
import { summaryOf, transportLabel } from '../../lib/hit-summary';
import { Highlight } from '../common/highlight';
import { OutcomeBadge } from '../common/outcome-badge';
import { TYPE_LABELS, TypeIcon } from '../common/type-icon';
import { toHitRow } from '../../lib/hit-row';
import { LocalTime } from '../common/local-time';

/** What Matomo would do, in one sentence, above the hit's essentials. */
export function VerdictBanner({ hit }: { hit: HitDto }) {
  const row = toHitRow(hit);
  return (
    <div className={`verdict verdict-${hit.outcome}`} data-testid="verdict">
      <h2 className="verdict-sentence">{describeVerdict(hit)}</h2>
      <div className="verdict-facts">
        <OutcomeBadge outcome={hit.outcome} errors={row.errors} warnings={row.warnings} />
        <span className="type-cell">
          <TypeIcon type={hit.type} />
          {TYPE_LABELS[hit.type]}
        </span>
        <span className="muted">{transportLabel(row)}</span>
        <span className="muted">site {hit.idsite ?? '—'}</span>
        <LocalTime className="muted" at={row.time} />
      </div>
      {summaryOf(row) ? (
        <p className="verdict-summary">
          <Highlight text={summaryOf(row)} />
        </p>
      ) : null}
    </div>
  );
}
