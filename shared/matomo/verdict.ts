// One plain sentence saying what Matomo would do with a hit and, when it would not store it,
// the reason. The reason comes from the issue that decided the outcome (validate.ts).
import { abortingEntryOf } from './bulk-abort';
import { issueTotal } from './issue-cap';
import { ISSUE_CODES, isIssueCode, type IssueCode } from './issue-codes';
import type { HitType, Issue, Outcome } from './types';

export const HIT_TYPE_LABELS: Record<HitType, string> = {
  pageview: 'page view',
  event: 'event',
  site_search: 'site search',
  outlink: 'outlink click',
  download: 'download',
  content_impression: 'content impression',
  content_interaction: 'content interaction',
  goal: 'goal conversion',
  ecommerce_order: 'ecommerce order',
  ecommerce_cart: 'cart update',
  product_view: 'product page view',
  ping: 'heartbeat',
  media: 'media view',
  crash: 'crash report',
  unknown: 'request',
};

/** Short reasons for the codes that stop a hit; other codes fall back to their message. */
const REASONS: Partial<Record<IssueCode, (issue: Issue) => string>> = {
  'idsite.missing': () => 'idsite is missing',
  'idsite.invalid': () => 'idsite is not a positive integer',
  'idsite.unknown': () => 'the site does not exist',
  'cid.length': () => 'cid must be 16 characters',
  'auth.required': (issue) => `${issue.param ?? 'an override'} needs a valid token_auth`,
  'cdt.too_old': () => 'a hit time 24 hours or older needs a valid token_auth',
  'pf.negative': (issue) => `${issue.param ?? 'a pf_* timing'} is negative`,
  'idgoal.unknown': () => 'the goal does not exist',
  'ec_id.duplicate': () => 'this order id was already recorded',
  'ca.unclaimed': () => 'ca=1 but nothing in the hit is a custom action',
  'request.empty': () => 'the request has no parameters',
  'rec.missing': () => 'rec is missing',
  'bot.excluded': () => 'the user agent is a bot and bots=1 is not set',
  'install_check.excluded': () => 'it is a tracker installation check',
  'ec_items.ignored': () => 'ec_items is not a list, so the conversion is skipped',
  'bulk.json_invalid': () => 'the bulk body is not valid JSON',
  'event.blank': (issue) =>
    `${issue.param ?? 'the event category or action'} is blank once trimmed`,
  'content.blank': () => 'c_n is blank once trimmed',
  'bot.ip_range': () =>
    "the visitor IP is in a search engine crawler's range and bots=1 is not set",
  'ip.excluded': () => "the visitor IP is in the site's excluded IPs",
  'ua.excluded': () => "the user agent is in the site's excluded user agents",
  'referrer.spam': () => "urlref is on Matomo's referrer spam list",
  'prefetch.excluded': () => 'it is a prefetch (X-Purpose or X-Moz header)',
  'ping.new_visit': () => 'a heartbeat never opens a new visit',
};

function reason(issue: Issue): string {
  const short = isIssueCode(issue.code) ? REASONS[issue.code] : undefined;
  return short ? short(issue) : issue.message.replace(/\.$/, '');
}

function deciding(issues: Issue[], effect: 'reject' | 'exclude' | 'abort'): Issue | undefined {
  return issues.find(
    (issue) => isIssueCode(issue.code) && ISSUE_CODES[issue.code].effect === effect,
  );
}

/**
 * The issue whose rule decided that the hit is not stored: a bulk abort first, then the
 * rejecting or excluding check that stopped it; null for a recorded hit.
 */
export function decidingIssue(hit: { outcome: Outcome; issues: Issue[] }): Issue | null {
  if (hit.outcome === 'recorded') return null;
  return (
    deciding(hit.issues, 'abort') ??
    deciding(hit.issues, hit.outcome === 'rejected' ? 'reject' : 'exclude') ??
    null
  );
}

/**
 * A bulk stopped by one entry (docs/tracking-protocol.md#bulk-isolation): the sentence says so before anything else, since
 * the entry's own findings no longer decide what happens to it.
 */
function bulkAbortVerdict(label: string, issues: Issue[], abort: Issue): string {
  const entry = abortingEntryOf(abort);
  const culprit = entry === null ? 'another entry' : `entry #${entry}`;
  switch (abort.code) {
    case 'bulk.aborted': {
      const cause = deciding(issues, 'reject');
      return `Matomo would stop the whole bulk at this ${label} (500) and store none of it${cause ? `: ${reason(cause)}` : ''}.`;
    }
    case 'bulk.rolled_back':
      return `Matomo would process this ${label}, then roll it back: ${culprit} aborted the bulk (500), so nothing of it is stored.`;
    default:
      return `Matomo would not process this ${label}: ${culprit} aborted the bulk (500) before it.`;
  }
}

export function describeVerdict(hit: { type: HitType; outcome: Outcome; issues: Issue[] }): string {
  const label = HIT_TYPE_LABELS[hit.type];
  const abort = deciding(hit.issues, 'abort');
  if (abort) return bulkAbortVerdict(label, hit.issues, abort);
  if (hit.outcome === 'rejected') {
    const issue = deciding(hit.issues, 'reject');
    return `Matomo would reject this ${label} (400)${issue ? `: ${reason(issue)}` : ''}.`;
  }
  if (hit.outcome === 'excluded') {
    const issue = deciding(hit.issues, 'exclude');
    return `Matomo would answer success but store nothing${issue ? `: ${reason(issue)}` : ''}.`;
  }
  const changed = issueTotal(
    hit.issues.filter(
      (issue) => isIssueCode(issue.code) && ISSUE_CODES[issue.code].effect === 'drop',
    ),
  );
  if (changed === 0) return `Matomo would record this ${label}.`;
  return `Matomo would record this ${label}, with ${changed.toLocaleString('en-US')} value${changed === 1 ? '' : 's'} dropped or changed.`;
}
