// Hits of a Hitscope NDJSON export (one HitDto per line) back into the HTTP requests that
// carried them. Hits of one bulk request share a requestId and become one bulk request
// again, entries in their original order; single hits become the GET, POST or beacon
// request they came from. What a hit does not carry is lost: other request headers than the
// user agent, and a bulk's top-level token_auth (HAR exports keep whole requests).
import { OUTCOMES } from '../../../shared/matomo/types';
import type {
  Outcome,
  ParamOccurrence,
  ParamValue,
  RawRequest,
  Transport,
} from '../../../shared/matomo/types';
import { TextPieces } from '../admin/text-pieces';
import { readTime, type ImportItem } from './import-item';
import { utf8InSteps } from './utf8-in-steps';

const TRANSPORTS: readonly Transport[] = ['get', 'post', 'beacon', 'bulk'];

export interface HitLine {
  line: number;
  requestId: string;
  index: number;
  batchSize: number | null;
  transport: Transport;
  method: string;
  path: string;
  /** The pieces a long one was read in (a form body of megabytes): never joined to be sent. */
  rawQuery: string | TextPieces;
  receivedAt: unknown;
  userAgent: string;
  remoteAddress: string;
  params: Record<string, ParamValue> | null;
  occurrences: ParamOccurrence[] | null;
  outcome: Outcome | null;
}

type Json = Record<string, unknown>;

export function looksLikeHit(value: Json): boolean {
  return 'requestId' in value && 'rawQuery' in value;
}

/** The fields an exported hit needs, or why the line cannot be one. */
export function readHitLine(value: Json, line: number): HitLine | string {
  const { requestId, index, transport, method, path, rawQuery } = value;
  if (typeof requestId !== 'string' || requestId === '')
    return 'requestId must be a non-empty text';
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) {
    return 'index must be an integer of 0 or more';
  }
  if (!TRANSPORTS.includes(transport as Transport)) {
    return `transport must be one of ${TRANSPORTS.join(', ')}`;
  }
  if (typeof method !== 'string' || method === '') return 'method must be a non-empty text';
  if (typeof path !== 'string' || !path.startsWith('/'))
    return 'path must be a text starting with /';
  if (typeof rawQuery !== 'string' && !(rawQuery instanceof TextPieces))
    return 'rawQuery must be a text';
  const params =
    value.params !== null && typeof value.params === 'object' && !Array.isArray(value.params)
      ? (value.params as Record<string, ParamValue>)
      : null;
  return {
    line,
    requestId,
    index,
    batchSize: typeof value.batchSize === 'number' ? value.batchSize : null,
    transport: transport as Transport,
    method: method.toUpperCase(),
    path,
    rawQuery,
    receivedAt: value.receivedAt,
    userAgent: typeof value.userAgent === 'string' ? value.userAgent : '',
    remoteAddress: typeof value.remoteAddress === 'string' ? value.remoteAddress : '',
    params,
    occurrences: Array.isArray(value.occurrences) ? (value.occurrences as ParamOccurrence[]) : null,
    outcome: OUTCOMES.includes(value.outcome as Outcome) ? (value.outcome as Outcome) : null,
  };
}

/** Raw `name=value` texts of one source, when every occurrence kept its raw text. */
function rawPart(occurrences: readonly ParamOccurrence[], source: 'query' | 'body'): string {
  return occurrences
    .filter((o) => o.source === source)
    .map((o) => o.raw ?? '')
    .join('&');
}

function hasRawTexts(occurrences: ParamOccurrence[] | null): occurrences is ParamOccurrence[] {
  return occurrences !== null && occurrences.every((o) => typeof o.raw === 'string');
}

/** A bulk entry as sent: a query string, or the JSON object when it was one (no raw texts). */
function bulkEntry(hit: HitLine): unknown {
  const isObject =
    hit.occurrences !== null && hit.occurrences.length > 0
      ? !hasRawTexts(hit.occurrences)
      : hit.rawQuery.length === 0;
  if (isObject) return hit.params ?? {};
  return `?${textOf(hit.rawQuery)}`;
}

/** A raw query as one string, where it is sent as one (a URL's query, a bulk entry). */
const textOf = (query: string | TextPieces): string =>
  typeof query === 'string' ? query : query.join();

function* singleRequest(
  hit: HitLine,
): Generator<void, Pick<RawRequest, 'method' | 'query' | 'body' | 'headers'>> {
  const empty = new Uint8Array(0);
  if (hit.transport === 'get')
    return { method: hit.method, query: textOf(hit.rawQuery), body: empty, headers: {} };
  if (hit.transport === 'beacon')
    return { method: 'POST', query: textOf(hit.rawQuery), body: empty, headers: {} };
  // A form POST: the hit's query string is the URL query, then the form body (parse.ts).
  const split = hasRawTexts(hit.occurrences);
  const query = split ? rawPart(hit.occurrences ?? [], 'query') : '';
  const body = split ? rawPart(hit.occurrences ?? [], 'body') : hit.rawQuery;
  return {
    method: 'POST',
    query,
    body: yield* utf8InSteps(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/**
 * The HTTP request of a group of hits with one requestId, a step yielded between the pieces
 * of a long form body as it is encoded.
 */
export function* hitGroupItem(group: HitLine[]): Generator<void, ImportItem> {
  const hits = group.slice().sort((a, b) => a.index - b.index);
  const first = hits[0] as HitLine;
  const notes: string[] = [];
  const receivedAt = readTime(first.receivedAt, notes);
  // The header user agent: from a hit that did not override it with `ua`.
  const plain = hits.find((hit) => hit.params === null || !Object.hasOwn(hit.params, 'ua'));
  const userAgent = (plain ?? first).userAgent;
  let request: Pick<RawRequest, 'method' | 'query' | 'body' | 'headers'>;
  if (first.transport === 'bulk') {
    const body = JSON.stringify({ requests: hits.map(bulkEntry) });
    request = {
      method: first.method,
      query: '',
      body: new Uint8Array(Buffer.from(body, 'utf8')),
      headers: { 'content-type': 'application/json' },
    };
    if (first.batchSize !== null && hits.length < first.batchSize) {
      notes.push(
        `${hits.length} of the ${first.batchSize} hits of this bulk request were in the file.`,
      );
    }
  } else {
    request = yield* singleRequest(first);
  }
  const raw: RawRequest = {
    ...request,
    path: first.path,
    headers: userAgent ? { ...request.headers, 'user-agent': userAgent } : request.headers,
    remoteAddress: first.remoteAddress,
  };
  return {
    raw,
    receivedAt,
    source: 'hit',
    place: { lines: hits.map((hit) => hit.line) },
    notes,
    outcomes: hits.map((hit) => hit.outcome),
  };
}
