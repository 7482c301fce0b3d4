// One plain sentence saying what Matomo would do with a hit and, when it would not store it,
// the reason. The reason comes from the issue that decided the outcome (validate.ts).
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
};

function reason(issue: Issue): string {
  const short = isIssueCode(issue.code) ? REASONS[issue.code] : undefined;
  return short ? short(issue) : issue.message.replace(/\.$/, '');
}

function deciding(issues: Issue[], effect: 'reject' | 'exclude'): Issue | undefined {
  return issues.find(
    (issue) => isIssueCode(issue.code) && ISSUE_CODES[issue.code].effect === effect,
  );
}

export function describeVerdict(hit: { type: HitType; outcome: Outcome; issues: Issue[] }): string {
  const label = HIT_TYPE_LABELS[hit.type];
  if (hit.outcome === 'rejected') {
    const issue = deciding(hit.issues, 'reject');
    return `Matomo would reject this ${label} (400)${issue ? `: ${reason(issue)}` : ''}.`;
  }
  if (hit.outcome === 'excluded') {
    const issue = deciding(hit.issues, 'exclude');
    return `Matomo would answer success but store nothing${issue ? `: ${reason(issue)}` : ''}.`;
  }
  const changed = hit.issues.filter(
    (issue) => isIssueCode(issue.code) && ISSUE_CODES[issue.code].effect === 'drop',
  ).length;
  if (changed === 0) return `Matomo would record this ${label}.`;
  return `Matomo would record this ${label}, with ${changed} value${changed === 1 ? '' : 's'} dropped or changed.`;
}
