// JSON parameters whose bytes are not UTF-8. Matomo reads ec_items, uadata, cvar and _cvar
// with getRequestVar type 'json' (core/Tracker/Request.php line 395 and lines 646–653; the
// CustomVariables plugin's request processor reads cvar and _cvar the same way), which runs
// json_decode on the value as sent, before any sanitising (core/Common.php lines 541–548):
// PHP's json_decode refuses bytes that are not UTF-8 and returns null, so the Latin-1
// fallback that other values get (query-string.ts) never applies. Null is then what an
// unreadable JSON value is: no items (GoalManager::getEcommerceItemsFromRequest, lines
// 413–420: empty, so an order is still recorded, without items), no client hints at all
// (Request::getClientHints: not an array, so not the headers either), no custom variables.
// (_pkc is read as a string, sanitised first, then json_decode'd: it keeps the fallback.)
import type { DecodedEntry } from './decode';
import { decodedValue, type Problem } from './decoded-value';
import { setParam } from './effective-params';
import { decodeComponent } from './query-string';
import type { ParamValue, ParsedEntry } from './types';

const READ_BY_JSON_DECODE = new Set(['ec_items', 'uadata', 'cvar', '_cvar']);
const NONE: readonly string[] = [];

/**
 * The JSON parameters of an entry whose effective value was sent as bytes that are not UTF-8.
 * Such a value always comes with an `encoding.invalid` issue, so an entry without issues
 * (nearly all of them) costs one comparison.
 */
export function jsonParamsNotUtf8(entry: ParsedEntry): readonly string[] {
  if (entry.issues.length === 0) return NONE;
  const names: string[] = [];
  for (const occurrence of entry.occurrences) {
    const { name, raw } = occurrence;
    if (!READ_BY_JSON_DECODE.has(name) || raw === undefined || names.includes(name)) continue;
    if (occurrence.value !== entry.params[name]) continue;
    const eq = raw.indexOf('=');
    if (eq !== -1 && decodeComponent(raw.slice(eq + 1)).latin1 === true) names.push(name);
  }
  return names;
}

/** The entry's decoded parameters with each of `names` read as json_decode reads it: null. */
export function refuseNotUtf8Json(names: readonly string[], entry: DecodedEntry): void {
  for (const name of names) {
    const effect =
      name === 'ec_items'
        ? 'Matomo reads no items'
        : name === 'uadata'
          ? 'Matomo uses no client hints, not even the Sec-CH-UA headers'
          : 'Matomo ignores it';
    const problem: Problem = {
      code: 'json.invalid',
      message: `${name} holds bytes that are not UTF-8: PHP's json_decode refuses the whole value (it does not fall back to Latin-1 as other values do); ${effect}.`,
    };
    const before = entry.decoded[name];
    if (before === undefined) continue;
    const ignored = decodedValue(undefined, '(ignored)', [problem]);
    setParam(entry.decoded, name, { ...before, value: ignored.value, display: ignored.display });
    const others = entry.problems.filter((item) => item.name !== name);
    entry.problems.length = 0;
    entry.problems.push(...others, { name, problems: [problem] });
  }
}

/** The parameters device detection reads: a refused uadata counts as sent but not an object. */
export function paramsForDevice(
  params: Record<string, ParamValue>,
  names: readonly string[],
): Record<string, ParamValue> {
  return names.includes('uadata') ? { ...params, uadata: false } : params;
}
