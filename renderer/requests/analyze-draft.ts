// Live validation: the request the composer would send, run through the shared analyser in
// the page itself, so the verdict and the issues follow every keystroke without a round
// trip. Site-dependent checks use the site profiles from the settings, as the server does.
import type { SendRequestDto } from '../../shared/api/types';
import { analyzeRequest } from '../../shared/matomo/analyze';
import { deviceDetectorReady } from './device-on-demand';
import type {
  HitType,
  Issue,
  Outcome,
  PredictedResponse,
  RawRequest,
  SiteProfile,
} from '../../shared/matomo/types';

export interface DraftAnalysis {
  /** `index`: the hit's position in its bulk as Matomo counts (0 for a single request). */
  hits: { index: number; type: HitType; outcome: Outcome; issues: Issue[]; summary: string }[];
  /** Issues about the whole request (bulk JSON, dropped entries, …). */
  requestIssues: Issue[];
  response: PredictedResponse;
  /**
   * False while the device detector is still loading (device-on-demand.ts): the verdict then
   * holds without device details, a bot's exclusion included.
   */
  devicesDetected: boolean;
}

const encoder = new TextEncoder();

/** The HTTP request `/api/send` would make, as the endpoint would receive it. */
export function rawRequestFor(request: SendRequestDto): RawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  return {
    method: request.method,
    path: request.path || '/matomo.php',
    query: request.query ?? '',
    headers,
    // Copied into this realm's Uint8Array: the engine checks `instanceof Uint8Array`, which
    // a TextEncoder from another realm (jsdom's) does not pass.
    body: Uint8Array.from(encoder.encode(request.body ?? '')),
  };
}

export function analyzeSendRequest(
  request: SendRequestDto,
  options: {
    sites: SiteProfile[];
    now: number;
    /** Whether the on-demand device detector has loaded (use-device-detector.ts). */
    devicesReady?: boolean;
  },
): DraftAnalysis {
  const raw = rawRequestFor(request);
  const analysis = analyzeRequest(raw, {
    now: options.now,
    sites: options.sites,
  });
  return {
    hits: analysis.hits.map((h) => ({
      index: h.index,
      type: h.type,
      outcome: h.outcome,
      issues: h.issues,
      summary: h.summary,
    })),
    requestIssues: analysis.parsed.issues,
    response: analysis.response,
    devicesDetected: options.devicesReady ?? deviceDetectorReady(),
  };
}
