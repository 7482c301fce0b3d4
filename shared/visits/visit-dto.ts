// From the engine's visit state to the DTOs of /api/visits.
import type { HitDto } from '../api/types';
import { paramValueText } from '../matomo/param-text';
import type { HitType } from '../matomo/types';
import type { CrossHitIssue, VisitActionDto, VisitDetailDto, VisitSummaryDto } from './types';
import type { VisitState } from './visit-state';

const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();

/** What the timeline shows of a hit besides its type and time (read from the stored hit). */
export interface HitDescription {
  url?: string;
  title?: string;
}

export type DescribeHit = (hitId: string) => HitDescription | undefined;

/**
 * URL and title of a stored hit: its parameters and summary are all a visit reads of it, so a
 * hit in its stored form is described without being made a full hit (its views derived).
 */
export function describeHit(hit: Pick<HitDto, 'params' | 'summary'>): HitDescription {
  const url = paramValueText(hit.params.url);
  return { ...(url ? { url } : {}), ...(hit.summary ? { title: hit.summary } : {}) };
}

export function toVisitSummary(visit: VisitState, describe?: DescribeHit): VisitSummaryDto {
  const summary: VisitSummaryDto = {
    id: visit.id,
    idsite: visit.idsite,
    visitorId: visit.visitorId,
    identitySource: visit.identitySource,
    startedAt: iso(visit.earliest),
    lastActionAt: iso(visit.lastActionTime),
    endedAt: iso(visit.endTime),
    // VisitTotalTime.php lines 46–54: 1 + the last hit − the first action.
    durationSeconds: 1 + visit.endTime - visit.firstActionTime,
    hitIds: visit.hitIds,
    actionCount: visit.actionCount,
    pageviewCount: visit.pageviewCount,
    referrer: visit.referrer,
    boundary: visit.boundary,
    issueCount: visit.issueCount,
  };
  const entryUrl = visit.entryHitId && describe?.(visit.entryHitId)?.url;
  if (entryUrl) summary.entryUrl = entryUrl;
  const exitUrl = visit.exitHitId && describe?.(visit.exitHitId)?.url;
  if (exitUrl) summary.exitUrl = exitUrl;
  if (visit.referrer.type === 'campaign') {
    summary.campaign = { name: visit.referrer.name, keyword: visit.referrer.keyword };
  }
  if (visit.userId !== '') summary.userId = visit.userId;
  return summary;
}

const PAGE_TYPES: ReadonlySet<HitType> = new Set(['pageview', 'site_search', 'product_view']);

/** Milliseconds of an action's time as its `at` says it (whole milliseconds). */
const msOf = (seconds: number): number => new Date(seconds * 1000).getTime();

/**
 * The visit's timeline, one action at a time in time order, each made when it is asked for: a
 * visit holds up to 10,000 actions, and an answer that streams them need not hold them all.
 * Time on page runs until the next page view (the last one: until the visit's last hit).
 */
export function* visitActions(
  visit: VisitState,
  describe: DescribeHit,
  findingsOf: (hitId: string) => CrossHitIssue[],
): Generator<VisitActionDto> {
  const order = Array.from({ length: visit.hitCount }, (_, i) => i);
  // By time; hits of the same second stay in arrival order (the sort is stable).
  order.sort((a, b) => visit.timeAt(a) - visit.timeAt(b));
  /** For each place in `order`, when the page view after it starts (ms). */
  const nextPageMs = new Array<number>(order.length);
  let next = visit.endTime * 1000;
  for (let at = order.length - 1; at >= 0; at--) {
    nextPageMs[at] = next;
    const i = order[at]!;
    if (PAGE_TYPES.has(visit.typeAt(i))) next = msOf(visit.timeAt(i));
  }
  for (let at = 0; at < order.length; at++) {
    const i = order[at]!;
    const hitId = visit.hitIdAt(i);
    const type = visit.typeAt(i);
    const action: VisitActionDto = { hitId, type, at: iso(visit.timeAt(i)) };
    const described = describe(hitId);
    if (described?.url) action.url = described.url;
    if (described?.title) action.title = described.title;
    const note = visit.noteOf(hitId);
    if (note) action.note = note;
    const issues = findingsOf(hitId);
    if (issues.length > 0) action.issues = issues;
    if (PAGE_TYPES.has(type)) action.timeOnPageMs = nextPageMs[at]! - msOf(visit.timeAt(i));
    yield action;
  }
}

/** The visit with its timeline, `pause` awaited after each action (see visitActions). */
export async function toVisitDetail(
  visit: VisitState,
  describe: DescribeHit,
  findingsOf: (hitId: string) => CrossHitIssue[],
  pause: () => Promise<void>,
): Promise<VisitDetailDto> {
  const actions: VisitActionDto[] = [];
  for (const action of visitActions(visit, describe, findingsOf)) {
    actions.push(action);
    await pause();
  }
  return { ...toVisitSummary(visit, describe), actions };
}
