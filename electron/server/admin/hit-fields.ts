// `fields=compact` of /api/hits and /api/stream: hits without the inspector-only fields. A list
// of hits (the UI's table, its filters and search) reads none of them, and they are most of a
// hit's bytes, so leaving them out makes the live stream and the initial load several times
// lighter. The default (`full`, or no `fields`) stays the whole HitDto: tools outside rely on it.
import { HIT_FIELDS, type HitFields } from '../../../shared/api/routes';
import type { HitDto, HitSummaryDto, RequestRecordDto } from '../../../shared/api/types';
import { ApiError } from './reply';

/** The `fields` query value, or 400 naming the accepted ones. */
export function hitFieldsParam(url: URL): HitFields {
  const raw = url.searchParams.get('fields');
  if (raw === null || raw === '') return 'full';
  if ((HIT_FIELDS as readonly string[]).includes(raw)) return raw as HitFields;
  throw new ApiError(
    400,
    'query.invalid',
    `fields must be one of ${HIT_FIELDS.join(', ')}, got "${raw}".`,
  );
}

/**
 * Whether the compact stream sends this request: a list shows failed requests and bulk
 * requests (with their answer) as rows of their own; the request of a single GET or POST is
 * one click away (`GET /api/requests/:id`), and sending each one would double the stream.
 */
export function listedInCompactStream(request: RequestRecordDto): boolean {
  return request.error !== undefined || request.transport === 'bulk';
}

/** The fields a compact hit leaves out. */
const LEFT_OUT: ReadonlySet<string> = new Set(['decoded', 'occurrences', 'rawQuery']);

type SummaryOf = (hit: HitDto) => HitSummaryDto;

/** A compact hit's maker for hits with these own field names, in this order. */
interface SummaryMaker {
  names: readonly string[];
  make: SummaryOf;
}

/** Makers of the last few lists of names: the hits of one kind all have the same list. */
const makers: SummaryMaker[] = [];
const MAX_MAKERS = 8;

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The compact hit as one object literal of the kept names, compiled once per list: V8 gives
 * it the hidden class of that literal, where a copy field by field into an empty object made a
 * table of properties (dictionary mode) once past a dozen fields, slower to make and to write
 * as JSON. A literal would give `__proto__` a prototype instead: such a hit is copied.
 */
function makerOf(names: readonly string[]): SummaryOf {
  for (const maker of makers) if (sameNames(maker.names, names)) return maker.make;
  if (names.includes('__proto__')) return copiedSummary;
  const members = names
    .filter((name) => !LEFT_OUT.has(name))
    .map((name) => `${JSON.stringify(name)}: hit[${JSON.stringify(name)}]`);
  const make = new Function('hit', `return { ${members.join(', ')} };`) as SummaryOf;
  if (makers.length === MAX_MAKERS) makers.shift();
  makers.push({ names, make });
  return make;
}

/** The compact hit as a rest copy makes it, for the rare hit no literal can make. */
function copiedSummary(hit: HitDto): HitSummaryDto {
  const { decoded: _decoded, occurrences: _occurrences, rawQuery: _rawQuery, ...summary } = hit;
  return summary;
}

/**
 * The hit without decoded values, occurrences and raw query (a new object; `hit` is kept): its
 * own fields in their order, as a rest copy (`{ decoded, ...summary }`) makes it. Not a rest
 * copy: on a decorated hit (a table of properties, visit-store.ts) it took V8's slow path,
 * several microseconds a hit of the compact live stream, more than its JSON.
 */
export function toHitSummary(hit: HitDto): HitSummaryDto {
  return makerOf(Object.keys(hit))(hit);
}
