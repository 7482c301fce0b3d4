// The devices of the newest stored hits, told to the device detector's cache at start: the
// browsers that sent hits last are likely the next to send, and a restarted server answers
// them without waiting for its detector's warm-up (seconds of processor time on a busy
// machine). A stored device is what the detector gave on arrival; only hits whose device was
// surely fully detected are used (see below), without an issue about their hints (a
// `uadata` that is not UTF-8 is read as absent by the detection), with their parameters
// read again as the analysis read them, so the cache key is the one their detection had.
import type { FileHandle } from 'node:fs/promises';
import { MAX_NEW_DEVICES_PER_REQUEST } from '../../../shared/matomo/detection-budget';
import type { ParamValue } from '../../../shared/matomo/types';
import { lazyLine } from './decode-line';
import type { JournalIndex } from './journal-index';
import { readRange, yieldToLoop } from './journal-scan';
import { hydrateHit, storedRequestOf } from './compact';
import type { ParamsOf, StoredDevice } from './stored-record';
import { ValuePools } from './string-pool';

export type RememberDevice = (
  headers: Record<string, string>,
  params: Record<string, ParamValue>,
  device: StoredDevice,
) => void;

/** Newest lines read for devices, and hits at most. */
const SEEDED_LINES = 4;
const SEEDED_HITS = 200;
/** Bytes a line may hold per hit to be read for devices. */
const SEEDED_HIT_BYTES = 64 * 1024;

/** An issue about the client hints (a `uadata` that is not UTF-8 is read as absent). */
const namesHints = (issue: { param?: string; message: string }): boolean =>
  issue.param === 'uadata' || issue.message.includes('uadata');

export async function seedDevices(
  reader: FileHandle,
  index: JournalIndex,
  paramsOf: ParamsOf,
  remember: RememberDevice,
): Promise<void> {
  let left = SEEDED_HITS;
  const pools = new ValuePools();
  const oldest = Math.max(0, index.lines - SEEDED_LINES);
  for (let line = index.lines - 1; line >= oldest && left > 0; line--) {
    const length = index.lineLength(line);
    if (length === 0) continue;
    try {
      const decoded = lazyLine(await readRange(reader, index.lineOffset(line), length));
      // Hits of megabytes (a parameter that long, an object entry of 100,000 keys) are parsed
      // in one piece each: left to the full read, which gives the event loop back.
      if (length > decoded.hitCount * SEEDED_HIT_BYTES) continue;
      const request = storedRequestOf(decoded.request, pools);
      // A request fully detects its first MAX_NEW_DEVICES_PER_REQUEST new devices, so the
      // devices of its first that many hits are full detections (later ones may hold the bot
      // check alone).
      const count = Math.min(decoded.hitCount, MAX_NEW_DEVICES_PER_REQUEST, left);
      for (let i = 0; i < count; i++, left--) {
        // A hit of megabytes is parsed over turns, as its read-back does.
        const hit = await decoded.hitInTurns(i, yieldToLoop);
        if (!hit.device || hit.issues.some(namesHints)) continue;
        const params = paramsOf(hydrateHit(hit, request, 0, pools, paramsOf));
        remember(request.headers, params, hit.device);
      }
    } catch {
      // A line that does not read back is left to the full read, which reports it.
    }
  }
}
