// The query language of the search box and of the API's `query=` parameter: one compiler,
// so the server selects exactly the hits the table shows for the same text.
// Turns parsed query terms into one predicate over table rows, plus a plain-language
// explanation of what it matches and the problems found (unknown type, bad number…).
// Everything is prepared once per query so testing 100,000 rows is a tight loop of
// string `includes` on the precomputed lower-case search text.
import { PARAM_PRESENT, paramValueText } from '../matomo/param-text';
import { HIT_TYPES, OUTCOMES, type HitType, type Outcome } from '../matomo/types';
import { parseQuery, type FieldName, type QueryTerm } from './parse-query';
import type { QueryRow } from './query-row';
import { NUMERIC, valueMatcher } from './value-matcher';

export type RowPredicate = (row: QueryRow) => boolean;

export interface CompiledQuery {
  /** The query text as given. */
  source: string;
  terms: QueryTerm[];
  test: RowPredicate;
  /** One phrase per term, e.g. `type is event`, `e_c contains "video"`. */
  explanation: string[];
  problems: string[];
  /** Lower-case fragments to highlight anywhere (free text and parameter values). */
  highlight: string[];
  /** Parameters named by the query, for highlighting rows in the inspector. */
  params: string[];
  empty: boolean;
}

const TYPE_ALIASES: Record<string, HitType> = {
  pageview: 'pageview',
  page: 'pageview',
  search: 'site_search',
  link: 'outlink',
  order: 'ecommerce_order',
  cart: 'ecommerce_cart',
  product: 'product_view',
  impression: 'content_impression',
  interaction: 'content_interaction',
  content: 'content_impression',
  heartbeat: 'ping',
  // The table's label for ecommerce_cart; the other labels are their type's name once
  // squashed ("Page view", "Content impression") or an alias above ("Order", "Heartbeat").
  cartupdate: 'ecommerce_cart',
};

/** Case, spaces, `_` and `-` do not count: "Page view", "page_view" and "pageview" agree. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

function resolveOne<T extends string>(
  value: string,
  known: readonly T[],
  aliases: Record<string, T> = {},
): T | null {
  const lower = value.toLowerCase();
  if ((known as readonly string[]).includes(lower)) return lower as T;
  if (aliases[lower]) return aliases[lower];
  const squashed = squash(value);
  const exact = known.find((item) => squash(item) === squashed);
  if (exact) return exact;
  if (aliases[squashed]) return aliases[squashed];
  const prefixed = known.filter((item) => squash(item).startsWith(squashed));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

/**
 * A hit type named as the query language accepts it: the type itself, a label of the table
 * ("Page view", "Cart update") or an alias ("order", "heartbeat"); null when none fits.
 */
export function resolveHitType(value: string): HitType | null {
  return resolveOne(value, HIT_TYPES, TYPE_ALIASES);
}

function resolveList<T extends string>(
  value: string,
  known: readonly T[],
  label: string,
  problems: string[],
  aliases?: Record<string, T>,
): Set<T> | null {
  const result = new Set<T>();
  for (const part of value.split(',').filter(Boolean)) {
    const resolved = resolveOne(part, known, aliases);
    if (resolved) result.add(resolved);
    else problems.push(`${label}: "${part}" is not one of ${known.join(', ')}.`);
  }
  return result.size > 0 ? result : null;
}

interface TermPlan {
  test: RowPredicate;
  phrase: string;
}

function planField(
  field: FieldName,
  value: string,
  problems: string[],
  highlight: string[],
): TermPlan | null {
  switch (field) {
    case 'type': {
      const types = resolveList(value, HIT_TYPES, 'type', problems, TYPE_ALIASES);
      if (!types) return null;
      return { test: (row) => types.has(row.type), phrase: `type is ${[...types].join(' or ')}` };
    }
    case 'outcome': {
      const outcomes = resolveList<Outcome>(value, OUTCOMES, 'outcome', problems);
      if (!outcomes) return null;
      return {
        test: (row) => outcomes.has(row.outcome),
        phrase: `outcome is ${[...outcomes].join(' or ')}`,
      };
    }
    case 'idsite': {
      const ids = value
        .split(',')
        .filter(Boolean)
        .map((part) => ({ part, id: Number(part) }));
      const bad = ids.filter(({ id }) => !Number.isInteger(id));
      for (const { part } of bad) problems.push(`idsite: "${part}" is not a whole number.`);
      const good = new Set(ids.filter(({ id }) => Number.isInteger(id)).map(({ id }) => id));
      if (good.size === 0) return null;
      return {
        test: (row) => row.idsite !== null && good.has(row.idsite),
        phrase: `idsite is ${[...good].join(' or ')}`,
      };
    }
    case 'transport': {
      const transports = resolveList(
        value,
        ['get', 'post', 'beacon', 'bulk'],
        'transport',
        problems,
      );
      if (!transports) return null;
      return {
        test: (row) => transports.has(row.transport),
        phrase: `transport is ${[...transports].join(' or ')}`,
      };
    }
    case 'method': {
      const method = value.toUpperCase();
      return { test: (row) => row.method === method, phrase: `method is ${method}` };
    }
    case 'issue': {
      if (value === '*') return { test: (row) => row.issues.length > 0, phrase: 'has any issue' };
      const lower = value.toLowerCase();
      return {
        test: (row) => row.issues.some((issue) => issue.code.toLowerCase().startsWith(lower)),
        phrase: `has issue ${value}${value.includes('.') ? '' : '.*'}`,
      };
    }
    case 'severity': {
      const severities = resolveList(value, ['error', 'warning', 'info'], 'severity', problems);
      if (!severities) return null;
      return {
        test: (row) => row.issues.some((issue) => severities.has(issue.severity)),
        phrase: `has an issue of severity ${[...severities].join(' or ')}`,
      };
    }
    case 'has': {
      const what = resolveOne(value, ['issues', 'errors', 'warnings'], {
        issue: 'issues',
        error: 'errors',
        warning: 'warnings',
      });
      if (!what) {
        problems.push(`has: "${value}" is not one of issues, errors, warnings.`);
        return null;
      }
      const test: RowPredicate =
        what === 'issues'
          ? (row) => row.issues.length > 0
          : what === 'errors'
            ? (row) => row.errors > 0
            : (row) => row.warnings > 0;
      return { test, phrase: `has ${what}` };
    }
    case 'visitor': {
      // The ids as sent (uid, _id, cid) or the visitor id Matomo would record for the visit.
      const lower = value.toLowerCase();
      highlight.push(lower);
      return {
        test: (row) => row.visitor.toLowerCase().includes(lower) || row.visitorId === lower,
        phrase: `visitor contains "${value}"`,
      };
    }
    case 'visit': {
      if (value === '*') return { test: (row) => row.visitId !== '', phrase: 'belongs to a visit' };
      return { test: (row) => row.visitId === value, phrase: `belongs to visit ${value}` };
    }
    case 'run': {
      const runs = new Set(value.split(',').filter(Boolean));
      return {
        test: (row) => row.run !== null && runs.has(row.run),
        phrase: `run is ${[...runs].join(' or ')}`,
      };
    }
    case 'request':
      return { test: (row) => row.requestId === value, phrase: `request is ${value}` };
    case 'status':
      return planStatus(value, problems);
    case 'source': {
      const sources = resolveList(value, ['import', 'tracker'], 'source', problems, {
        imported: 'import',
        file: 'import',
        live: 'tracker',
        captured: 'tracker',
      });
      if (!sources) return null;
      return {
        test: (row) => sources.has(row.imported ? 'import' : 'tracker'),
        phrase: `came from ${[...sources].map((s) => (s === 'import' ? 'an imported file' : 'a tracker')).join(' or ')}`,
      };
    }
  }
}

/**
 * `status:204`, `status:200,204` or a class `status:4xx`: the HTTP status of the answer to
 * the request that carried the hit (the recorded one for imported HAR entries).
 */
function planStatus(value: string, problems: string[]): TermPlan | null {
  const codes = new Set<number>();
  const classes = new Set<number>();
  for (const part of value.split(',').filter(Boolean)) {
    const lower = part.toLowerCase();
    if (/^[1-5]xx$/.test(lower)) classes.add(Number(lower[0]));
    else if (/^[1-5]\d\d$/.test(lower)) codes.add(Number(lower));
    else problems.push(`status: "${part}" is not an HTTP status (e.g. 204) or class (e.g. 4xx).`);
  }
  if (codes.size === 0 && classes.size === 0) return null;
  const words = [...codes].map(String).concat([...classes].map((c) => `${c}xx`));
  return {
    test: (row) =>
      row.status !== null && (codes.has(row.status) || classes.has(Math.floor(row.status / 100))),
    phrase: `HTTP status is ${words.join(' or ')}`,
  };
}

function planTerm(term: QueryTerm, problems: string[], highlight: string[]): TermPlan | null {
  if (term.kind === 'text') {
    const lower = term.value.toLowerCase();
    if (!term.negate) highlight.push(lower);
    return { test: (row) => row.text.includes(lower), phrase: `text contains "${term.value}"` };
  }
  if (term.value === '') {
    problems.push(`${term.kind === 'field' ? term.field : term.name}: needs a value after ":".`);
    return null;
  }
  if (term.kind === 'field') {
    return planField(term.field, term.value, problems, term.negate ? [] : highlight);
  }
  const name = term.name;
  if (term.value === PARAM_PRESENT) {
    return { test: (row) => Object.hasOwn(row.params, name), phrase: `${name} is present` };
  }
  const matcher = valueMatcher(term.value);
  if (
    !term.negate &&
    term.value !== '*' &&
    !term.value.includes('*') &&
    !NUMERIC.test(term.value)
  ) {
    highlight.push(term.value.toLowerCase());
  }
  return {
    test: (row) =>
      Object.hasOwn(row.params, name) && matcher.test(paramValueText(row.params[name])),
    phrase: `${name} ${matcher.phrase}`,
  };
}

function all(tests: RowPredicate[]): RowPredicate {
  if (tests.length === 1) return tests[0] as RowPredicate;
  return (row) => {
    for (const t of tests) if (!t(row)) return false;
    return true;
  };
}

function any(tests: RowPredicate[]): RowPredicate {
  if (tests.length === 1) return tests[0] as RowPredicate;
  return (row) => {
    for (const t of tests) if (t(row)) return true;
    return false;
  };
}

const NOTHING: RowPredicate = () => false;

/**
 * The terms that take part (a term without a plan, such as `type:,`, does not), each with its
 * plan, in groups: terms joined by OR form one group; every group must match.
 */
function plannedGroups(
  terms: readonly QueryTerm[],
  problems: string[],
  highlight: string[],
): { term: QueryTerm; plan: TermPlan }[][] {
  const groups: { term: QueryTerm; plan: TermPlan }[][] = [];
  for (const term of terms) {
    const plan = planTerm(term, problems, highlight);
    if (!plan) continue;
    const last = groups[groups.length - 1];
    if (term.or && last) last.push({ term, plan });
    else groups.push([{ term, plan }]);
  }
  return groups;
}

/**
 * The terms of `query` as its compiled test reads them: every group must match, one term of
 * it at least; null when the query has a problem (its test then matches nothing).
 */
export function queryTermGroups(query: string): QueryTerm[][] | null {
  const problems: string[] = [];
  const groups = plannedGroups(parseQuery(query), problems, []);
  return problems.length > 0 ? null : groups.map((group) => group.map(({ term }) => term));
}

/** An outcome named as the query language accepts it (`rej` is rejected), or null. */
export function resolveOutcome(value: string): Outcome | null {
  return resolveOne<Outcome>(value, OUTCOMES);
}

export function compileQuery(query: string): CompiledQuery {
  const terms = parseQuery(query);
  const problems: string[] = [];
  const highlight: string[] = [];
  const groups: { tests: RowPredicate[]; phrases: string[] }[] = [];
  const params: string[] = [];
  for (const planned of plannedGroups(terms, problems, highlight)) {
    const group: { tests: RowPredicate[]; phrases: string[] } = { tests: [], phrases: [] };
    groups.push(group);
    for (const { term, plan } of planned) {
      if (term.kind === 'param') params.push(term.name);
      const test = plan.test;
      group.tests.push(term.negate ? (row) => !test(row) : test);
      group.phrases.push(term.negate ? `not (${plan.phrase})` : plan.phrase);
    }
  }
  const explanation = groups.map((group) =>
    group.phrases.length === 1 ? (group.phrases[0] as string) : `(${group.phrases.join(' or ')})`,
  );
  const empty = groups.length === 0 && problems.length === 0;
  // A query with a mistake selects nothing (the server refuses it): showing every hit
  // under a search text that does not filter would read as "all of these match".
  const test: RowPredicate =
    problems.length > 0
      ? NOTHING
      : groups.length === 0
        ? () => true
        : all(groups.map((group) => any(group.tests)));
  return {
    source: query,
    terms,
    test,
    explanation,
    problems,
    highlight: [...new Set(highlight.filter(Boolean))],
    params,
    empty,
  };
}
