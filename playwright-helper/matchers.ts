// The matchers of `expect(hitscope)`: they ask the test's run, wait where waiting makes sense
// (up to the expect timeout), and fail with what Hitscope saw instead, the closest hits first.
import type { ExpectMatcherState } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HitDto } from '../shared/api/types';
import { evaluatePlan, parsePlan, type PlanResult, type TrackingPlan } from '../shared/plan/plan';
import { readPlanText } from '../shared/plan/plan-file';
import {
  describeExpectation,
  toHitFilter,
  type HitExpectation,
  type HitscopeRun,
  type WaitOutcome,
} from './run';

export interface WaitOptions {
  /** How long to wait for the hits, in ms; default: the expect timeout of the project. */
  timeout?: number;
}

export type Severity = 'error' | 'warning' | 'info';
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

type MatcherResult = { pass: boolean; message: () => string; name: string };

function hitLine(hit: HitDto): string {
  return `  - ${hit.id} ${hit.type}: ${hit.summary}`;
}

/** The closest hits of a timed-out wait, as the server explained them. */
function nearestMissText(outcome: WaitOutcome): string {
  if (outcome.explanation) return `\n\n${outcome.explanation}`;
  const lines = outcome.misses.map(
    (miss) => `  hit ${miss.hitId}: ${miss.differences.map((d) => d.text).join('; ')}`,
  );
  return lines.length > 0 ? `\n\nNearest misses:\n${lines.join('\n')}` : '';
}

function timeoutOf(state: ExpectMatcherState, options?: WaitOptions): number {
  return Math.max(0, Math.round(options?.timeout ?? state.timeout));
}

function header(state: ExpectMatcherState, name: string, what: string): string {
  return `${state.utils.matcherHint(name, 'hitscope', what, { isNot: state.isNot })}\n\n`;
}

/** A plan file (YAML or JSON), relative to the directory the tests run in. */
function readPlanFile(path: string): TrackingPlan {
  const full = resolve(path);
  return readPlanText(readFileSync(full, 'utf8'), full);
}

const MARKS: Record<string, string> = { pass: '✓', fail: '✗', open: '…' };

/** The plan's verdict, one line per expectation, the nearest misses under unmet ones. */
function planReport(result: PlanResult, runId: string): string {
  const lines = [
    `Run ${runId}: the plan ${result.status === 'pass' ? 'is satisfied' : 'is not satisfied'} (${result.hits} hits checked).`,
  ];
  for (const expectation of result.expectations) {
    lines.push(
      `${MARKS[expectation.status] ?? ''} ${expectation.name} (${expectation.count}): ${expectation.message.replace(/\n/g, '\n    ')}`,
    );
  }
  for (const check of result.issues)
    lines.push(`${MARKS[check.status] ?? ''} ${check.name}: ${check.message}`);
  if (result.unplanned.status === 'fail' || result.unplanned.hitIds.length > 0) {
    lines.push(
      `${MARKS[result.unplanned.status] ?? ''} unplanned hits: ${result.unplanned.message}`,
    );
  }
  return lines.join('\n');
}

export const hitscopeMatchers = {
  async toHaveReceived(
    this: ExpectMatcherState,
    run: HitscopeRun,
    expected: HitExpectation,
    options?: WaitOptions,
  ): Promise<MatcherResult> {
    const name = 'toHaveReceived';
    const what = describeExpectation(expected);
    // `.not`: no matching hit now (waiting for something not to happen proves nothing more).
    const outcome = await run.wait(
      toHitFilter(expected),
      1,
      this.isNot ? 0 : timeoutOf(this, options),
    );
    const pass = outcome.ok;
    const message = () =>
      pass
        ? `${header(this, name, what)}Expected no hit matching ${what} in run ${run.id}, got ${outcome.total}:\n${outcome.hits.map(hitLine).join('\n')}`
        : `${header(this, name, what)}Expected a hit matching ${what} in run ${run.id} within ${timeoutOf(this, options)} ms.${nearestMissText(outcome)}`;
    return { pass, message, name };
  },

  async toHaveReceivedTimes(
    this: ExpectMatcherState,
    run: HitscopeRun,
    times: number,
    expected: HitExpectation,
    options?: WaitOptions,
  ): Promise<MatcherResult> {
    const name = 'toHaveReceivedTimes';
    const what = describeExpectation(expected);
    const filter = toHitFilter(expected);
    const outcome =
      times === 0
        ? await run.wait(filter, 1, 0)
        : await run.wait(filter, times, timeoutOf(this, options));
    const total = outcome.total;
    const pass = total === times;
    const message = () => {
      const head = `${header(this, name, `${times}, ${what}`)}Expected ${this.isNot ? 'not ' : ''}${times} hit${times === 1 ? '' : 's'} matching ${what} in run ${run.id}, got ${total}.`;
      if (total < times) return head + nearestMissText(outcome);
      return `${head}\n${outcome.hits.map(hitLine).join('\n')}`;
    };
    return { pass, message, name };
  },

  async toSatisfyPlan(
    this: ExpectMatcherState,
    run: HitscopeRun,
    plan: string | TrackingPlan,
    options?: WaitOptions,
  ): Promise<MatcherResult> {
    const name = 'toSatisfyPlan';
    const label = typeof plan === 'string' ? plan : 'the plan';
    const parsed = typeof plan === 'string' ? readPlanFile(plan) : parsePlan(plan);
    // Live until the timeout: an expectation still open may be met by hits on their way;
    // anything failed (too many, forbidden, out of order) cannot be undone, so stop there.
    const deadline = Date.now() + timeoutOf(this, options);
    let result = evaluatePlan(parsed, await run.hits());
    while (result.status === 'open' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      result = evaluatePlan(parsed, await run.hits());
    }
    if (result.status === 'open') result = evaluatePlan(parsed, await run.hits(), { final: true });
    const pass = result.status === 'pass';
    return {
      pass,
      message: () => `${header(this, name, label)}${planReport(result, run.id)}`,
      name,
    };
  },

  async toHaveNoIssues(
    this: ExpectMatcherState,
    run: HitscopeRun,
    options: { severity?: Severity } = {},
  ): Promise<MatcherResult> {
    const name = 'toHaveNoIssues';
    const threshold = options.severity ?? 'warning';
    const severities = SEVERITIES.slice(0, SEVERITIES.indexOf(threshold) + 1);
    const hits = await run.hits({ query: `severity:${severities.join(',')}` });
    const pass = hits.length === 0;
    const lines = hits.flatMap((hit) =>
      hit.issues
        .filter((issue) => severities.includes(issue.severity as Severity))
        .map(
          (issue) =>
            `  - ${hit.id} ${hit.type}: ${issue.severity} ${issue.code}${issue.param ? ` (${issue.param})` : ''}: ${issue.message}`,
        ),
    );
    const message = () =>
      pass
        ? `${header(this, name, threshold)}Expected issues of severity ${severities.join(' or ')} in run ${run.id}, found none.`
        : `${header(this, name, threshold)}Expected no issue of severity ${severities.join(' or ')} in run ${run.id}, found ${lines.length}:\n${lines.join('\n')}`;
    return { pass, message, name };
  },
};
