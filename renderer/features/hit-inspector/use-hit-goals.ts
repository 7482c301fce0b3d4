import { useMemo } from 'react';
import type { HitDto } from '../../../shared/api/types';
import { predictGoals, type GoalPrediction } from '../../../shared/matomo/goals/goal-match';
import type { SiteProfile } from '../../../shared/matomo/types';
import { useAppStore } from '../../store/store-context';

export interface HitGoals {
  site: SiteProfile | undefined;
  prediction: GoalPrediction;
  /** The hit converts something: a site goal, a manual goal, an order or a cart. */
  converts: boolean;
}

const CONVERSION_TYPES = new Set(['goal', 'ecommerce_order', 'ecommerce_cart']);

/** The hit's site profile and the goals it would convert in its visit. */
export function useHitGoals(
  hit: Pick<HitDto, 'type' | 'params' | 'outcome' | 'idsite'>,
  visit: { converted?: ReadonlySet<number>; visitSeconds?: number } = {},
): HitGoals {
  const sites = useAppStore((s) => s.settings?.sites);
  const { converted, visitSeconds } = visit;
  return useMemo(() => {
    const site = sites?.find((profile) => profile.idsite === hit.idsite);
    const prediction = predictGoals(hit, site?.goalDefinitions ?? [], { converted, visitSeconds });
    const converts =
      hit.outcome === 'recorded' &&
      (prediction.conversions.length > 0 || CONVERSION_TYPES.has(hit.type));
    return { site, prediction, converts };
  }, [sites, hit, converted, visitSeconds]);
}
