// The plan of the chosen run, checked live against the run's hits in the table: the same
// engine as `hitscope check` and the Playwright helper (shared/plan), so the panel, the CLI
// and the tests agree on what passes.
import type { HitSummaryDto } from '../../../shared/api/types';
import {
  evaluatePlan,
  parsePlan,
  type PlanResult,
  type TrackingPlan,
} from '../../../shared/plan/plan';
import { readPlanText } from '../../../shared/plan/plan-file';
import type { AppState } from '../../store/app-state';

/** A run's plan as the server keeps it (YAML or JSON text, or the plan object). */
export function planOf(value: unknown): TrackingPlan {
  return typeof value === 'string' ? readPlanText(value) : parsePlan(value);
}

/** The rows of one run, oldest first. */
export function runRows(hits: AppState['hits'], run: string): HitSummaryDto[] {
  const rows: HitSummaryDto[] = [];
  for (const id of hits.ids) {
    const row = hits.byId.get(id);
    // A table row carries every field the plan engine reads of a hit summary.
    if (row?.run === run) rows.push(row as unknown as HitSummaryDto);
  }
  return rows;
}

export function checkRun(plan: TrackingPlan, hits: AppState['hits'], run: string): PlanResult {
  return evaluatePlan(plan, runRows(hits, run));
}
