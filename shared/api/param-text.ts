// How the filters and the query language read a parameter value. Kept apart from the
// filter parser so the query compiler (shared/query/) and the filter (hit-filter.ts), which
// uses the compiler, share it without importing each other. The request builder writes
// values with the same function (shared/matomo/param-text.ts).
export { PARAM_PRESENT, paramValueText } from '../matomo/param-text';
