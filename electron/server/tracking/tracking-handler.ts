// The tracking endpoint: one HTTP request in, the protocol engine's analysis, the request
// and its hits stored (durably) and only then the answer Matomo 5 would give, byte for byte.
// Anything the engine cannot be given (too large, too long, stalled, aborted) is refused
// with a 4xx that explains the limit, and is still recorded as a failed request.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DebugMode, LimitsDto } from '../../../shared/api/types';
import { corsHeaders } from '../../../shared/matomo/response';
import type { PredictedResponse, RawRequest, RequestAnalysis } from '../../../shared/matomo/types';
import type { HitStore, ServerLogger } from '../contracts';
import { responseRecord, toDtos, toDtosInSlices } from '../dto';
import { hasLongText } from '../storage/encode-line';
import { renderDebugLog, type DebugModeOrigin } from './debug-log';
import { rawRequestOf } from './raw-request';
import { hasNoBody, noBody, readBody } from './read-body';
import { refusalAfterAnalysis, refusedRequest } from './refused-request';
import { refusalBody, refusals, type Refusal } from './refusals';
import { predictedBody, writeAnswer } from './respond';
import { runOfRequest } from '../../../shared/api/runs';
import { tagRun, withRunCors } from './run-tagging';

export interface TrackingDeps {
  store: HitStore;
  logger: ServerLogger;
  limits(): LimitsDto;
  debugMode(): DebugMode;
  /** Where the debug mode was set, named in the debug log. */
  debugModeOrigin?(): DebugModeOrigin;
  nextId(): string;
  analyze(raw: RawRequest, now: number): RequestAnalysis;
  /**
   * While the server warms up (null once ready), what `analyze` waits for; `analyzeInSlices`
   * waits for it itself, before a device it has to detect only.
   */
  ready?(): Promise<void> | null;
  /**
   * The same analysis, spread over turns of the event loop (a bulk of thousands of entries
   * must not hold the server); used instead of `analyze` when given.
   */
  analyzeInSlices?(raw: RawRequest, now: number): Promise<RequestAnalysis>;
  isPreflight(raw: RawRequest): boolean;
  gif: Uint8Array;
  bodyIdleTimeoutMs: number;
}

/** Refused uploads still sending after this long lose their connection. */
const DRAIN_GRACE_MS = 10_000;
/** Hits from which a request's storing waits for a turn of the event loop of its own. */
const LARGE_BULK_HITS = 1000;
/** How much of a refused body is kept in the record. */
const KEEP_REFUSED_BYTES = 64 * 1024;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type TrackingHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  target: { path: string; query: string },
) => Promise<void>;

export function createTrackingHandler(deps: TrackingDeps): TrackingHandler {
  const { logger } = deps;

  async function refuse(
    res: ServerResponse,
    raw: RawRequest,
    refusal: Refusal,
    meta: { id: string; receivedAt: Date; started: number; received?: number },
  ): Promise<void> {
    const { record, headers, body } = refusedRequest(raw, refusal, {
      id: meta.id,
      receivedAt: meta.receivedAt,
      ...(meta.received !== undefined ? { received: meta.received } : {}),
      headers: corsHeaders(raw.method, raw.headers.origin),
      durationMs: performance.now() - meta.started,
    });
    tagRun(runOfRequest(raw.path, raw.headers), record, []);
    try {
      await deps.store.add(record, []);
    } catch (error) {
      logger.log('error', 'A refused request could not be stored', {
        err: (error as Error).message,
      });
    }
    logger.log('warn', 'Tracking request refused', {
      id: meta.id,
      code: refusal.code,
      status: refusal.status,
    });
    if (refusal.code === 'request.aborted') return;
    writeAnswer(res, refusal.status, headers, body, { close: true });
    // Let the client finish sending and read the answer, but not forever.
    setTimeout(() => res.socket?.destroy(), DRAIN_GRACE_MS).unref();
  }

  function answerFor(raw: RawRequest, analysis: RequestAnalysis, receivedAt: Date) {
    const mode = deps.debugMode();
    const debug =
      mode === 'always'
        ? 'always'
        : mode === 'on-demand' && analysis.parsed.debugRequested
          ? 'debug-param'
          : null;
    const predicted = withRunCors(raw, analysis.response);
    if (debug === null || deps.isPreflight(raw)) {
      return {
        predicted,
        body: predictedBody(predicted, deps.gif),
        recordBody: predicted.body ?? '',
      };
    }
    const text = renderDebugLog({
      raw,
      analysis,
      trigger: debug,
      modeOrigin: deps.debugModeOrigin?.(),
      gifBytes: deps.gif.length,
      receivedAt,
    });
    const debugAnswer: PredictedResponse = {
      // A 204 cannot carry the log; the log says which status Matomo would have sent.
      status: predicted.status === 204 ? 200 : predicted.status,
      contentType: 'text/plain; charset=utf-8',
      bodyKind: 'debug',
      body: text,
      headers: Object.fromEntries(
        Object.entries(predicted.headers).filter(([name]) => name !== 'content-type'),
      ),
    };
    return { predicted: debugAnswer, body: text, recordBody: text };
  }

  return async (req, res, target) => {
    const started = performance.now();
    const receivedAt = new Date();
    const id = deps.nextId();
    const meta = { id, receivedAt, started };
    const limits = deps.limits();
    const head = rawRequestOf(req, target);

    const urlLength = (req.url ?? '').length;
    if (urlLength > limits.maxUrlLength) {
      const cut = { ...head, query: head.query.slice(0, limits.maxUrlLength) };
      req.resume();
      return refuse(res, cut, refusals.urlTooLong(urlLength, limits.maxUrlLength), meta);
    }

    const read = hasNoBody(head.headers)
      ? noBody(req)
      : await readBody(
          req,
          {
            maxBytes: limits.maxBodyBytes,
            idleTimeoutMs: deps.bodyIdleTimeoutMs,
            keepBytes: KEEP_REFUSED_BYTES,
          },
          head.headers,
        );
    if (!read.ok) {
      const raw = { ...head, body: read.partial };
      const refusal =
        read.reason === 'too_large'
          ? refusals.bodyTooLarge(read.received, limits.maxBodyBytes)
          : read.reason === 'timeout'
            ? refusals.timeout(read.received, deps.bodyIdleTimeoutMs)
            : refusals.aborted(read.received);
      return refuse(res, raw, refusal, { ...meta, received: read.received });
    }

    // The request head made for this request alone, completed rather than copied.
    const raw: RawRequest = head;
    if (read.body.length > 0) raw.body = read.body;
    // Right after a restart, orders recorded earlier may still be on their way back from disk.
    const loading = deps.store.loading();
    if (loading) await loading;
    const warming = deps.analyzeInSlices ? null : deps.ready?.();
    if (warming) await warming;
    let analysis: RequestAnalysis;
    try {
      analysis = deps.analyzeInSlices
        ? await deps.analyzeInSlices(raw, receivedAt.getTime())
        : deps.analyze(raw, receivedAt.getTime());
    } catch (error) {
      logger.log('error', 'The protocol engine failed on a request', {
        id,
        err: (error as Error).stack,
      });
      return refuse(res, raw, refusals.analysisFailed((error as Error).message), meta);
    }
    // A large bulk's records are built in slices, and stored in a turn of their own: each
    // step is long enough to hold the server if done back to back. So is a hit of megabytes
    // (an entry of 100,000 parameters): its checks, records and storing each take tens of ms.
    const large = analysis.hits.length >= LARGE_BULK_HITS || analysis.hits.some(hasLongText);
    const overLimit = refusalAfterAnalysis(analysis, limits);
    if (overLimit) return refuse(res, raw, overLimit, meta);
    const bulk = analysis.parsed.bulk;
    if (large) await nextTurn();

    const answer = answerFor(raw, analysis, receivedAt);
    const response = responseRecord(
      answer.predicted,
      performance.now() - started,
      answer.recordBody,
    );
    const dtoMeta = { id, receivedAt, response };
    const { request, hits } = large
      ? await toDtosInSlices(raw, analysis, dtoMeta, nextTurn)
      : toDtos(raw, analysis, dtoMeta);
    tagRun(runOfRequest(raw.path, raw.headers), request, hits);
    if (large) await nextTurn();
    try {
      await deps.store.add(request, hits);
    } catch (error) {
      logger.log('error', 'A tracking request could not be stored', {
        id,
        err: (error as Error).message,
      });
      const refusal = refusals.storageFailed((error as Error).message);
      const { contentType, body } = refusalBody(refusal, bulk !== null);
      writeAnswer(
        res,
        refusal.status,
        { ...corsHeaders(raw.method, raw.headers.origin), 'content-type': contentType },
        body,
      );
      return;
    }
    if (logger.enabled('debug')) {
      logger.log('debug', 'Tracking request', {
        id,
        method: raw.method,
        hits: hits.length,
        status: response.status,
      });
    }
    const { predicted } = answer;
    writeAnswer(res, predicted.status, predicted.headers, answer.body, {
      contentType: predicted.contentType,
    });
  };
}
