// The lifecycle shared by the stall tests: one capture server with a warm device detector and
// a first hit behind it, and a stall monitor started after that, so that neither the
// detector's compilation nor the first request counts. The fields are filled in by the
// beforeAll hook: read them inside tests.
import { afterAll, beforeAll } from 'vitest';
import { warmDeviceDetector } from '../../shared/matomo/user-agent';
import { startTestServer, type TestServer } from './server-harness';
import { startStallMonitor, type StallMonitor } from './stall-monitor';

export function useStallServer(overrides?: Parameters<typeof startTestServer>[0]): {
  t: TestServer;
  monitor: StallMonitor;
} {
  const t = {} as TestServer;
  const monitor = {} as StallMonitor;
  beforeAll(async () => {
    Object.assign(t, await startTestServer(overrides));
    // The detector compiles its patterns once, at startup; requests come after that.
    warmDeviceDetector();
    await t.send('GET', '/matomo.php?idsite=1&rec=1&action_name=Warm');
    await t.hits();
    Object.assign(monitor, startStallMonitor());
  }, 60_000);
  afterAll(async () => {
    monitor.stop();
    await t.dispose();
  });
  return { t, monitor };
}
