// GET /api/stream (see sse.ts).
import { API_ROUTES } from '../../../shared/api/routes';
import { hitFieldsParam } from './hit-fields';
import type { Route } from './router';
import { startStream } from './sse';
import type { StreamOptions, StreamRegistry } from './sse';

export function streamRoutes(registry: StreamRegistry, options?: StreamOptions): Route[] {
  return [
    {
      method: 'GET',
      path: API_ROUTES.stream,
      handle: ({ ctx, res, url }) => {
        // Checked before the stream starts, so a bad value gets a 400 instead of an open stream.
        const fields = hitFieldsParam(url);
        startStream(ctx, res, options, registry, fields);
      },
    },
  ];
}
