// What the query language reads from a hit. The renderer's table rows carry these fields
// (computed once per hit); the server builds one per hit it tests, from a stored hit, with
// the lower-cased search text computed only when a free-text term asks for it.
import { issueWeight } from '../matomo/issue-cap';
import { paramValueText } from '../matomo/param-text';
import type { HitType, Issue, Outcome, ParamValue, Transport } from '../matomo/types';

export interface QueryRow {
  requestId: string;
  transport: Transport;
  method: string;
  type: HitType;
  outcome: Outcome;
  idsite: number | null;
  params: Record<string, ParamValue>;
  issues: Issue[];
  errors: number;
  warnings: number;
  /** uid when set, else _id, else cid. */
  visitor: string;
  /** The visit the hit belongs to ('' when it takes part in none or is not assigned yet). */
  visitId: string;
  /** The visitor id Matomo would record for the hit's visit ('' when none). */
  visitorId: string;
  /** HTTP status of the answer to the carrying request; null when not known. */
  status: number | null;
  /** The carrying request came from a file, not from a tracker. */
  imported: boolean;
  /** Lower-cased text searched by free-text terms (see buildSearchText). */
  text: string;
  /** The run the carrying request joined; null outside runs. */
  run: string | null;
}

/** The hit fields a QueryRow is made of (a HitDto, a compact or stored hit). */
export interface QueryRowSource {
  requestId: string;
  transport: Transport;
  method: string;
  path: string;
  type: HitType;
  outcome: Outcome;
  idsite: number | null;
  summary: string;
  userAgent: string;
  params: Record<string, ParamValue>;
  issues: Issue[];
  status?: number;
  imported?: boolean;
  visitId?: string;
  visitorId?: string;
  run?: string;
}

/** The visit of a hit, when the caller knows visits (the server's visit index). */
export type VisitOfHit = (hitId: string) => { visitId: string; visitorId: string } | undefined;

export function visitorOf(params: Record<string, ParamValue>): string {
  for (const name of ['uid', '_id', 'cid']) {
    const value = paramValueText(params[name]);
    if (value) return value;
  }
  return '';
}

/** Type, outcome, summary, path, user agent, `name=value` of every parameter, issues. */
export function buildSearchText(hit: {
  type: string;
  outcome: string;
  summary: string;
  path: string;
  userAgent: string;
  params: Record<string, ParamValue>;
  issues: Issue[];
}): string {
  const parts: string[] = [hit.type, hit.outcome, hit.summary, hit.path, hit.userAgent];
  for (const [name, value] of Object.entries(hit.params)) {
    parts.push(`${name}=${paramValueText(value)}`);
  }
  for (const issue of hit.issues) parts.push(issue.code, issue.message);
  return parts.join('\n').toLowerCase();
}

/** Errors and warnings found, a closing issue counting the findings it stands for. */
export function issueCounts(issues: readonly Issue[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const issue of issues) {
    if (issue.severity === 'error') errors += issueWeight(issue);
    else if (issue.severity === 'warning') warnings += issueWeight(issue);
  }
  return { errors, warnings };
}

class SourceRow implements QueryRow {
  readonly requestId: string;
  readonly transport: Transport;
  readonly method: string;
  readonly type: HitType;
  readonly outcome: Outcome;
  readonly idsite: number | null;
  readonly params: Record<string, ParamValue>;
  readonly issues: Issue[];
  readonly errors: number;
  readonly warnings: number;
  readonly visitor: string;
  readonly status: number | null;
  readonly imported: boolean;
  readonly visitId: string;
  readonly visitorId: string;
  readonly run: string | null;
  #text: string | undefined;

  constructor(
    private readonly hit: QueryRowSource & { id?: string },
    visitOf?: VisitOfHit,
    issues: Issue[] = hit.issues,
  ) {
    this.requestId = hit.requestId;
    this.transport = hit.transport;
    this.method = hit.method;
    this.type = hit.type;
    this.outcome = hit.outcome;
    this.idsite = hit.idsite ?? null;
    // Read once: a stored hit may parse its parameters again on every read.
    this.params = hit.params;
    this.issues = issues;
    const counts = issueCounts(issues);
    this.errors = counts.errors;
    this.warnings = counts.warnings;
    this.visitor = visitorOf(this.params);
    this.status = hit.status ?? null;
    this.imported = hit.imported === true;
    const visit = visitOf && hit.id !== undefined ? visitOf(hit.id) : undefined;
    this.visitId = visit?.visitId ?? hit.visitId ?? '';
    this.visitorId = visit?.visitorId ?? hit.visitorId ?? '';
    this.run = hit.run ?? null;
  }

  get text(): string {
    this.#text ??= buildSearchText({
      type: this.type,
      outcome: this.outcome,
      summary: this.hit.summary ?? '',
      path: this.hit.path,
      userAgent: this.hit.userAgent ?? '',
      params: this.params,
      issues: this.issues,
    });
    return this.#text;
  }
}

/**
 * The row of a hit, for testing it against a compiled query on the server; `issues` stands
 * for the hit's own when the server knows more of them (its cross-hit findings).
 */
export function toQueryRow(
  hit: QueryRowSource & { id?: string },
  visitOf?: VisitOfHit,
  issues?: Issue[],
): QueryRow {
  return new SourceRow(hit, visitOf, issues);
}
