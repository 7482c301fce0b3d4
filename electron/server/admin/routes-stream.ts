// GET /api/stream (see sse.ts). A HEAD gets the stream's headers and ends: it opens no
// stream and subscribes to nothing.
import { API_ROUTES } from '../../../shared/api/routes';
import { hitFieldsParam } from './hit-fields';
import type { Route } from './router';
import { setStreamHeaders, startStream } from './sse';
import type { StreamOptions, StreamRegistry } from './sse';

export function streamRoutes(registry: StreamRegistry, options?: StreamOptions): Route[] {
  return [
    {
      method: 'GET',
      path: API_ROUTES.stream,
      handle: ({ ctx, res, url, head }) => {
        // Checked before the stream starts, so a bad value gets a 400 instead of an open stream.
        const fields = hitFieldsParam(url);
        if (head) {
          setStreamHeaders(res);
          res.end();
          return;
        }
        startStream(ctx, res, options, registry, fields);
      },
    },
  ];
}
