import { useMemo } from 'react';
import { HIT_TYPES, OUTCOMES, type HitType } from '../../../shared/matomo/types';
import { useAppStore } from '../../store/store-context';
import { TYPE_LABELS } from '../common/type-icon';

/** One-click filters: outcome chips, failed requests, hit type, site, only hits with issues. */
export function QuickFilters() {
  const quick = useAppStore((s) => s.quick);
  const toggleOutcome = useAppStore((s) => s.toggleOutcome);
  const setType = useAppStore((s) => s.setTypeFilter);
  const setSite = useAppStore((s) => s.setSiteFilter);
  const setIssuesOnly = useAppStore((s) => s.setIssuesOnly);
  const setFailed = useAppStore((s) => s.setFailedFilter);
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
