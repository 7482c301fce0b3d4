// Builds HitDto values for tests: a recorded page view unless told otherwise.
import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import type { HitDto, RequestRecordDto, SettingsDto, SummaryDto } from '../../shared/api/types';
import type { SiteProfile } from '../../shared/matomo/types';

let counter = 0;

export function makeHit(overrides: Partial<HitDto> = {}): HitDto {
  counter += 1;
  const id = overrides.id ?? `h${String(counter).padStart(6, '0')}`;
  const params = overrides.params ?? {
    idsite: '1',
    rec: '1',
    action_name: 'Home',
    url: 'https://shop.example/products?page=2',
    _id: '5a2b3c4d5e6f7a8b',
  };
  return {
    id,
    receivedAt: new Date(Date.UTC(2026, 0, 1, 12, 0, 0) + counter * 1000).toISOString(),
    requestId: `r-${id}`,
    index: 0,
    batchSize: 1,
    transport: 'get',
    method: 'GET',
    path: '/matomo.php',
    remoteAddress: '127.0.0.1',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0',
    params,
    occurrences: [],
    rawQuery: new URLSearchParams(params as Record<string, string>).toString(),
    decoded: {},
    type: 'pageview',
    outcome: 'recorded',
    issues: [],
    device: {
      userAgent: 'Mozilla/5.0',
      browser: 'Chrome',
      browserVersion: '130',
      os: 'GNU/Linux',
      osVersion: null,
      device: 'desktop',
      brand: null,
      model: null,
      bot: false,
      botName: null,
    },
    summary: 'Home',
    idsite: 1,
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<RequestRecordDto> = {}): RequestRecordDto {
  counter += 1;
  return {
    id: `r${counter}`,
    receivedAt: new Date().toISOString(),
    method: 'POST',
    url: '/matomo.php',
    path: '/matomo.php',
    query: '',
    headers: { 'content-type': 'application/json' },
    remoteAddress: '127.0.0.1',
    body: '',
    bodyEncoding: 'utf8',
    bodySize: 0,
    bodyTruncated: false,
    transport: 'bulk',
    hitIds: [],
    issues: [],
    response: {
      status: 200,
      headers: {},
      contentType: 'application/json',
      body: '{"status":"success","tracked":2,"invalid":0}',
      bodyKind: 'bulk-json',
      durationMs: 1,
    },
    ...overrides,
  };
}

/** Server settings with the given site profiles and defaults for the rest. */
export function makeSettings(sites: SiteProfile[] = []): SettingsDto {
  return {
    debugMode: 'off',
    sites,
    upstreamUrl: '',
    maxHits: 100_000,
    extraTrackingPaths: [],
    limits: DEFAULT_LIMITS,
    dataDir: '/data',
    trackerUrl: 'http://127.0.0.1:8765/matomo.php',
    version: '0.1.0',
  };
}

/** Site 1, the demo shop, with no goals or lists unless `patch` adds them. */
export function makeSite(patch: Partial<SiteProfile> = {}): SiteProfile {
  return {
    idsite: 1,
    name: 'Shop',
    urls: ['https://shop.example'],
    goals: [],
    dimensions: [],
    siteSearch: true,
    tokens: [],
    ...patch,
  };
}

/** A capture summary of one recorded hit in memory; `overrides` replace fields. */
export function makeSummary(overrides: Partial<SummaryDto> = {}): SummaryDto {
  return {
    requests: 1,
    hits: 1,
    recorded: 1,
    excluded: 0,
    rejected: 0,
    bulkRequests: 0,
    failedRequests: 0,
    inMemory: 1,
    onDiskOnly: 0,
    maxHits: 100_000,
    ...overrides,
  };
}
