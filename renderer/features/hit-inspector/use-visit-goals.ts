import { useMemo } from 'react';
import type { GoalPrediction } from '../../../shared/matomo/goals/goal-match';
import { visitGoalPredictions } from '../../../shared/matomo/goals/visit-goals';
import type { VisitDetailDto } from '../../../shared/visits/types';
import { useAppStore } from '../../store/store-context';

/**
 * The goals each action of a visit converts, from the site profile's goal rules and the
 * hits' parameters as the table holds them (an action no longer in memory shows none).
 */
export function useVisitGoals(visit: VisitDetailDto | null): Map<string, GoalPrediction> {
  const sites = useAppStore((s) => s.settings?.sites);
  const rows = useAppStore((s) => s.hits.byId);
  return useMemo(() => {
    const goals = sites?.find((site) => site.idsite === visit?.idsite)?.goalDefinitions ?? [];
    if (!visit || goals.length === 0) return new Map();
    const hits = visit.actions.flatMap((action) => {
      const row = rows.get(action.hitId);
      if (!row) return [];
      const seconds = Date.parse(action.at) / 1000;
      return [
        { id: action.hitId, seconds, type: action.type, params: row.params, outcome: row.outcome },
      ];
    });
    return visitGoalPredictions(hits, goals);
  }, [sites, rows, visit]);
}
