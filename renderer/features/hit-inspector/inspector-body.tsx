import { useCallback, useMemo, useState } from 'react';
import type { HitDetailDto } from '../../../shared/api/types';
import { tokenMask } from '../../lib/mask-token';
import { AttributionSection } from './attribution-section';
import { DeviceView } from './device-view';
import { GoalsSection } from './goals-section';
import { InspectorToolbar } from './inspector-toolbar';
import { ImportedNote } from './imported-note';
import { IssuesList } from './issues-list';
import { ParamTable } from './param-table';
import { RawView } from './raw-view';
import { useHitGoals } from './use-hit-goals';
import { useHitVisit } from './use-hit-visit';
import { VerdictBanner } from './verdict-banner';
import { VisitNote } from './visit-note';
import { useAppStore } from '../../store/store-context';

/** One hit: verdict, toolbar, then the decoded view or the raw HTTP exchange. */
export function InspectorBody({
  detail,
  tab,
  onTab,
  queryParams,
}: {
  detail: HitDetailDto;
  tab: 'decoded' | 'raw';
  onTab: (tab: 'decoded' | 'raw') => void;
  queryParams: string[];
}) {
  const [reveal, setReveal] = useState(false);
  const select = useAppStore((s) => s.select);
  const setQuery = useAppStore((s) => s.setQuery);
  const [focusedParam, setFocusedParam] = useState<string | null>(null);
  const focusParam = useCallback(
    (name: string) => {
      onTab('decoded');
      setFocusedParam(name);
      requestAnimationFrame(() => {
        document
          .getElementById(`param-${name}`)
          ?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      });
    },
    [onTab],
  );
  // A duplicate token_auth's issue quotes the value Matomo keeps: issues show masked too.
  const hit = useMemo(() => {
    if (reveal) return detail.hit;
    const issues = tokenMask.maskIssues(detail.hit);
    return issues === detail.hit.issues ? detail.hit : { ...detail.hit, issues };
  }, [detail.hit, reveal]);
  const visit = useHitVisit(detail.hit.visitId);
  const goals = useHitGoals(detail.hit, visit);
  return (
    <div className="inspector-body" data-hit-id={hit.id}>
      <VerdictBanner hit={hit} />
      <ImportedNote request={detail.request} />
      <VisitNote hit={hit} onShowVisit={setQuery} />
      <InspectorToolbar detail={detail} reveal={reveal} onReveal={setReveal} />
      <div className="inspector-tabs" role="tablist" aria-label="Inspector views">
        {(['decoded', 'raw'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === name}
            onClick={() => onTab(name)}
          >
            {name === 'decoded' ? 'Decoded' : 'Raw request'}
          </button>
        ))}
      </div>
      {/* Focusable so its content scrolls from the keyboard too (it holds few focusable items). */}
      <div
        className="inspector-scroll"
        role="tabpanel"
        tabIndex={0}
        aria-label={tab === 'decoded' ? 'Decoded hit' : 'Raw request'}
      >
        {tab === 'decoded' ? (
          <>
            <IssuesList
              issues={hit.issues}
              onIssue={focusParam}
              onRelated={select}
              params={hit.decoded}
            />
            <ParamTable
              hit={hit}
              reveal={reveal}
              focusedParam={focusedParam}
              queryParams={queryParams}
            />
            <GoalsSection idsite={hit.idsite} site={goals.site} prediction={goals.prediction} />
            <AttributionSection
              hit={hit}
              visit={visit}
              site={goals.site}
              converts={goals.converts}
            />
            <DeviceView device={hit.device} userAgent={hit.userAgent} />
          </>
        ) : (
          <RawView detail={detail} reveal={reveal} />
        )}
      </div>
    </div>
  );
}
