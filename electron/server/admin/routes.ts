// The admin API route table (docs/api.md): one entry per stable v1 route.
import { API_ROUTES } from '../../../shared/api/routes';
import type { HealthDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import type { OutboundLimits } from './outbound';
import { sendJson } from './reply';
import type { Route } from './router';
import { exportRoutes } from './routes-export';
import { historyRoutes } from './routes-history';
import { hitRoutes } from './routes-hits';
import { importRoutes } from './routes-import';
import { rawRoutes } from './routes-raw';
import { runRoutes } from './routes-runs';
import { sendRoutes } from './routes-send';
import { settingsRoutes } from './routes-settings';
import { streamRoutes } from './routes-stream';
import { validateRoutes } from './routes-validate';
import { visitRoutes } from './routes-visits';
import { waitRoutes } from './routes-wait';
import type { StreamOptions, StreamRegistry } from './sse';

/** Tuning knobs, for tests (short flush intervals, tiny caps). */
export interface AdminOptions {
  stream?: StreamOptions;
  outbound?: OutboundLimits;
}

const healthRoute: Route = {
  method: 'GET',
  path: API_ROUTES.health,
  auth: false,
  handle: ({ res, ctx }) => {
    const body: HealthDto = { status: 'ok', version: ctx.version };
    sendJson(res, 200, body);
  },
};

export function adminRoutes(
  ctx: AdminContext,
  streams: StreamRegistry,
  options: AdminOptions = {},
): Route[] {
  return [
    healthRoute,
    ...hitRoutes,
    ...rawRoutes,
    ...visitRoutes,
    ...waitRoutes,
    ...streamRoutes(streams, options.stream),
    ...validateRoutes,
    ...sendRoutes(options.outbound),
    ...exportRoutes,
    ...importRoutes,
    ...settingsRoutes,
    ...historyRoutes(ctx),
    ...runRoutes(ctx),
  ];
}
