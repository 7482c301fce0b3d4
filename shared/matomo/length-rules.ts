// The length limits Matomo applies to text parameters, each as the code that applies it
// measures: on the sanitised value (& < > " ' escaped, see sanitize.ts) or on the value with
// the escaping undone, in bytes (strlen, substr: a cut can split a character) or in
// characters (mb_substr). The catalogue gives the limit (ParamSpec.maxLength); this table
// says how it is counted and what ends up stored.
import { charLength, cutChars } from './coerce';
import { byteLength, cutBytes, sanitizeText, unsanitizeText } from './sanitize';

interface LengthRule {
  unit: 'bytes' | 'chars';
  /** Measured on the escaped text, or on the text with escaping undone (URLs). */
  measured: 'escaped' | 'unescaped';
  /** What is stored: the escaped cut, or the cut with its escaping undone. */
  stored: 'escaped' | 'unescaped';
}

const RULES: Record<string, LengthRule> = {
  // core/Tracker/PageUrl.php lines 310–316 (unsanitised), 233–240 (substr, page_maximum_length).
  url: { unit: 'bytes', measured: 'unescaped', stored: 'unescaped' },
  // core/Tracker/Action.php line 214 (cleanupString on the sanitised name);
  // core/Tracker/TableLogAction.php line 271 unsanitises it for storage.
  action_name: { unit: 'bytes', measured: 'escaped', stored: 'unescaped' },
  // plugins/Actions/Actions/ActionSiteSearch.php line 100: substr($searchCategory, 0, 200).
  search_cat: { unit: 'bytes', measured: 'escaped', stored: 'unescaped' },
  // plugins/Actions/Columns/IdPageview.php line 36: substr(pv_id, 0, 6).
  pv_id: { unit: 'bytes', measured: 'escaped', stored: 'escaped' },
  // plugins/Resolution/Columns/Resolution.php line 38: substr($resolution, 0, 9).
  res: { unit: 'bytes', measured: 'escaped', stored: 'escaped' },
  // plugins/CoreHome/Columns/UserId.php line 70: mb_substr($value, 0, 200).
  uid: { unit: 'chars', measured: 'escaped', stored: 'escaped' },
  // plugins/UserCountry/Columns/Country.php line 86 and Region.php line 38: substr(…, 0, 3).
  country: { unit: 'bytes', measured: 'escaped', stored: 'escaped' },
  region: { unit: 'bytes', measured: 'escaped', stored: 'escaped' },
};
// plugins/CustomDimensions/Tracker/CustomDimensionsRequestProcessor.php line 177: mb_substr 250.
const DIMENSION: LengthRule = { unit: 'chars', measured: 'escaped', stored: 'escaped' };

/** Any other limit: characters of the value as sent. */
const PLAIN: LengthRule = { unit: 'chars', measured: 'unescaped', stored: 'unescaped' };

function ruleOf(name: string): LengthRule {
  return RULES[name] ?? (/^dimension[0-9]+$/.test(name) ? DIMENSION : PLAIN);
}

export interface StoredText {
  /** The value as stored, escaped or not as its column keeps it. */
  stored: string;
  /** Set when the limit cut the value: what to tell the user. */
  cutMessage: string | null;
}

// eslint-disable-next-line no-control-regex -- NUL is one of the characters sanitising removes
const MAY_ESCAPE = /[&<>"'\u0000]/;

const unitWord = (rule: LengthRule): string => (rule.unit === 'bytes' ? 'bytes' : 'characters');

// Text in which every character is one byte and sanitising changes nothing.
// eslint-disable-next-line no-control-regex -- NUL is one of the characters sanitising removes
const NOT_PLAIN_ASCII = /[&<>"'\u0000\u0080-\uffff]/;

/** What Matomo stores of a text parameter limited to `max`, and how the limit cut it. */
export function storedText(name: string, text: string, max: number): StoredText {
  // Nearly every value is short plain ASCII: as long as the limit in bytes, characters or
  // escaped text alike, so it is stored as sent whatever the rule (no copy, no counting).
  if (text.length <= max && !NOT_PLAIN_ASCII.test(text)) return { stored: text, cutMessage: null };
  const rule = ruleOf(name);
  // A UTF-16 unit is at most 3 UTF-8 bytes: short values need no counting (nearly all).
  if (text.length * 3 <= max && (rule.measured === 'unescaped' || !MAY_ESCAPE.test(text))) {
    return { stored: text, cutMessage: null };
  }
  const escaped = rule.measured === 'escaped' ? sanitizeText(text) : text;
  const measuredText = rule.measured === 'escaped' ? escaped : text;
  const finish = (kept: string): string =>
    rule.stored === 'unescaped' && rule.measured === 'escaped' ? unsanitizeText(kept) : kept;
  const length = rule.unit === 'bytes' ? byteLength(measuredText) : charLength(measuredText);
  if (length <= max) return { stored: finish(measuredText), cutMessage: null };
  const escapedNote =
    rule.measured === 'escaped' && escaped !== text
      ? ` once Matomo has escaped & < > " ' as HTML entities`
      : '';
  let kept: string;
  let split = '';
  if (rule.unit === 'bytes') {
    const cut = cutBytes(measuredText, max);
    kept = cut.text;
    if (cut.splitsCharacter) split = ', which cuts a character in two (its first bytes stay)';
  } else kept = cutChars(measuredText, max);
  return {
    stored: finish(kept),
    cutMessage: `${name} is ${length} ${unitWord(rule)} long${escapedNote}; Matomo keeps the first ${max} ${unitWord(rule)}${split}.`,
  };
}

/** The byte length Matomo's strlen sees for a text parameter (cid, _id). */
export function sanitizedByteLength(text: string): number {
  return NOT_PLAIN_ASCII.test(text) ? byteLength(sanitizeText(text)) : text.length;
}
