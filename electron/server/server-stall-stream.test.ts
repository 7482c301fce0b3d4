// A full-field live stream sends each announced hit's whole JSON, the UI's compact one a summary
// of each, read with its visit. Made for a bulk of thousands in one turn, either held the event
// loop for hundreds of milliseconds whenever such a stream was open; the stall monitor measures the longest stretch of CPU work between two turns while a
// bulk is posted and streamed to its end.
import { describe, expect, it } from 'vitest';
import { leastStallMs } from '../../test-support/capture/stall-monitor';
import { useStallServer } from '../../test-support/capture/stall-server';
import { openStreamBytes, type StreamBytes } from '../../test-support/capture/stream-bytes';
import { JSON_BODY, MAX_SLICED_STALL_MS } from '../../test-support/capture/stall-bounds';

/**
 * Entries of the posted bulk, per kind of stream: a summary is cheaper to make than a whole
 * hit's JSON, so the compact stream needs a larger bulk before one turn made it all too long.
 */
const STREAMS = [
  { fields: 'full', bulk: 4000 },
  { fields: 'compact', bulk: 6000 },
] as const;

const { t, monitor } = useStallServer();

/** Page views named after the attempt, so each attempt's hits are told apart. */
function bulk(prefix: string, size: number): string {
  const requests = Array.from(
    { length: size },
    (_, i) =>
      `?idsite=1&rec=1&_id=0123456789abcdef&action_name=${prefix}${i}&url=${encodeURIComponent(`https://shop.example/p/${i}`)}`,
  );
  return JSON.stringify({ requests });
}

describe.each(STREAMS)(
  'a $fields live stream of a large bulk',
  { timeout: 300_000 },
  ({ fields, bulk: size }) => {
    it('is sent without a long turn, every hit in order', async () => {
      let attempt = 0;
      let stream: StreamBytes | undefined;
      let prefix = '';
      const stallMs = await leastStallMs(monitor, MAX_SLICED_STALL_MS, async () => {
        stream?.close();
        prefix = `Bulk${++attempt}-`;
        const body = bulk(prefix, size);
        stream = await openStreamBytes(t.url, `/api/stream?fields=${fields}`);
        const end = `${prefix}End`;
        // Hits are streamed in the order they were announced: the last request's hit arrives last.
        const arrived = stream.until(end);
        monitor.reset();
        expect((await t.send('POST', '/matomo.php', { body, headers: JSON_BODY })).status).toBe(
          200,
        );
        expect((await t.send('GET', `/matomo.php?idsite=1&rec=1&action_name=${end}`)).status).toBe(
          200,
        );
        await arrived;
      });
      const names = stream!
        .hitsEvents()
        .flatMap((event) => event.hits.map((hit) => hit.params['action_name']))
        .filter((name) => typeof name === 'string' && name.startsWith(prefix));
      stream!.close();
      expect(names).toEqual([
        ...Array.from({ length: size }, (_, i) => `${prefix}${i}`),
        `${prefix}End`,
      ]);
      expect(stallMs).toBeLessThan(MAX_SLICED_STALL_MS);
    });
  },
);
