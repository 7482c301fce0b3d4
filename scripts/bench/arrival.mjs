// Hit arrival to visible row, as the UI sees it: a live-stream subscriber (compact hits, as
// the UI asks) is connected to a server holding many hits; page views are sent one at a time
// and each is timed from its tracking answer to the `hits` event that carries it. Baseline in
// the same run: the tracking round trip itself.
import { BROWSER_HEADERS, pageviewQuery } from './hits.mjs';
import { send } from './http.mjs';

const TOKEN = 'bench-token';
const HITS_EVENT = 'event: hits\n';

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** Opens the UI's stream; `next()` resolves at the time the next `hits` event arrives. */
async function hitsEvents(url) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/stream?fields=compact`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    signal: controller.signal,
  });
  if (res.status !== 200) throw new Error(`stream answered ${res.status}`);
  const waiting = [];
  let seen = 0;
  let taken = 0;
  let text = '';
  const times = [];
  const reading = (async () => {
    try {
      for await (const chunk of res.body) {
        const at = performance.now();
        text += Buffer.from(chunk).toString('utf8');
        for (let i = text.indexOf(HITS_EVENT); i >= 0; i = text.indexOf(HITS_EVENT, i + 1)) {
          seen++;
          times.push(at);
        }
        // Keep only a tail that may hold the start of the next event name.
        text = text.slice(1 - HITS_EVENT.length);
        while (waiting.length > 0 && taken < seen) waiting.shift()(times[taken++]);
      }
    } catch {
      // Aborted when the run is over.
    }
  })();
  return {
    /** Skips events already received: the next one to arrive from now. */
    skip: () => {
      taken = seen;
    },
    next: () =>
      new Promise((resolve) => {
        if (taken < seen) resolve(times[taken++]);
        else waiting.push(resolve);
      }),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

/** p95 and median of arrival to event over `count` page views sent one at a time. */
export async function arrival(url, count = 100) {
  const events = await hitsEvents(url);
  await new Promise((r) => setTimeout(r, 500));
  events.skip();
  const arrivals = [];
  const roundTrips = [];
  for (let k = 0; k < count; k++) {
    const event = events.next();
    const answer = await send(`${url}/matomo.php?${pageviewQuery(900_000 + k)}`, {
      headers: BROWSER_HEADERS,
    });
    const answered = performance.now();
    const arrived = await Promise.race([
      event,
      new Promise((r) => setTimeout(() => r(Number.NaN), 10_000)),
    ]);
    if (Number.isNaN(arrived)) throw new Error('a tracked hit never reached the live stream');
    arrivals.push(Math.max(0, arrived - answered));
    roundTrips.push(answer.ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  await events.close();
  return {
    arrivalP95Ms: percentile(arrivals, 0.95),
    arrivalMedianMs: percentile(arrivals, 0.5),
    trackingRoundTripP95Ms: percentile(roundTrips, 0.95),
    target: 'p95 < 100 ms',
  };
}
