// Routes of runs (`/api/runs`, shared/api/runs.ts): create, list, summarize, wait for hits
// of one run, delete one run and its hits. Hits join a run by their tracking path or
// header; these routes never change how a hit is captured.
import type { ServerResponse } from 'node:http';
import { createRunSchema } from '../../../shared/api/bodies';
import { isRunId } from '../../../shared/api/runs';
import { API_ROUTES } from '../../../shared/api/routes';
import type { RunDeletedDto, RunDto, RunListDto } from '../../../shared/api/types';
import type { AdminContext, HitStore } from '../contracts';
import {
  createRunRegistry,
  RunTakenError,
  type RunRecord,
  type RunRegistry,
} from '../run-registry';
import { evaluatePlan, parsePlan, PlanError, type TrackingPlan } from '../../../shared/plan/plan';
import { readPlanText } from '../../../shared/plan/plan-file';
import { decodeJsonBody } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';
import { answerWait, parseWaitBody } from './routes-wait';

function checkedId(id: string): string {
  if (!isRunId(id)) {
    throw new ApiError(
      400,
      'run.invalid',
      `"${id}" is not a run id (letters, digits, ".", "_", "-").`,
    );
  }
  return id;
}

/**
 * What a run has received so far (hits in memory). Callers wait for the store's read-back
 * first: hits tracked while it runs join the memory window only when it ends.
 */
function runSummary(store: HitStore, run: RunRecord, selfUrl: string): RunDto {
  const total = (extra: object) => store.query({ run: run.id, ...extra }, { limit: 0 }).total;
  const summary: RunDto = {
    id: run.id,
    name: run.name,
    createdAt: run.createdAt,
    trackerUrl: `${selfUrl}/run/${run.id}/matomo.php`,
    hits: total({}),
    recorded: total({ outcome: 'recorded' }),
    excluded: total({ outcome: 'excluded' }),
    rejected: total({ outcome: 'rejected' }),
    withIssues: total({ hasIssues: true }),
  };
  if (run.plan !== undefined) {
    summary.plan = run.plan;
    const plan = readRunPlan(run.plan);
    const result = evaluatePlan(plan, store.all({ run: run.id }));
    summary.coverage = {
      status: result.status,
      expectations: result.expectations.map((e) => ({
        name: e.name,
        status: e.status,
        count: e.count,
        hitIds: e.hitIds,
        message: e.message,
      })),
    };
  }
  return summary;
}

/** A run's plan as given (YAML or JSON text, or the plan object), or 400 saying what is wrong. */
export function readRunPlan(plan: unknown): TrackingPlan {
  try {
    return typeof plan === 'string' ? readPlanText(plan) : parsePlan(plan);
  } catch (error) {
    if (error instanceof PlanError) throw new ApiError(400, 'plan.invalid', error.message);
    throw error;
  }
}

function sendRun(res: ServerResponse, status: number, body: RunDto): void {
  sendJson(res, status, body);
}

export function runRoutes(ctx: AdminContext, given?: RunRegistry): Route[] {
  const registry = given ?? createRunRegistry(ctx.settings.get().dataDir);
  ctx.store.subscribe((event) => {
    if (event.type === 'added' && event.request.run !== undefined) {
      registry.seen(event.request.run, event.request.receivedAt);
    }
    if (event.type === 'reset') registry.forgetSeen();
  });
  const known = (id: string): RunRecord => {
    const run = registry.get(checkedId(id));
    if (run) return run;
    // A run nobody created, whose hits are in memory (e.g. sent before a restart).
    if (ctx.store.query({ run: id }, { limit: 1 }).total > 0) {
      return { id, name: '', createdAt: '' };
    }
    throw new ApiError(404, 'run.not_found', `No run ${id}.`);
  };
  return [
    {
      method: 'GET',
      path: API_ROUTES.runs,
      handle: async ({ res }) => {
        await ctx.store.ready?.();
        const body: RunListDto = {
          runs: registry.list().map((run) => runSummary(ctx.store, run, ctx.selfUrl())),
        };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: API_ROUTES.runs,
      handle: async ({ res, readJson }) => {
        const fields = decodeJsonBody(await readJson(), createRunSchema, 'run.invalid');
        if (fields.plan !== undefined) readRunPlan(fields.plan);
        await ctx.store.ready?.();
        try {
          sendRun(res, 201, runSummary(ctx.store, registry.create(fields), ctx.selfUrl()));
        } catch (error) {
          if (error instanceof RunTakenError) throw new ApiError(409, 'run.exists', error.message);
          throw error;
        }
      },
    },
    {
      method: 'GET',
      path: API_ROUTES.run,
      handle: async ({ res, params }) => {
        await ctx.store.ready?.();
        sendRun(res, 200, runSummary(ctx.store, known(params.id ?? ''), ctx.selfUrl()));
      },
    },
    {
      method: 'DELETE',
      path: API_ROUTES.run,
      handle: async ({ res, params }) => {
        const id = checkedId(params.id ?? '');
        const removed = registry.remove(id);
        if (!ctx.store.dropRun)
          throw new ApiError(501, 'run.unsupported', 'This store cannot drop runs.');
        const removedHits = await ctx.store.dropRun(id);
        if (!removed && removedHits === 0)
          throw new ApiError(404, 'run.not_found', `No run ${id}.`);
        const body: RunDeletedDto = { id, removedHits };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'POST',
      path: API_ROUTES.runWait,
      handle: async ({ res, params, readJson }) => {
        const id = checkedId(params.id ?? '');
        const wait = parseWaitBody(await readJson());
        await answerWait(res, ctx.store, { ...wait, filter: { ...wait.filter, run: id } });
      },
    },
  ];
}
