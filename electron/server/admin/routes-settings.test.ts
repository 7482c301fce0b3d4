import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../../shared/api/types';
import { TEST_TOKEN } from '../../../test-support/admin/admin-test-server';
import { call } from '../../../test-support/admin/http-call';
import { useAdminTestServer } from '../../../test-support/admin/use-admin-test-server';

const server = useAdminTestServer();

// Each test starts from the settings the server started with: one that changes them would
// otherwise decide what the tests after it see.
let startedWith: SettingsDto;
beforeAll(() => {
  startedWith = server.ctx.settings.get();
});
afterEach(() => {
  const { debugMode, sites, limits } = startedWith;
  server.ctx.settings.update({ debugMode, sites, limits });
});

const put = (json: unknown) =>
  call(`${server.base}/api/settings`, { method: 'PUT', token: TEST_TOKEN, json });

describe('/api/settings', () => {
  it('answers the current settings', async () => {
    const res = await call(`${server.base}/api/settings`, { token: TEST_TOKEN });
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ debugMode: 'on-demand', version: '9.9.9', sites: [] });
  });

  it('applies a valid partial update and answers the new settings', async () => {
    const res = await put({
      debugMode: 'always',
      sites: [{ idsite: 5, name: 'Shop' }],
      limits: { maxBulkEntries: 50 },
    });
    expect(res.status).toBe(200);
    const settings = res.json<SettingsDto>();
    expect(settings.debugMode).toBe('always');
    expect(settings.sites[0]).toMatchObject({ idsite: 5, name: 'Shop', goals: [] });
    expect(settings.limits.maxBulkEntries).toBe(50);
    expect(settings.limits.maxBodyBytes).toBeGreaterThan(0);
    expect(server.ctx.settings.get().debugMode).toBe('always');
  });

  it('answers 400 with a clear message and changes nothing on bad input', async () => {
    const before = server.ctx.settings.get();
    const cases: [unknown, RegExp][] = [
      [{ debugMode: 'sometimes' }, /debugMode must be one of/],
      [{ maxHits: -1 }, /maxHits/],
      [{ upstreamUrl: 'ftp://x' }, /http or https/],
      [{ colour: 'red' }, /Unknown setting "colour"/],
      [{ sites: [{ idsite: 'one' }] }, /idsite/],
      [[1, 2], /must be a JSON object/],
      ['off', /must be a JSON object/],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = res.json<{ error: { code: string; message: string } }>().error;
      expect(error.message).toMatch(message);
    }
    expect(server.ctx.settings.get()).toEqual(before);
  });
});
