import { useEffect } from 'react';
import { issueTotal } from '../../../shared/matomo/issue-cap';
import type { DisplayRow } from '../../lib/table-view';
import { formatClock, plural, timeTitle } from '../../lib/format';
import { useServices } from '../../services-context';
import { toRequestInfo } from '../../store/hits-slice';
import { useAppStore, useAppStoreApi } from '../../store/store-context';

type Group = Extract<DisplayRow, { kind: 'group' }>;

const requested = new Set<string>();
const DROPPED = 'bulk.entry_dropped';

/** One bulk HTTP request: its hits' outcomes and the bulk answer; toggles its hits. */
export function GroupRow({
  group,
  rowIndex,
  columnCount,
  selected,
  top,
}: {
  group: Group;
  rowIndex: number;
  columnCount: number;
  /** Its HTTP request is shown in the inspector. */
  selected: boolean;
  /** Offset of the row in the grid body, in px. */
  top: number;
}) {
  const store = useAppStoreApi();
  const { client } = useServices();
  const request = useAppStore((s) => s.requests[group.requestId]);
  useEffect(() => {
    // Hits loaded from /api/hits come without their request: fetch it once for the answer.
    if (request || requested.has(group.requestId)) return;
    requested.add(group.requestId);
    client
      .requestRecord(group.requestId)
      .then((record) => store.getState().addRequests([toRequestInfo(record)]))
      .catch(() => requested.delete(group.requestId));
  }, [request, group.requestId, client, store]);

  const counts = { recorded: 0, excluded: 0, rejected: 0 };
  for (const hit of group.hits) counts[hit.outcome] += 1;
  // Hits its line in the data file lost are not there to show: counted apart.
  const lost = request?.lostHits ?? 0;
  const readable = group.total - lost;
  const shown =
    group.hits.length < readable
      ? `${group.hits.length} of ${readable} hits shown`
      : `${readable} ${readable === 1 ? 'hit' : 'hits'}`;
  const toggle = () => store.getState().toggleGroup(group.requestId);
  // A closing issue stands for the findings it counts (issue-cap.ts): a bulk may drop 100,000.
  const issues = request?.issues ?? [];
  const dropped = issueTotal(issues.filter((issue) => issue.code === DROPPED));
  const otherIssues = issueTotal(issues) - dropped;
  return (
    <div
      role="row"
      className={selected ? 'group-row selected' : 'group-row'}
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-request-id={group.requestId}
      data-testid="bulk-group"
      style={{ transform: `translateY(${top}px)` }}
      // The row opens its HTTP request (headers, body, answer, request-level issues) in the
      // inspector; the ▸ button shows or hides its hits.
      onClick={() => store.getState().selectFailed(group.requestId)}
    >
      <div role="gridcell" aria-colspan={columnCount} className="group-cell">
        <button
          type="button"
          className="group-toggle"
          // On the button, not the row: a row of a grid (not a treegrid) cannot be expanded.
          aria-expanded={group.expanded}
          // Its time in the name: Tab from one bulk's button to the next reads which one it is.
          aria-label={`${group.expanded ? 'Collapse' : 'Expand'} bulk request of ${formatClock(group.first.time)}`}
          onClick={(event) => {
            event.stopPropagation();
            toggle();
          }}
        >
          {group.expanded ? '▾' : '▸'}
        </button>
        <span className="mono" title={timeTitle(group.first.time)}>
          {formatClock(group.first.time)}
        </span>
        <strong>Bulk request</strong>
        <span className="muted">
          {group.first.method} {group.first.path} · {shown}
        </span>
        {(['recorded', 'excluded', 'rejected'] as const).map((outcome) =>
          counts[outcome] > 0 ? (
            <span key={outcome} className={`badge ${outcome}`}>
              {counts[outcome]} {outcome}
            </span>
          ) : null,
        )}
        {dropped > 0 ? (
          <span
            className="badge excluded"
            title="Entries without a query part, dropped as Matomo does"
          >
            {plural(dropped, 'entry', 'entries')} dropped
          </span>
        ) : null}
        {lost > 0 ? (
          <span
            className="badge rejected"
            title="In a damaged line of the data file; set aside in the file the data alert names"
          >
            {plural(lost, 'hit')} could not be read
          </span>
        ) : null}
        {otherIssues > 0 ? (
          <span className="badge excluded">{plural(otherIssues, 'request issue')}</span>
        ) : null}
        <span
          className="group-answer mono"
          title={
            request
              ? `The answer the tracker sent: ${request.status} ${request.responseBody || '(no body)'}`
              : 'The answer the tracker sent (loading)'
          }
        >
          {request ? `→ ${request.status} ${request.responseBody || '(no body)'}` : '→ …'}
        </span>
      </div>
    </div>
  );
}
