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

/**
 * The visit with its timeline, `pause` awaited after each action: a visit holds up to 10,000
 * actions, and building them in one go held the event loop for tens of milliseconds.
 */
export async function toVisitDetail(
  visit: VisitState,
  describe: DescribeHit,
  findingsOf: (hitId: string) => CrossHitIssue[],
  pause: () => Promise<void>,
): Promise<VisitDetailDto> {
  const order = Array.from({ length: visit.hitCount }, (_, i) => i);
  // By time; hits of the same second stay in arrival order (the sort is stable).
  order.sort((a, b) => visit.timeAt(a) - visit.timeAt(b));
  const actions: VisitActionDto[] = [];
  for (const i of order) {
    const hitId = visit.hitIdAt(i);
    const action: VisitActionDto = {
      hitId,
      type: visit.typeAt(i),
      at: iso(visit.timeAt(i)),
    };
    const described = describe(hitId);
    if (described?.url) action.url = described.url;
    if (described?.title) action.title = described.title;
    const note = visit.noteOf(hitId);
    if (note) action.note = note;
    const issues = findingsOf(hitId);
    if (issues.length > 0) action.issues = issues;
    actions.push(action);
    await pause();
  }
  // Time on page: until the next page view, the last one until the visit's last hit.
  let previous: VisitActionDto | null = null;
  for (const action of actions) {
    if (!PAGE_TYPES.has(action.type)) continue;
    if (previous) previous.timeOnPageMs = Date.parse(action.at) - Date.parse(previous.at);
    previous = action;
    await pause();
  }
  if (previous) previous.timeOnPageMs = visit.endTime * 1000 - Date.parse(previous.at);
  return { ...toVisitSummary(visit, describe), actions };
}
