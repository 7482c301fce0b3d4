// Steps of the stall tests that restart a server on its data directory.
import type { SummaryDto } from '../../shared/api/types';
import type { TestServer } from './server-harness';
import type { StallMonitor } from './stall-monitor';

/** Waits until the server has read its data file back (the summary stops naming it). */
export async function readBackDone(server: TestServer): Promise<void> {
  while ((await server.api<SummaryDto>('/api/summary')).readBack !== undefined) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * The least of three attempts' longest stall, stopping at the first under `limitMs` (a
 * loaded machine's noise does not repeat).
 */
export async function leastStall(
  monitor: StallMonitor,
  limitMs: number,
  act: () => Promise<void>,
): Promise<number> {
  let stallMs = Infinity;
  for (let attempt = 0; attempt < 3 && stallMs >= limitMs; attempt++) {
    monitor.reset();
    await act();
    stallMs = Math.min(stallMs, monitor.longestMs());
  }
  return stallMs;
}
