// The one-sentence verdict at the top of the inspector: what Matomo would do with the hit,
// and, when it would not record it, the reason that decides it.
import { issueCodeSpec } from '../../shared/matomo/issue-codes';
import type { HitType, Issue, Outcome } from '../../shared/matomo/types';

const TYPE_NOUNS: Record<HitType, string> = {
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
  product_view: 'product view',
  ping: 'heartbeat',
  media: 'media event',
  crash: 'crash report',
  unknown: 'request',
};

function deciding(issues: readonly Issue[], effect: 'reject' | 'exclude'): Issue | undefined {
  return (
    issues.find((issue) => issueCodeSpec(issue.code)?.effect === effect) ??
    issues.find((issue) => issue.severity === 'error')
  );
}

function reason(issue: Issue | undefined): string {
  if (!issue) return 'see the issues below';
  return issue.message.replace(/\.$/, '');
}

export function verdictSentence(hit: { type: HitType; outcome: Outcome; issues: Issue[] }): string {
  switch (hit.outcome) {
    case 'recorded': {
      const dropped = hit.issues.filter((i) => issueCodeSpec(i.code)?.effect === 'drop').length;
      const base = `Matomo would record this ${TYPE_NOUNS[hit.type]}`;
      return dropped > 0
        ? `${base}, but would drop or change ${dropped === 1 ? 'a value' : `${dropped} values`}.`
        : `${base}.`;
    }
    case 'excluded':
      return `Matomo would answer success but store nothing: ${reason(deciding(hit.issues, 'exclude'))}.`;
    case 'rejected':
      return `Matomo would reject this request (400): ${reason(deciding(hit.issues, 'reject'))}.`;
  }
}
