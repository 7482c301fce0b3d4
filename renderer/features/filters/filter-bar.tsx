import { useAppStore } from '../../store/store-context';
import { PlanPanel } from '../plan/plan-panel';
import { QueryExplanation, type QueryExplanationProps } from './query-explanation';
import { QuickFilters } from './quick-filters';
import { SearchBox } from './search-box';
import '../../styles/filters.css';

/** Search box with autocomplete, quick filters, and what the filter matched. */
export function FilterBar({ query, shown, total, matches }: QueryExplanationProps) {
  const run = useAppStore((s) => s.quick.run);
  return (
    <div className="filter-bar">
      <div className="filter-row">
        <SearchBox />
        <QuickFilters />
      </div>
      <QueryExplanation query={query} shown={shown} total={total} matches={matches} />
      {run ? <PlanPanel key={run} run={run} /> : null}
    </div>
  );
}
