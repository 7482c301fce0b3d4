import { useMemo } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { groupParams, UNKNOWN_GROUP } from '../../lib/param-groups';
import { ParamRow } from './param-row';
import '../../styles/inspector-params.css';

/** Decoded parameters, grouped as in the catalogue. */
export function ParamTable({
  hit,
  reveal,
  focusedParam,
  queryParams,
}: {
  hit: HitDto;
  reveal: boolean;
  focusedParam: string | null;
  queryParams: string[];
}) {
  const groups = useMemo(() => groupParams(hit.decoded, hit.issues), [hit]);
  const matched = new Set(queryParams);
  if (groups.length === 0) return <p className="muted">This request carries no parameter.</p>;
  return (
    <section className="params" aria-label="Parameters">
      {groups.map((group) => (
        <div key={group.group} className="param-group">
          <h3>
            {group.group}
            {group.group === UNKNOWN_GROUP ? (
              <span className="muted small"> — Matomo ignores these</span>
            ) : null}
          </h3>
          <table className="param-table">
            <tbody>
              {group.entries.map((entry) => (
                <ParamRow
                  key={entry.name}
                  entry={entry}
                  reveal={reveal}
                  focused={focusedParam === entry.name}
                  matched={matched.has(entry.name)}
                />
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
