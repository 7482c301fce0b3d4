// GET/PUT /api/settings. Validation lives in the settings store (one set of rules for the
// API, the CLI and site-profile files); this route turns its refusals into 400s.
import { API_ROUTES } from '../../../shared/api/routes';
import type { SettingsDto } from '../../../shared/api/types';
import { expectObject } from './body';
import { ApiError, sendJson } from './reply';
import type { Route } from './router';

export const settingsRoutes: Route[] = [
  {
    method: 'GET',
    path: API_ROUTES.settings,
    handle: ({ res, ctx }) => sendJson(res, 200, ctx.settings.get()),
  },
  {
    method: 'PUT',
    path: API_ROUTES.settings,
    handle: async ({ res, ctx, readJson }) => {
      const patch = expectObject(await readJson(), 'The settings update');
      let updated: SettingsDto;
      try {
        updated = ctx.settings.update(patch as Partial<SettingsDto>);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new ApiError(400, 'settings.invalid', message);
      }
      ctx.logger.log('info', 'Settings changed', { fields: Object.keys(patch) });
      sendJson(res, 200, updated);
    },
  },
];
