// Goal predictions for the hits of one visit, in the visit's time order: each hit sees the
// goals converted before it (for allow_multiple) and the minutes since the visit's first
// action (for visit_duration goals, core/Tracker/GoalManager.php lines 213–228).
import type { GoalDefinition } from './goal-definition';
import { predictGoals, type GoalHit, type GoalPrediction } from './goal-match';

export interface TimedGoalHit extends GoalHit {
  id: string;
  /** Unix seconds of the hit as its visit dates it. */
  seconds: number;
}

export function visitGoalPredictions(
  hits: readonly TimedGoalHit[],
  goals: readonly GoalDefinition[],
): Map<string, GoalPrediction> {
  const result = new Map<string, GoalPrediction>();
  const converted = new Set<number>();
  const first = hits.find((hit) => hit.type !== 'ping')?.seconds;
  for (const hit of hits) {
    const visitSeconds = first === undefined ? undefined : Math.max(0, hit.seconds - first);
    const prediction = predictGoals(hit, goals, { converted: new Set(converted), visitSeconds });
    for (const conversion of prediction.conversions) converted.add(conversion.idgoal);
    result.set(hit.id, prediction);
  }
  return result;
}
