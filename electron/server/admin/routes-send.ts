// POST /api/send: the server sends a composed tracking request itself (to this server or
// to a Matomo the user entered) so the UI needs no CORS and sees the raw answer.
import { randomUUID } from 'node:crypto';
import { API_ROUTES } from '../../../shared/api/routes';
import type { SendResponseDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { sendBodySchema } from '../../../shared/api/bodies';
import { decodeJsonBody } from './body';
import { DEFAULT_OUTBOUND_LIMITS, encodeBody, sendOutbound } from './outbound';
import type { OutboundLimits } from './outbound';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';
import { isLoopbackAddress } from './security';

/** Marks requests sent to this server so the stored request can be found and shown. */
export const SEND_ID_HEADER = 'x-hitscope-send-id';
const METHODS = ['GET', 'POST', 'HEAD', 'OPTIONS'];
/** Set by the HTTP client from the URL and body; a composed value would only corrupt the request. */
const MANAGED_HEADERS = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
  SEND_ID_HEADER,
]);

export interface SendPlan {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: Buffer;
  self: boolean;
}

function fail(message: string, code = 'send.invalid'): never {
  throw new ApiError(400, code, message);
}

function sameServer(url: URL, self: URL): boolean {
  if (url.protocol !== self.protocol || url.port !== self.port) return false;
  const host = (h: string) => h.replace(/^\[|\]$/g, '').toLowerCase();
  const a = host(url.hostname);
  const b = host(self.hostname);
  const loopback = (h: string) => h === 'localhost' || isLoopbackAddress(h);
  return a === b || (loopback(a) && loopback(b));
}

/** Resolves the target and path: `/matomo.php` is appended unless the target names a .php file. */
export function planSend(
  value: unknown,
  ctx: Pick<AdminContext, 'selfUrl' | 'settings' | 'version'>,
): SendPlan {
  const body = decodeJsonBody(value, sendBodySchema, 'send.invalid');
  const target = body.target ?? 'self';
  let base = target;
  if (target === 'self') base = ctx.selfUrl();
  else if (target === 'upstream') {
    base = ctx.settings.get().upstreamUrl;
    if (!base) fail('No upstream Matomo URL is set in the settings.');
  }
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    fail(
      `target "${target}" is not a URL; use "self" or an http(s) URL such as https://matomo.example.com/.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    fail(`target must use http or https, not ${url.protocol}`, 'send.scheme');
  }
  url.hash = '';
  const path = body.path;
  if (path !== undefined && path !== '') {
    if (!path.startsWith('/') || /[\s?#]/.test(path))
      fail(`path "${path}" must start with / and hold no spaces, ? or #.`);
    url.pathname = url.pathname.replace(/\/+$/, '') + path;
  } else if (!url.pathname.endsWith('.php')) {
    url.pathname = url.pathname.replace(/\/+$/, '') + '/matomo.php';
  }
  const query = body.query;
  if (query !== undefined && query.replace(/^\?/, '') !== '') url.search = query.replace(/^\?/, '');

  const method = (body.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method))
    fail(`method must be one of ${METHODS.join(', ')}, got "${method}".`);

  const headers: Record<string, string> = {};
  const given = body.headers ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    fail('headers must be an object of name: value strings.');
  for (const [name, v] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(lower)) fail(`"${name}" is not a valid header name.`);
    if (typeof v !== 'string' || /[\r\n\0]/.test(v))
      fail(`header ${name} must be a single-line string.`);
    if (MANAGED_HEADERS.has(lower))
      fail(`header ${name} is set by the server and cannot be composed.`);
    headers[lower] = v;
  }
  const text = body.body ?? '';
  if (text !== '' && headers['content-type'] === undefined) {
    // What the JavaScript tracker sends for POST and bulk requests.
    headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8';
  }
  headers['user-agent'] ??= `Hitscope/${ctx.version}`;
  const self = sameServer(url, new URL(ctx.selfUrl()));
  return { url, method, headers, body: Buffer.from(text, 'utf8'), self };
}

/** Sends the plan; for this server, also finds the id under which it stored the request. */
export async function executeSend(
  ctx: AdminContext,
  plan: SendPlan,
  limits: OutboundLimits = DEFAULT_OUTBOUND_LIMITS,
): Promise<SendResponseDto> {
  const sendId = randomUUID();
  let requestId: string | undefined;
  const unsubscribe = plan.self
    ? ctx.store.subscribe((event) => {
        if (event.type !== 'added') return;
        const headers = event.request.headers;
        const mark =
          headers[SEND_ID_HEADER] ??
          Object.entries(headers).find(([k]) => k.toLowerCase() === SEND_ID_HEADER)?.[1];
        if (mark === sendId) requestId = event.request.id;
      })
    : () => undefined;
  try {
    const headers = plan.self ? { ...plan.headers, [SEND_ID_HEADER]: sendId } : plan.headers;
    const answer = await sendOutbound(
      { url: plan.url, method: plan.method, headers, body: plan.body },
      limits,
    );
    const encoded = encodeBody(answer.body, answer.headers['content-type']);
    const dto: SendResponseDto = {
      url: plan.url.toString(),
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
      ...encoded,
      durationMs: answer.durationMs,
    };
    if (answer.truncated) dto.truncated = true;
    if (requestId !== undefined) dto.requestId = requestId;
    return dto;
  } finally {
    unsubscribe();
  }
}

export function sendRoutes(limits?: OutboundLimits): Route[] {
  return [
    {
      method: 'POST',
      path: API_ROUTES.send,
      handle: async ({ res, ctx, readJson }) => {
        const plan = planSend(await readJson(), ctx);
        ctx.logger.log('info', 'Sending composed request', {
          url: plan.url.origin + plan.url.pathname,
          method: plan.method,
        });
        sendJson(res, 200, await executeSend(ctx, plan, limits));
      },
    },
  ];
}
