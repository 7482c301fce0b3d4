import { useEffect, useState } from 'react';
import type { VisitDetailDto } from '../../../shared/visits/types';
import { useServices } from '../../services-context';
import { useAppStore } from '../../store/store-context';

/** The visit of the inspected hit (refetched as new hits arrive), or null. */
export function useHitVisit(visitId: string | undefined): VisitDetailDto | null {
  const { client } = useServices();
  const version = useAppStore((s) => s.hits.version);
  const visitsFormed = useAppStore((s) => s.visitsFormed);
  const [visit, setVisit] = useState<VisitDetailDto | null>(null);
  useEffect(() => {
    if (!visitId) return;
    let live = true;
    client.visit(visitId).then(
      (found) => live && setVisit(found),
      () => live && setVisit(null),
    );
    return () => {
      live = false;
    };
  }, [client, visitId, version, visitsFormed]);
  return visitId && visit?.id === visitId ? visit : null;
}
