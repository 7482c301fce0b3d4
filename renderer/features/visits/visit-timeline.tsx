import type { VisitDetailDto } from '../../../shared/visits/types';
import { formatLocalDateTime } from '../../lib/format';
import { referrerLabel } from '../../lib/referrer-label';
import { durationLabel, IDENTITY_LABELS } from '../../lib/visit-labels';
import { useAppStore } from '../../store/store-context';
import { useVisitGoals } from '../hit-inspector/use-visit-goals';
import { VisitActionRow } from './visit-action-row';
import { VisitRules } from './visit-rules';

const PAGE_TYPES = new Set(['pageview', 'site_search', 'product_view']);

/** One visit: who, how long, how it was referred, why it opened, and its actions in order. */
export function VisitTimeline({ visit }: { visit: VisitDetailDto }) {
  const rows = useAppStore((s) => s.hits.byId);
  const select = useAppStore((s) => s.select);
  const setView = useAppStore((s) => s.setView);
  const goals = useVisitGoals(visit);
  const inspect = (hitId: string) => {
    select(hitId);
    setView('hits');
  };
  const pages = visit.actions.filter((action) => PAGE_TYPES.has(action.type));
  const entryId = pages[0]?.hitId;
  const exitId = pages[pages.length - 1]?.hitId;
  const conversions = [...goals.values()].reduce((sum, p) => sum + p.conversions.length, 0);
  return (
    <section className="visit-detail" aria-label="Visit" data-visit-id={visit.id}>
      <header className="visit-detail-head">
        <h2>Visit of {visit.userId ? `${visit.userId} (${visit.visitorId})` : visit.visitorId}</h2>
        <span className="badge visit-reason" data-code={visit.boundary.code}>
          {visit.boundary.text}
        </span>
      </header>
      <dl className="visit-facts">
        <dt>Site</dt>
        <dd>{visit.idsite}</dd>
        <dt>Visitor</dt>
        <dd>
          <span className="mono">{visit.visitorId}</span>{' '}
          <span className="muted">{IDENTITY_LABELS[visit.identitySource]}</span>
        </dd>
        <dt>Started</dt>
        <dd>{formatLocalDateTime(Date.parse(visit.startedAt))}</dd>
        <dt>Duration</dt>
        <dd>
          {durationLabel(visit.durationSeconds)} · {visit.actionCount}{' '}
          {visit.actionCount === 1 ? 'action' : 'actions'} · {visit.pageviewCount}{' '}
          {visit.pageviewCount === 1 ? 'page view' : 'page views'}
          {conversions
            ? ` · ${conversions} ${conversions === 1 ? 'conversion' : 'conversions'}`
            : ''}
        </dd>
        <dt>Referrer</dt>
        <dd data-testid="visit-attribution">{referrerLabel(visit.referrer)}</dd>
        <dt>Entry page</dt>
        <dd className="mono ellipsis" title={visit.entryUrl}>
          {visit.entryUrl ?? '—'}
        </dd>
        <dt>Exit page</dt>
        <dd className="mono ellipsis" title={visit.exitUrl}>
          {visit.exitUrl ?? '—'}
        </dd>
        {visit.rules ? (
          <>
            <dt>Visit rules</dt>
            <dd>
              <VisitRules rules={visit.rules} />
            </dd>
          </>
        ) : null}
      </dl>
      <h3>Actions</h3>
      <ol className="visit-actions" aria-label="Actions of the visit">
        {visit.actions.map((action) => (
          <VisitActionRow
            key={action.hitId}
            action={action}
            params={rows.get(action.hitId)?.params}
            goals={goals.get(action.hitId)}
            entry={action.hitId === entryId}
            exit={action.hitId === exitId && pages.length > 1}
            onInspect={inspect}
          />
        ))}
      </ol>
    </section>
  );
}
