// What the benches that post the bench's bulk to a capture server share: the headers of the
// post, the pause after it, and the builds to compare.
import { fileURLToPath } from 'node:url';
import { BROWSER_HEADERS } from './hits.mjs';

/** A connection each: an idle keep-alive connection may be closed by the server meanwhile. */
export const BULK_HEADERS = {
  connection: 'close',
  'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
  'user-agent': BROWSER_HEADERS['user-agent'],
};

/** After each bulk: long enough for its search entries and visits on a loaded machine. */
const SETTLE_MS = 2000;
export const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * The built checkouts to measure, as [name, root]: this one, after the one `BENCH_BASE_ROOT`
 * names when it is set (measured in the same run, alternating).
 */
export function buildsToCompare() {
  const ownRoot = fileURLToPath(new URL('../../', import.meta.url));
  const base = process.env.BENCH_BASE_ROOT;
  return base
    ? [
        ['base', base],
        ['this', ownRoot],
      ]
    : [['this', ownRoot]];
}
