// GET /api/stream (see sse.ts).
import { API_ROUTES } from '../../../shared/api/routes';
import type { Route } from './router';
import { startStream } from './sse';
import type { StreamOptions, StreamRegistry } from './sse';

export function streamRoutes(registry: StreamRegistry, options?: StreamOptions): Route[] {
  return [
    {
      method: 'GET',
      path: API_ROUTES.stream,
      handle: ({ ctx, res }) => startStream(ctx, res, options, registry),
    },
  ];
}
