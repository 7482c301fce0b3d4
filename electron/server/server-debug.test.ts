// Debug mode: the processing log as the answer, on demand (debug=1) or always; never when off.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/capture/server-harness';

let t: TestServer | undefined;
afterEach(() => t?.dispose());

const QUERY = 'idsite=1&rec=1&action_name=Debugged&url=https%3A%2F%2Fshop.example%2F&h=99';

describe('debug output', () => {
  it('answers debug=1 with the readable processing log in on-demand mode', async () => {
    t = await startTestServer({ debugMode: 'on-demand' });
    const answer = await t.send('GET', `/matomo.php?${QUERY}&debug=1`);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.text).toContain('Request received');
    expect(answer.text).toMatch(/action_name\s+= Debugged/);
    expect(answer.text).toContain('Hit type: pageview');
    expect(answer.text).toContain('Outcome: recorded');
    expect(answer.text).toContain('HTTP 200, Content-Type: image/gif');
    const plain = await t.send('GET', `/matomo.php?${QUERY}`);
    expect(plain.headers['content-type']).toBe('image/gif');
    const [hit] = await t.hits('&param.debug=1');
    const record = await t.request(hit!.requestId);
    expect(record.response).toMatchObject({ bodyKind: 'debug', status: 200 });
    expect(record.response.body).toContain('Request received');
  });

  it('keeps a rejected request’s 400 and explains the rejection', async () => {
    t = await startTestServer({ debugMode: 'on-demand' });
    const answer = await t.send('GET', '/matomo.php?idsite=0&rec=1&debug=1');
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('Outcome: rejected');
    expect(answer.text).toContain('idsite.invalid');
  });

  it('turns a 204 into 200 so the log can be read, saying what Matomo would send', async () => {
    t = await startTestServer({ debugMode: 'on-demand' });
    const answer = await t.send('GET', `/matomo.php?${QUERY}&send_image=0&debug=1`);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('HTTP 204');
  });

  it('ignores debug=1 when debug mode is off', async () => {
    t = await startTestServer({ debugMode: 'off' });
    const answer = await t.send('GET', `/matomo.php?${QUERY}&debug=1`);
    expect(answer.headers['content-type']).toBe('image/gif');
  });

  it('logs every request in always mode, bulk included, but never a preflight', async () => {
    t = await startTestServer({ debugMode: 'always' });
    const single = await t.send('GET', `/matomo.php?${QUERY}`);
    expect(single.text).toContain('the debug mode is "always" (the default)');
    const bulk = await t.send('POST', '/matomo.php', {
      body: JSON.stringify({ requests: ['?idsite=1&rec=1', '?idsite=1&rec=1'] }),
    });
    expect(bulk.text).toContain('Hit 2 of 2');
    const preflight = await t.send('OPTIONS', '/matomo.php', {
      headers: { 'access-control-request-method': 'POST', origin: 'https://a.example' },
    });
    expect(preflight.status).toBe(204);
  });

  it('names where the debug mode was set: the command line, or Settings', async () => {
    t = await startTestServer({ debugMode: 'always', explicit: ['debugMode'] });
    expect((await t.send('GET', `/matomo.php?${QUERY}`)).text).toContain(
      'the debug mode is "always" (set with --debug always)',
    );
    await t.dispose();
    t = await startTestServer({ debugMode: 'off' });
    await t.api('/api/settings', { method: 'PUT', body: { debugMode: 'always' } });
    const always = await t.send('GET', `/matomo.php?${QUERY}`);
    expect(always.text).toContain('the debug mode is "always" (set in Settings)');
    expect(always.text).not.toContain('--debug');
    await t.api('/api/settings', { method: 'PUT', body: { debugMode: 'on-demand' } });
    const onDemand = await t.send('GET', `/matomo.php?${QUERY}&debug=1`);
    expect(onDemand.text).toContain('(debug mode "on-demand", set in Settings)');
  });
});
