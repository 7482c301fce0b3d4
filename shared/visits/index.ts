// Visits as Matomo 5 would form them: the engine (VisitIndex), its DTOs and helpers.
export * from './types';
export { VisitIndex, hitSeconds, MAX_ACTIONS_PER_VISIT } from './visit-index';
export type { VisitIndexOptions, VisitSite } from './visit-index';
export { VisitState } from './visit-state';
export {
  describeHit,
  toVisitDetail,
  toVisitSummary,
  visitActions,
  type DescribeHit,
  type HitDescription,
} from './visit-dto';
export { configIdOf, identityOf, browserLanguage, visitorIp } from './identity';
export { referrerFacts, type ReferrerContext } from './referrer-facts';
export { siteDay } from './site-day';
export { describeGap } from './describe-gap';
export { visitRulesKey, visitRulesOf } from './visit-rules';
