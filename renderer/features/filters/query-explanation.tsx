import { formatCount } from '../../lib/format';
import type { CompiledQuery } from '../../lib/query/compile-query';
import { useAppStore } from '../../store/store-context';
import { TYPE_LABELS } from '../common/type-icon';
import { focusSearch } from './search-focus';

export interface QueryExplanationProps {
  query: CompiledQuery;
  shown: number;
  total: number;
  /**
   * A capture larger than the page, searched on the server: the hits matching there, null
   * while the search runs. Undefined while the page holds every hit.
   */
  matches?: number | null;
}

/**
 * "Showing 12 of 340 hits where type is event and e_c contains "Video"", or over a capture
 * larger than the page "12 of 1,500,000 stored hits match where …", plus problems.
 */
export function QueryExplanation({ query, shown, total, matches }: QueryExplanationProps) {
  const quick = useAppStore((s) => s.quick);
  const clearFilters = useAppStore((s) => s.clearFilters);
  const stored = useAppStore((s) => s.summary?.hits ?? 0);
  const parts = [...query.explanation];
  if (quick.outcomes.length) parts.push(`outcome is ${quick.outcomes.join(' or ')}`);
  if (quick.type) parts.push(`type is ${TYPE_LABELS[quick.type].toLowerCase()}`);
  if (quick.idsite !== null) parts.push(`idsite is ${quick.idsite}`);
  if (quick.issuesOnly) parts.push('has issues');
  if (quick.run) parts.push(`run is ${quick.run}`);
  if (parts.length === 0 && query.problems.length === 0) return null;
  return (
    <div className="query-explanation" data-testid="query-explanation" aria-live="polite">
      {parts.length && query.problems.length === 0 ? (
        <span>
          {matches === undefined ? (
            <>
              Showing <strong>{formatCount(shown)}</strong> of {formatCount(total)} hits where{' '}
            </>
          ) : matches === null ? (
            <>Searching all {formatCount(stored)} stored hits for those where </>
          ) : (
            <>
              <strong>{formatCount(matches)}</strong> of {formatCount(stored)} stored hits match
              where{' '}
            </>
          )}
          {parts.map((part, i) => (
            <span key={i}>
              {i > 0 ? <span className="muted"> and </span> : null}
              <code>{part}</code>
            </span>
          ))}
        </span>
      ) : null}
      {matches !== undefined && parts.length ? (
        <span className="muted" role="note" data-testid="server-search-note">
          Searched on the server: every stored hit, the data file included.
        </span>
      ) : null}
      {query.problems.length ? (
        <span className="query-problem-lead">
          Showing <strong>no hits</strong>: the search has a mistake.
        </span>
      ) : null}
      {query.problems.map((problem) => (
        <span key={problem} className="query-problem" role="note">
          {problem}
        </span>
      ))}
      <button
        type="button"
        className="button small ghost"
        onClick={() => {
          clearFilters();
          // This line goes away with the filters; the search box is where a new one starts.
          focusSearch();
        }}
      >
        Clear filters
      </button>
    </div>
  );
}
