// Cross-hit findings as the visit index keeps them: the code, the values the message names
// and the earlier hit, the message made only when the finding is read (the API, the UI).
// Events without a matching page view are common, and a sentence per such hit would cost
// more memory than the hit's place in its visit. Orders are rare: their findings keep the
// issue as made.
import { makeIssue } from '../matomo/issue-codes';
import type { CrossHitIssue } from './types';

export type StoredFinding =
  | CrossHitIssue
  | {
      code: 'pv_id.unmatched';
      pvId: string;
      /** The pv_id of the visit's last page view; null when the visit has none yet. */
      lastKey: string | null;
      relatedHitId: string | null;
    }
  | { code: 'ping.no_pageview'; relatedHitId: string }
  | {
      code: 'visitor.id_changed';
      param: '_id' | 'uid';
      from: string;
      to: string;
      relatedHitId: string;
    }
  | { code: 'idvc.backwards'; value: number; seen: number; relatedHitId: string }
  | {
      code: 'dimension.changed';
      dimension: number;
      from: string;
      to: string;
      relatedHitId: string;
    };

function issueOf(stored: Exclude<StoredFinding, CrossHitIssue>): CrossHitIssue {
  switch (stored.code) {
    case 'pv_id.unmatched':
      return makeIssue('pv_id.unmatched', {
        param: 'pv_id',
        message:
          stored.lastKey === null
            ? `pv_id ${stored.pvId} matches no page view: the visit has none before this hit.`
            : `pv_id ${stored.pvId} matches no page view of this visit (the last page view has pv_id ${stored.lastKey}).`,
      });
    case 'ping.no_pageview':
      return makeIssue('ping.no_pageview', {
        message: 'This ping extends a visit that has no page view.',
      });
    case 'visitor.id_changed':
      return makeIssue('visitor.id_changed', {
        param: stored.param,
        message: `${stored.param} changed within the visit, from ${stored.from} to ${stored.to}.`,
      });
    case 'idvc.backwards':
      return makeIssue('idvc.backwards', {
        param: '_idvc',
        message: `_idvc is ${stored.value}, lower than the ${stored.seen} this visitor sent before.`,
      });
    case 'dimension.changed': {
      const name = `dimension${stored.dimension}`;
      return makeIssue('dimension.changed', {
        param: name,
        message: `Visit-scoped ${name} changed within the visit, from ${stored.from} to ${stored.to}; Matomo keeps the last value for the whole visit.`,
      });
    }
  }
}

/** The finding as readers see it (a new object: readers may change it). */
export function findingOf(stored: StoredFinding): CrossHitIssue {
  if ('message' in stored) return { ...stored };
  const issue = issueOf(stored);
  if (stored.relatedHitId) issue.relatedHitId = stored.relatedHitId;
  return issue;
}
