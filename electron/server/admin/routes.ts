// The admin API route table (ARCHITECTURE.md §4): one entry per stable v1 route.
import { API_ROUTES } from '../../../shared/api/routes';
import type { HealthDto } from '../../../shared/api/types';
import type { AdminContext } from '../contracts';
import { sendJson } from './reply';
import type { Route } from './router';

export function adminRoutes(_ctx: AdminContext): Route[] {
  return [
    {
      method: 'GET',
      path: API_ROUTES.health,
      auth: false,
      handle: ({ res, ctx }) => {
        const body: HealthDto = { status: 'ok', version: ctx.version };
        sendJson(res, 200, body);
      },
    },
    {
      method: 'GET',
      path: API_ROUTES.summary,
      handle: ({ res, ctx }) => sendJson(res, 200, ctx.store.summary()),
    },
  ];
}
