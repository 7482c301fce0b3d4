// GET/PUT /api/settings. The body is decoded with its declaration in shared/api (the same
// schema the settings store applies to the saved file and site-profile files); a refusal is
// a 400 that names the field and the value.
import { settingsPatchSchema } from '../../../shared/api/bodies';
import { decodeSettings } from '../../../shared/api/settings-body';
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
      const decoded = decodeSettings(settingsPatchSchema, patch);
      if (!decoded.ok) throw new ApiError(400, 'settings.invalid', decoded.message);
      let updated: SettingsDto;
      try {
        updated = ctx.settings.update(decoded.value);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        throw new ApiError(400, 'settings.invalid', message);
      }
      ctx.logger.log('info', 'Settings changed', { fields: Object.keys(patch) });
      // New visit rules form the visits again: the answer waits for them, so that what the
      // client reads next is formed by the rules it saved.
      await ctx.visitsFormed?.();
      sendJson(res, 200, updated);
    },
  },
];
