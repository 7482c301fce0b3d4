import type { CompiledQuery } from '../../lib/query/compile-query';
import { QueryExplanation } from './query-explanation';
import { QuickFilters } from './quick-filters';
import { SearchBox } from './search-box';
import '../../styles/filters.css';

/** Search box with autocomplete, quick filters, and what the filter matched. */
export function FilterBar({
  query,
  shown,
  total,
}: {
  query: CompiledQuery;
  shown: number;
  total: number;
}) {
  return (
    <div className="filter-bar">
      <div className="filter-row">
        <SearchBox />
        <QuickFilters />
      </div>
      <QueryExplanation query={query} shown={shown} total={total} />
    </div>
  );
}
