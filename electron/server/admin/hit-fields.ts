// `fields=compact` of /api/hits and /api/stream: hits without the inspector-only fields. A list
// of hits (the UI's table, its filters and search) reads none of them, and they are most of a
// hit's bytes, so leaving them out makes the live stream and the initial load several times
// lighter. The default (`full`, or no `fields`) stays the whole HitDto: tools outside rely on it.
import { HIT_FIELDS, type HitFields } from '../../../shared/api/routes';
import type { HitDto, HitSummaryDto, RequestRecordDto } from '../../../shared/api/types';
import { copyWithout } from '../literal-copy';
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

/**
 * The hit without decoded values, occurrences and raw query (a new object; `hit` is kept): its
 * own fields in their order, as a rest copy (`{ decoded, ...summary }`) makes it. Not a rest
 * copy: on a decorated hit, a table of properties before (visit-store.ts), it took V8's slow
 * path, several microseconds a hit of the compact live stream, more than its JSON.
 */
export function toHitSummary(hit: HitDto): HitSummaryDto {
  return copyWithout(hit, LEFT_OUT) as unknown as HitSummaryDto;
}
