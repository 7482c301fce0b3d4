import { useMemo } from 'react';
import { HIT_TYPES, OUTCOMES, type HitType } from '../../../shared/matomo/types';
import type { AppState } from '../../store/app-state';
import { useAppStore } from '../../store/store-context';
import { TYPE_LABELS } from '../common/type-icon';

/** The runs of the newest hits (newest run first), and the chosen one even without hits. */
function runsInUse(hits: AppState['hits'], chosen: string | null): string[] {
  const runs = new Set<string>();
  const { ids, byId } = hits;
  for (let i = ids.length - 1, seen = 0; i >= 0 && seen < 5000; i--, seen++) {
    const run = byId.get(ids[i] as string)?.run;
    if (run) runs.add(run);
  }
  if (chosen !== null) runs.add(chosen);
  return [...runs];
}

/** One-click filters: outcome chips, failed requests, hit type, site, only hits with issues. */
export function QuickFilters() {
  const quick = useAppStore((s) => s.quick);
  const toggleOutcome = useAppStore((s) => s.toggleOutcome);
  const setType = useAppStore((s) => s.setTypeFilter);
  const setSite = useAppStore((s) => s.setSiteFilter);
  const setIssuesOnly = useAppStore((s) => s.setIssuesOnly);
  const setFailed = useAppStore((s) => s.setFailedFilter);
  const setRun = useAppStore((s) => s.setRunFilter);
  const hits = useAppStore((s) => s.hits);
  const profiles = useAppStore((s) => s.settings?.sites);
  const sites = useMemo(() => {
    const ids = new Set<number>();
    for (const site of profiles ?? []) ids.add(site.idsite);
    // The newest hits are enough to list the sites in use.
    const { ids: hitIds, byId } = hits;
    for (let i = hitIds.length - 1, seen = 0; i >= 0 && seen < 5000; i--, seen++) {
      const idsite = byId.get(hitIds[i] as string)?.idsite;
      if (idsite !== null && idsite !== undefined) ids.add(idsite);
    }
    if (quick.idsite !== null) ids.add(quick.idsite);
    return [...ids].sort((a, b) => a - b);
  }, [hits, profiles, quick.idsite]);
  const runs = useMemo(() => runsInUse(hits, quick.run ?? null), [hits, quick.run]);
  return (
    <div className="quick-filters" role="group" aria-label="Quick filters">
      {OUTCOMES.map((outcome) => (
        <button
          key={outcome}
          type="button"
          className={`chip ${outcome}`}
          aria-pressed={quick.outcomes.includes(outcome)}
          onClick={() => toggleOutcome(outcome)}
        >
          {outcome}
        </button>
      ))}
      <button
        type="button"
        className="chip failed"
        aria-pressed={quick.failed}
        title="Requests refused before analysis (too large, URL too long, stalled or aborted upload, unreadable HTTP). They also show when no filter is set; alone, this shows only them."
        onClick={() => setFailed(!quick.failed)}
      >
        failed
      </button>
      <select
        className="select"
        aria-label="Hit type"
        value={quick.type ?? ''}
        onChange={(event) => setType((event.target.value || null) as HitType | null)}
      >
        <option value="">All types</option>
        {HIT_TYPES.map((type) => (
          <option key={type} value={type}>
            {TYPE_LABELS[type]}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label="Site"
        value={quick.idsite ?? ''}
        onChange={(event) => setSite(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">All sites</option>
        {sites.map((idsite) => (
          <option key={idsite} value={idsite}>
            {profiles?.find((site) => site.idsite === idsite)?.name
              ? `${idsite} · ${profiles.find((site) => site.idsite === idsite)?.name}`
              : `Site ${idsite}`}
          </option>
        ))}
      </select>
      {runs.length > 0 ? (
        <select
          className="select"
          aria-label="Run"
          value={quick.run ?? ''}
          onChange={(event) => setRun(event.target.value || null)}
        >
          <option value="">All runs</option>
          {runs.map((run) => (
            <option key={run} value={run}>
              Run {run}
            </option>
          ))}
        </select>
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={quick.issuesOnly}
          onChange={(event) => setIssuesOnly(event.target.checked)}
        />
        Only with issues
      </label>
    </div>
  );
}
