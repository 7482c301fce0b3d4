// Hand-built request and hit DTOs for storage tests (no protocol engine involved).
import type { HitDto, RequestRecordDto } from '../../shared/api/types';
import type { DeviceInfo, HitType, Outcome } from '../../shared/matomo/types';

export const SAMPLE_DEVICE: DeviceInfo = {
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0',
  browser: 'Chrome',
  browserVersion: '126.0',
  os: 'GNU/Linux',
  osVersion: null,
  device: 'desktop',
  brand: null,
  model: null,
  bot: false,
  botName: null,
};

let counter = 0;

export interface SampleOptions {
  hits?: number;
  outcome?: Outcome;
  type?: HitType;
  params?: Record<string, string>;
  error?: { code: string; message: string };
  transport?: HitDto['transport'];
}

/** A request with `hits` hits (1 by default); params end up in `params` and `rawQuery`. */
export function sampleRequest(options: SampleOptions = {}): {
  request: RequestRecordDto;
  hits: HitDto[];
} {
  const id = `t${(++counter).toString(36)}`;
  const count = options.error ? 0 : (options.hits ?? 1);
  const transport = options.transport ?? (count > 1 ? 'bulk' : 'get');
  const params = { idsite: '1', rec: '1', action_name: `Page ${counter}`, ...options.params };
  const rawQuery = new URLSearchParams(params).toString();
  const receivedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, counter % 60)).toISOString();
  const hits: HitDto[] = Array.from({ length: count }, (_, index) => ({
    id: `${id}.${index}`,
    receivedAt,
    requestId: id,
    index,
    batchSize: count,
    transport,
    method: transport === 'get' ? 'GET' : 'POST',
    path: '/matomo.php',
    remoteAddress: '127.0.0.1',
    userAgent: SAMPLE_DEVICE.userAgent,
    params: { ...params },
    occurrences: Object.entries(params).map(([name, value]) => ({
      name,
      value,
      raw: `${name}=${encodeURIComponent(value)}`,
      source: 'query' as const,
    })),
    rawQuery,
    decoded: {},
    type: options.type ?? 'pageview',
    outcome: options.outcome ?? 'recorded',
    issues: [],
    device: SAMPLE_DEVICE,
    summary: params.action_name,
    idsite: Number(params.idsite),
    // As the server's DTOs carry them, from the carrying request (below).
    status: 200,
    imported: false,
  }));
  const request: RequestRecordDto = {
    id,
    receivedAt,
    method: hits[0]?.method ?? 'POST',
    url: `/matomo.php?${rawQuery}`,
    path: '/matomo.php',
    query: rawQuery,
    headers: { host: '127.0.0.1', 'user-agent': SAMPLE_DEVICE.userAgent },
    remoteAddress: '127.0.0.1',
    body: '',
    bodyEncoding: 'utf8',
    bodySize: 0,
    bodyTruncated: false,
    transport,
    hitIds: hits.map((hit) => hit.id),
    issues: [],
    response: {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      contentType: 'image/gif',
      body: '',
      bodyKind: 'gif',
      durationMs: 1,
    },
    ...(options.error ? { error: options.error } : {}),
  };
  return { request, hits };
}
