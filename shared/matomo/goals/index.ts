// Goal definitions of a site and the goals a hit would convert.
export * from './goal-definition';
export * from './goal-match';
export { goalPatternMatches, goalRegexSource } from './goal-pattern';
export * from './visit-goals';
