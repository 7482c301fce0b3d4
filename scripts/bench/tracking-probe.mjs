// A tracking request sent every 50 ms while some work runs, timed from a thread of its own.
// Timed on the bench's main thread, a probe waited for whatever that thread did meanwhile:
// sending a 50 MB import body (encoding the string, writing it, collecting it) held the
// bench's own event loop for up to a second, and the probe's answer was read that late
// although the server had answered it in milliseconds. In a worker, its sending and its
// timing share no event loop and no heap with the bench's own requests.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { send } from './http.mjs';
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';

const EVERY_MS = 50;

/**
 * Probes `url`'s tracking endpoint until `until` settles: its result, the slowest answer's
 * ms, the number of probes answered and each answer's ms in the order they came.
 */
export async function probeWhile(url, until) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { url } });
  const figures = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const [done] = await Promise.allSettled([until]);
  worker.postMessage('stop');
  const probed = await figures.finally(() => worker.terminate());
  if (done.status === 'rejected') throw done.reason;
  return { result: done.value, ...probed };
}

if (!isMainThread) {
  let going = true;
  parentPort.once('message', () => (going = false));
  const times = [];
  while (going) {
    const answer = await send(`${workerData.url}/matomo.php?${pageviewQuery(7)}`, {
      headers: BROWSER_HEADERS,
    });
    times.push(answer.ms);
    await new Promise((r) => setTimeout(r, EVERY_MS));
  }
  parentPort.postMessage({ slowest: Math.max(0, ...times), probes: times.length, times });
}
