// A record of many names whose builder listed them (listNames), behind a proxy that counts
// every listing of its own names (for…in, Object.keys, JSON.stringify…): code that reads the
// list it was given lists nothing (no timing involved).
import { listNames } from '../../shared/matomo/record-shapes';

export function countingRecord<T>(record: Record<string, T>): {
  record: Record<string, T>;
  listings: () => number;
} {
  let listings = 0;
  const proxy = new Proxy(record, {
    ownKeys(target) {
      listings++;
      return Reflect.ownKeys(target);
    },
  });
  listNames(proxy, Object.keys(record));
  return { record: proxy, listings: () => listings };
}
