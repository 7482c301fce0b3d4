import { useMemo } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { predictGoals, type GoalPrediction } from '../../../shared/matomo/goals/goal-match';
import type { SiteProfile } from '../../../shared/matomo/types';
import type { VisitDetailDto } from '../../../shared/visits/types';
import { useAppStore } from '../../store/store-context';
import { useVisitGoals } from './use-visit-goals';

export interface HitGoals {
  site: SiteProfile | undefined;
  prediction: GoalPrediction;
  /** The hit converts something: a site goal, a manual goal, an order or a cart. */
  converts: boolean;
}

const CONVERSION_TYPES = new Set(['goal', 'ecommerce_order', 'ecommerce_cart']);

/** The hit's site profile and the goals it would convert in its visit. */
export function useHitGoals(
  hit: Pick<HitDto, 'id' | 'type' | 'params' | 'outcome' | 'idsite'>,
  visit: VisitDetailDto | null,
): HitGoals {
  const sites = useAppStore((s) => s.settings?.sites);
  // In its visit, a hit sees the goals converted before it and the visit's duration.
  const inVisit = useVisitGoals(visit).get(hit.id);
  return useMemo(() => {
    const site = sites?.find((profile) => profile.idsite === hit.idsite);
    const prediction = inVisit ?? predictGoals(hit, site?.goalDefinitions ?? []);
    const converts =
      hit.outcome === 'recorded' &&
      (prediction.conversions.length > 0 || CONVERSION_TYPES.has(hit.type));
    return { site, prediction, converts };
  }, [sites, hit, inVisit]);
}
