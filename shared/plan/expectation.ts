// What a hit must look like to satisfy an expectation: a query in the search box's language
// and/or structured fields (type, parameter conditions). A matcher is broken into terms, each
// one testable alone and able to say what it expected and what a hit had instead, so a hit
// that almost matches can be explained term by term (nearest-miss.ts).
// Query terms are compiled by the query language itself (shared/query): a plan's
// `e_c:Video` means exactly what it means in the search box and in the API's `query=`.
import type { HitSummaryDto } from '../api/types';
import { paramValueText } from '../matomo/param-text';
import { HIT_TYPES, type HitType } from '../matomo/types';
import { compileQuery, resolveHitType } from '../query/compile-query';
import { parseQuery, type QueryTerm } from '../query/parse-query';
import { toQueryRow, visitorOf, type QueryRow } from '../query/query-row';
import { NUMERIC } from '../query/value-matcher';
import { LruCache } from '../matomo/lru';

/**
 * A condition on one parameter: a string is an exact (case-sensitive) value, a number a
 * numeric value; an object combines an exact value, a regular expression, a numeric range
 * and presence (`present: false` = the parameter must be absent).
 */
export type ParamCondition =
  | string
  | number
  | { equals?: string | number; regex?: string; min?: number; max?: number; present?: boolean };

export interface HitMatcher {
  /** The search box's query language, e.g. `type:event e_c:Video -outcome:rejected`. */
  query?: string;
  /** A hit type or any label the query language accepts ("Page view", "order"); `a,b` = either. */
  type?: string;
  /** Conditions on tracking parameters, by name. */
  params?: Record<string, ParamCondition>;
}

/** One testable part of a matcher. */
export interface MatcherTerm {
  /** The term as written: `e_a:Play` for a query term, `e_v ≥ 5` for a structured one. */
  term: string;
  /** What it reads: a parameter name, a hit field (`type`, `idsite`, …) or `text`. */
  field: string;
  /** What it wants, as read in a message: `"Play"`, `3`, `event`, `≥ 5`, `to be absent`. */
  expected: string;
  /**
   * Whether the hit satisfies the term. Query terms read the hit's query row: a caller
   * testing many terms on one hit passes it (built once with `toQueryRow`) when `readsRow`.
   */
  test(hit: HitSummaryDto, row?: QueryRow): boolean;
  readsRow?: boolean;
  /** What the hit has instead, as read in a message; null when it has nothing there. */
  actual(hit: HitSummaryDto): string | null;
  /** True when `field` names a tracking parameter (an absent one reads "it is absent"). */
  param: boolean;
}

/** A matcher that cannot be used (bad query, unknown type, bad regular expression). */
export class MatcherError extends Error {
  override name = 'MatcherError';
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** A parameter's value for a message: bare when it is a number read as one, else quoted. */
function paramActual(name: string, numeric: boolean) {
  return (hit: HitSummaryDto): string | null => {
    if (!Object.hasOwn(hit.params, name)) return null;
    const text = paramValueText(hit.params[name]);
    return numeric && isNumber(text) ? text.trim() : quoted(text);
  };
}

function isNumber(text: string): boolean {
  return text.trim() !== '' && Number.isFinite(Number(text));
}

const OPERATOR_WORDS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

function listOf(value: string): string[] {
  return value.split(',').filter(Boolean);
}

function issueCodes(hit: HitSummaryDto): string | null {
  return hit.issues.length > 0 ? [...new Set(hit.issues.map((i) => i.code))].join(', ') : null;
}

/** What a field term wants and what a hit has there. */
function describeField(
  term: Extract<QueryTerm, { kind: 'field' }>,
): Pick<MatcherTerm, 'field' | 'expected' | 'actual'> {
  const value = term.value;
  const field = term.field;
  switch (field) {
    case 'type':
      return {
        field,
        expected: listOf(value)
          .map((part) => resolveHitType(part) ?? part)
          .join(' or '),
        actual: (hit) => hit.type,
      };
    case 'outcome':
      return {
        field,
        expected: listOf(value.toLowerCase()).join(' or '),
        actual: (h) => h.outcome,
      };
    case 'idsite':
      return {
        field,
        expected: listOf(value).join(' or '),
        actual: (hit) => (hit.idsite === null ? null : String(hit.idsite)),
      };
    case 'transport':
      return {
        field,
        expected: listOf(value.toLowerCase()).join(' or '),
        actual: (h) => h.transport,
      };
    case 'method':
      return { field, expected: value.toUpperCase(), actual: (hit) => hit.method };
    case 'issue':
      return {
        field,
        expected: value === '*' ? 'an issue' : `an issue ${value}`,
        actual: issueCodes,
      };
    case 'severity':
      return {
        field,
        expected: `an issue of severity ${listOf(value).join(' or ')}`,
        actual: (hit) =>
          hit.issues.length > 0 ? [...new Set(hit.issues.map((i) => i.severity))].join(', ') : null,
      };
    case 'has':
      return { field, expected: `some ${value}`, actual: issueCodes };
    case 'visitor':
      return {
        field,
        expected: `to contain ${quoted(value)}`,
        actual: (hit) => {
          const visitor = visitorOf(hit.params);
          return visitor ? quoted(visitor) : null;
        },
      };
    case 'request':
      return { field, expected: value, actual: (hit) => hit.requestId };
    case 'status':
      return {
        field,
        expected: listOf(value).join(' or '),
        actual: (hit) => (hit.status === undefined ? null : String(hit.status)),
      };
    case 'source':
      return {
        field,
        expected: listOf(value).join(' or '),
        actual: (hit) => (hit.imported ? 'import' : 'tracker'),
      };
    case 'run':
      return { field, expected: listOf(value).join(' or '), actual: (hit) => hit.run ?? null };
    case 'visit':
      return {
        field,
        expected: value === '*' ? 'to belong to a visit' : `visit ${value}`,
        actual: (hit) => hit.visitId ?? null,
      };
  }
}

function describeQueryTerm(
  term: QueryTerm,
): Pick<MatcherTerm, 'field' | 'expected' | 'actual' | 'param'> {
  if (term.kind === 'text') {
    return {
      field: 'text',
      expected: `to contain ${quoted(term.value)}`,
      actual: () => null,
      param: false,
    };
  }
  if (term.kind === 'field') {
    const described = describeField(term);
    return { ...described, expected: negated(term, described.expected), param: false };
  }
  const name = term.name;
  if (term.value === '*') {
    return {
      field: name,
      expected: term.negate ? 'to be absent' : 'to be present',
      actual: paramActual(name, false),
      param: true,
    };
  }
  const numeric = NUMERIC.exec(term.value);
  const expected = numeric
    ? `${OPERATOR_WORDS[numeric[1] ?? ''] ?? numeric[1]} ${Number(numeric[2])}`
    : term.value.includes('*')
      ? `to match ${term.value}`
      : `to contain ${quoted(term.value)}`;
  return {
    field: name,
    expected: negated(term, expected),
    actual: paramActual(name, numeric !== null),
    param: true,
  };
}

function negated(term: QueryTerm, expected: string): string {
  return term.negate ? `not ${expected}` : expected;
}

/** The terms of a query: each group of terms joined by `OR` is one term. */
function queryTerms(query: string): MatcherTerm[] {
  const compiledWhole = compileQuery(query);
  if (compiledWhole.problems.length > 0) {
    throw new MatcherError(`query "${query}": ${compiledWhole.problems.join(' ')}`);
  }
  const groups: QueryTerm[][] = [];
  for (const term of parseQuery(query)) {
    const last = groups[groups.length - 1];
    if (term.or && last) last.push(term);
    else groups.push([term]);
  }
  return groups.map((group) => {
    const first = group[0] as QueryTerm;
    const last = group[group.length - 1] as QueryTerm;
    // Compiled from its own text, so the query language decides what the term means.
    const source = query.slice(first.start, last.end);
    const compiled = compileQuery(source);
    const parts = group.map(describeQueryTerm);
    const head = parts[0] as ReturnType<typeof describeQueryTerm>;
    const sameField = parts.every((part) => part.field === head.field);
    return {
      term: source,
      field: sameField ? head.field : 'query',
      expected: parts.map((part) => part.expected).join(' or '),
      test: (hit: HitSummaryDto, row?: QueryRow) => compiled.test(row ?? toQueryRow(hit)),
      readsRow: true,
      actual: sameField ? head.actual : () => null,
      param: sameField && head.param,
    };
  });
}

function typeTerm(value: string): MatcherTerm {
  const types = new Set<HitType>();
  for (const part of listOf(value)) {
    const type = resolveHitType(part.trim());
    if (!type) {
      throw new MatcherError(`type "${part}" is not one of ${HIT_TYPES.join(', ')}.`);
    }
    types.add(type);
  }
  if (types.size === 0) throw new MatcherError('type must name a hit type.');
  const expected = [...types].join(' or ');
  return {
    term: `type = ${expected}`,
    field: 'type',
    expected,
    test: (hit) => types.has(hit.type),
    actual: (hit) => hit.type,
    param: false,
  };
}

function paramText(hit: HitSummaryDto, name: string): string | undefined {
  return Object.hasOwn(hit.params, name) ? paramValueText(hit.params[name]) : undefined;
}

function equalsTerm(name: string, value: string | number): MatcherTerm {
  if (typeof value === 'number') {
    return {
      term: `${name} = ${value}`,
      field: name,
      expected: String(value),
      test: (hit) => {
        const text = paramText(hit, name);
        return text !== undefined && isNumber(text) && Number(text) === value;
      },
      actual: paramActual(name, true),
      param: true,
    };
  }
  return {
    term: `${name} = ${quoted(value)}`,
    field: name,
    expected: quoted(value),
    test: (hit) => paramText(hit, name) === value,
    actual: paramActual(name, false),
    param: true,
  };
}

function regexTerm(name: string, source: string): MatcherTerm {
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch (error) {
    throw new MatcherError(
      `params.${name}.regex is not a valid regular expression: ${(error as Error).message}`,
    );
  }
  return {
    term: `${name} ~ /${source}/`,
    field: name,
    expected: `to match /${source}/`,
    test: (hit) => {
      const text = paramText(hit, name);
      return text !== undefined && regex.test(text);
    },
    actual: paramActual(name, false),
    param: true,
  };
}

function rangeTerm(name: string, min: number | undefined, max: number | undefined): MatcherTerm {
  const expected =
    min !== undefined && max !== undefined
      ? `from ${min} to ${max}`
      : min !== undefined
        ? `≥ ${min}`
        : `≤ ${max}`;
  return {
    term: `${name} ${expected}`,
    field: name,
    expected,
    test: (hit) => {
      const text = paramText(hit, name);
      if (text === undefined || !isNumber(text)) return false;
      const n = Number(text);
      return (min === undefined || n >= min) && (max === undefined || n <= max);
    },
    actual: paramActual(name, true),
    param: true,
  };
}

function presenceTerm(name: string, present: boolean): MatcherTerm {
  return {
    term: `${name} ${present ? 'present' : 'absent'}`,
    field: name,
    expected: present ? 'to be present' : 'to be absent',
    test: (hit) => Object.hasOwn(hit.params, name) === present,
    actual: paramActual(name, false),
    param: true,
  };
}

function paramTerms(name: string, condition: ParamCondition): MatcherTerm[] {
  if (typeof condition === 'string' || typeof condition === 'number') {
    return [equalsTerm(name, condition)];
  }
  const terms: MatcherTerm[] = [];
  if (condition.present !== undefined) terms.push(presenceTerm(name, condition.present));
  if (condition.equals !== undefined) terms.push(equalsTerm(name, condition.equals));
  if (condition.regex !== undefined) terms.push(regexTerm(name, condition.regex));
  if (condition.min !== undefined || condition.max !== undefined) {
    terms.push(rangeTerm(name, condition.min, condition.max));
  }
  if (terms.length === 0) {
    throw new MatcherError(`params.${name} needs equals, regex, min, max or present.`);
  }
  return terms;
}

// Compiled once per matcher: by object for plans (their matchers live as long as the plan),
// and by content for matchers written inline at each call.
const compiledMatchers = new WeakMap<HitMatcher, MatcherTerm[]>();
const compiledByText = new LruCache<string, MatcherTerm[]>(200);

/**
 * The terms of a matcher, in the order written: the query's, the type, then the parameter
 * conditions. Throws MatcherError when the matcher cannot be used.
 */
export function matcherTerms(m: HitMatcher): MatcherTerm[] {
  const known = compiledMatchers.get(m);
  if (known) return known;
  const text = JSON.stringify([m.query, m.type, m.params]);
  const same = compiledByText.get(text);
  if (same) {
    compiledMatchers.set(m, same);
    return same;
  }
  const terms: MatcherTerm[] = [];
  if (m.query !== undefined && m.query.trim() !== '') terms.push(...queryTerms(m.query.trim()));
  if (m.type !== undefined) terms.push(typeTerm(m.type));
  for (const [name, condition] of Object.entries(m.params ?? {})) {
    terms.push(...paramTerms(name, condition));
  }
  compiledMatchers.set(m, terms);
  compiledByText.set(text, terms);
  return terms;
}

/** True when the hit satisfies every term (a matcher without terms matches every hit). */
export function matchesHit(m: HitMatcher, hit: HitSummaryDto): boolean {
  return satisfies(matcherTerms(m), hit);
}

/** True when the hit satisfies every term; the query row is built once, if a term reads it. */
export function satisfies(
  terms: readonly MatcherTerm[],
  hit: HitSummaryDto,
  row: QueryRow | undefined = terms.some((term) => term.readsRow) ? toQueryRow(hit) : undefined,
): boolean {
  for (const term of terms) if (!term.test(hit, row)) return false;
  return true;
}
