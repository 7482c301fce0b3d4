// Hit and request records for admin API tests, plus a small stand-in for the protocol core
// (analyze + toDtos) that records what it was given.
import type { HitDto, RequestRecordDto } from '../../shared/api/types';
import type { AnalyzedHit, RawRequest, RequestAnalysis } from '../../shared/matomo/types';
import { unknownDevice } from '../../shared/matomo/user-agent';

let seq = 0;

export function makeRequest(over: Partial<RequestRecordDto> = {}): RequestRecordDto {
  const id = over.id ?? `r${++seq}`;
  const query = over.query ?? 'idsite=1&rec=1';
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, seq % 60)).toISOString(),
    method: 'GET',
    url: `/matomo.php?${query}`,
    path: '/matomo.php',
    query,
    headers: { host: '127.0.0.1:8765', 'user-agent': 'test-agent' },
    remoteAddress: '127.0.0.1',
    body: '',
    bodyEncoding: 'utf8',
    bodySize: 0,
    bodyTruncated: false,
    transport: 'get',
    hitIds: [],
    issues: [],
    response: {
      status: 200,
      headers: { 'content-type': 'image/gif' },
      contentType: 'image/gif',
      body: '',
      bodyKind: 'gif',
      durationMs: 1.5,
    },
    ...over,
  };
}

export function makeHit(over: Partial<HitDto> = {}): HitDto {
  const n = ++seq;
  const params = over.params ?? { idsite: '1', rec: '1', action_name: `Page ${n}` };
  return {
    id: `h${n}`,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, n % 60)).toISOString(),
    requestId: `r${n}`,
    index: 0,
    batchSize: 1,
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    remoteAddress: '127.0.0.1',
    userAgent: 'test-agent',
    params,
    occurrences: Object.entries(params).map(([name, value]) => ({ name, value, source: 'query' })),
    rawQuery: new URLSearchParams(params as Record<string, string>).toString(),
    decoded: {},
    type: 'pageview',
    outcome: 'recorded',
    issues: [],
    device: unknownDevice('test-agent'),
    summary: String(params.action_name ?? ''),
    idsite: 1,
    ...over,
  };
}

/** A request and its single hit, linked both ways. */
export function makeCapture(hit: Partial<HitDto> = {}, request: Partial<RequestRecordDto> = {}) {
  const h = makeHit(hit);
  const r = makeRequest({ id: h.requestId, hitIds: [h.id], query: h.rawQuery, ...request });
  return { request: r, hits: [h] };
}

/** Stand-in for analyzeRequest: one hit from query + form body; `rec=1` records. */
export function fakeAnalyze(raw: RawRequest): RequestAnalysis {
  const params: Record<string, string> = {};
  const body = new TextDecoder().decode(raw.body);
  for (const [k, v] of new URLSearchParams(body)) params[k] = v;
  for (const [k, v] of new URLSearchParams(raw.query)) params[k] = v;
  const hit: AnalyzedHit = {
    index: 0,
    params,
    occurrences: [],
    rawQuery: [raw.query, body].filter(Boolean).join('&'),
    decoded: {},
    type: params.e_c ? 'event' : 'pageview',
    outcome: params.rec === '1' ? 'recorded' : 'excluded',
    issues:
      params.rec === '1' ? [] : [{ code: 'rec.missing', severity: 'error', message: 'no rec' }],
    device: makeHit().device,
    summary: params.action_name ?? '',
  };
  return {
    parsed: {
      transport: raw.method === 'POST' ? 'post' : 'get',
      method: raw.method,
      path: raw.path,
      bulk: null,
      entries: [],
      issues: [],
      empty: Object.keys(params).length === 0,
      debugRequested: false,
    },
    hits: [hit],
    response: { status: 200, contentType: 'image/gif', bodyKind: 'gif', headers: {} },
  };
}

export function fakeToDtos(raw: RawRequest, analysis: RequestAnalysis) {
  const request = makeRequest({
    method: raw.method,
    path: raw.path,
    query: raw.query,
    url: raw.query ? `${raw.path}?${raw.query}` : raw.path,
    headers: raw.headers,
    body: new TextDecoder().decode(raw.body),
    bodySize: raw.body.length,
  });
  const hits = analysis.hits.map((a) =>
    makeHit({
      requestId: request.id,
      params: a.params,
      rawQuery: a.rawQuery,
      type: a.type,
      outcome: a.outcome,
      issues: a.issues,
      summary: a.summary,
      method: raw.method,
      path: raw.path,
      idsite: Number(a.params.idsite) || null,
    }),
  );
  request.hitIds = hits.map((h) => h.id);
  return { request, hits };
}
