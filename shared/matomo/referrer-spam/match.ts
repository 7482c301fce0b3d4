// Referrer spam as Matomo tests it (core/Tracker/Visit/ReferrerSpamFilter.php lines 34–48):
// the whole `urlref` text, not just its host, is searched for each listed name with stripos(),
// so a listed name anywhere in the referrer URL (even in its query) makes the hit spam.
import { LruCache } from '../lru';
import { asciiLower } from '../php-text';
import { REFERRER_SPAMMERS } from './spammers';

let index: Map<number, string[]> | null = null;

/** The first three UTF-16 units at `at` as one number (no string is built per position). */
const keyAt = (text: string, at: number): number =>
  text.charCodeAt(at) * 0x100000000 + text.charCodeAt(at + 1) * 0x10000 + text.charCodeAt(at + 2);

/**
 * The list grouped by each name's first characters, so one referrer is compared with the few
 * names that can start at each position instead of every name on the list.
 */
function spammerIndex(): Map<number, string[]> {
  if (index) return index;
  index = new Map();
  for (const entry of REFERRER_SPAMMERS) {
    const name = asciiLower(entry);
    const key = keyAt(name, 0);
    const group = index.get(key);
    if (group) group.push(name);
    else index.set(key, [name]);
  }
  return index;
}

// Most hits carry one of a few referrers (a search engine, the site itself): their answers are
// kept in a bounded cache, so the scan runs once per referrer; long referrers are scanned each
// time, so whatever is sent the memory stays small.
const answers = new LruCache<string, string | null>(1000);
const CACHED_LENGTH = 512;

/** The listed name found in the referrer URL, or null. */
export function referrerSpammer(referrer: string): string | null {
  if (referrer === '') return null;
  if (referrer.length > CACHED_LENGTH) return scan(referrer);
  const known = answers.get(referrer);
  if (known !== undefined) return known;
  const found = scan(referrer);
  answers.set(referrer, found);
  return found;
}

function scan(referrer: string): string | null {
  const text = asciiLower(referrer);
  const groups = spammerIndex();
  for (let i = 0; i + 3 <= text.length; i++) {
    const group = groups.get(keyAt(text, i));
    if (!group) continue;
    for (const name of group) if (text.startsWith(name, i)) return name;
  }
  return null;
}
