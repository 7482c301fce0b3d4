import { useEffect, useState } from 'react';
import { useAppStore } from '../../store/store-context';
import { useVisitDetail, useVisitList, VISITS_PAGE } from './use-visits-data';
import { VisitList } from './visit-list';
import { VisitTimeline } from './visit-timeline';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { VisitSummaryDto } from '../../../shared/visits/types';
import './visits.css';

const NO_VISITS: VisitSummaryDto[] = [];
const NO_SITES: SiteProfile[] = [];

/** Visits as Matomo would form them: filter by site and visitor, pick one, read its timeline. */
export function VisitsView() {
  const sites = useAppStore((s) => s.settings?.sites) ?? NO_SITES;
  const selectedId = useAppStore((s) => s.selectedVisitId);
  const selectVisit = useAppStore((s) => s.selectVisit);
  const [idsite, setIdsite] = useState<number | undefined>(undefined);
  const [visitor, setVisitor] = useState('');
  const list = useVisitList(idsite, visitor.trim());
  const detail = useVisitDetail(selectedId);
  const visits = list.data?.visits ?? NO_VISITS;
  const newest = visits[0]?.id;
  // Nothing chosen yet: show the newest visit.
  useEffect(() => {
    if (!selectedId && newest) selectVisit(newest);
  }, [selectedId, newest, selectVisit]);
  return (
    <div className="visits-view">
      <div className="visits-toolbar" role="search" aria-label="Filter visits">
        <label className="field inline">
          <span>Site</span>
          <select
            className="input"
            value={idsite ?? ''}
            onChange={(e) => setIdsite(e.target.value === '' ? undefined : Number(e.target.value))}
          >
            <option value="">All sites</option>
            {sites.map((site) => (
              <option key={site.idsite} value={site.idsite}>
                {site.idsite} — {site.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>Visitor</span>
          <input
            className="input mono"
            placeholder="visitor id or user id"
            value={visitor}
            onChange={(e) => setVisitor(e.target.value)}
          />
        </label>
        <span className="muted" role="status">
          {list.data
            ? `${list.data.total} ${list.data.total === 1 ? 'visit' : 'visits'}${list.data.total > VISITS_PAGE ? `, newest ${VISITS_PAGE} shown` : ''}`
            : 'Loading visits…'}
        </span>
      </div>
      {list.error ? (
        <p className="visits-error" role="alert">
          {list.error}
        </p>
      ) : null}
      <div className="visits-body">
        <div className="visits-list-pane">
          {list.data && visits.length === 0 ? (
            <p className="muted visits-empty">
              No visits yet: recorded hits form visits as Matomo would (excluded and rejected hits
              take no part).
            </p>
          ) : (
            <VisitList visits={visits} selectedId={selectedId} onSelect={selectVisit} />
          )}
        </div>
        <div className="visits-detail-pane">
          {detail.data ? (
            <VisitTimeline visit={detail.data} />
          ) : detail.error ? (
            <p className="visits-error" role="alert">
              {detail.error}
            </p>
          ) : (
            <p className="muted">Pick a visit to see its actions.</p>
          )}
        </div>
      </div>
    </div>
  );
}
