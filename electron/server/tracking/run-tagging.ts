// Run tagging on the tracking endpoint (shared/api/runs.ts). The `X-Hitscope-Run` header is
// not a CORS-safelisted header, so a browser asks first with a preflight; Matomo's own answer
// allows `*`, which a browser ignores for requests sent with credentials. Requests that use
// the header therefore get its name (and the origin) allowed explicitly, so tagging works
// whatever the page's fetch settings; answers to everything else stay Matomo's.
import type { HitDto, RequestRecordDto } from '../../../shared/api/types';
import { RUN_HEADER } from '../../../shared/api/runs';
import type { PredictedResponse, RawRequest } from '../../../shared/matomo/types';

function asksForRunHeader(raw: RawRequest): boolean {
  const requested = raw.headers['access-control-request-headers'] ?? '';
  return requested.split(',').some((name) => name.trim().toLowerCase() === RUN_HEADER);
}

/** The predicted answer, with CORS widened for a request that tags itself with the run header. */
export function withRunCors(raw: RawRequest, predicted: PredictedResponse): PredictedResponse {
  const origin = raw.headers.origin;
  if (origin === undefined || origin === '') return predicted;
  const preflight = raw.method.toUpperCase() === 'OPTIONS' && asksForRunHeader(raw);
  if (!preflight && raw.headers[RUN_HEADER] === undefined) return predicted;
  const headers: Record<string, string> = {
    ...predicted.headers,
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
  if (preflight) {
    headers['access-control-allow-headers'] = raw.headers['access-control-request-headers'] ?? '';
  }
  return { ...predicted, headers };
}

/** Marks a request and its hits as part of `run`. */
export function tagRun(run: string | undefined, request: RequestRecordDto, hits: HitDto[]): void {
  if (run === undefined) return;
  request.run = run;
  for (const hit of hits) hit.run = run;
}
