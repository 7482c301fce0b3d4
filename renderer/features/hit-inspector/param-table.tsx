import { useMemo, useState } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { isFoldable, meaningfulOnlyPref } from '../../lib/meaningful-params';
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
  const allGroups = useMemo(() => groupParams(hit.decoded, hit.issues), [hit]);
  const [meaningfulOnly, setMeaningfulOnly] = useState(() => meaningfulOnlyPref.load() ?? false);
  const matched = new Set(queryParams);
  const keep = new Set(focusedParam === null ? queryParams : [...queryParams, focusedParam]);
  const folded: string[] = [];
  const groups = meaningfulOnly
    ? allGroups
        .map((group) => ({
          ...group,
          entries: group.entries.filter((entry) => {
            const fold = isFoldable(entry, keep);
            if (fold) folded.push(entry.name);
            return !fold;
          }),
        }))
        .filter((group) => group.entries.length > 0)
    : allGroups;
  if (allGroups.length === 0) {
    return <p className="muted">This request carries no parameter.</p>;
  }
  const toggle = (on: boolean) => {
    setMeaningfulOnly(on);
    meaningfulOnlyPref.save(on);
  };
  return (
    <section className="params" aria-label="Parameters">
      <div className="params-switch">
        <label>
          <input
            type="checkbox"
            checked={meaningfulOnly}
            onChange={(event) => toggle(event.target.checked)}
          />{' '}
          Meaningful parameters only
        </label>
        {folded.length > 0 ? (
          <span className="muted small" data-testid="folded-params">
            {folded.length} set by the tracker itself folded: {folded.join(', ')}
          </span>
        ) : null}
      </div>
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
                  hitId={hit.id}
                  cut={hit.cut?.params?.[entry.name]}
                />
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}
