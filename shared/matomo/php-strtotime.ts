// The date texts PHP's strtotime reads, in UTC, as Matomo reads a non-numeric cdt
// (core/Tracker/Request.php lines 518–520; the tracker runs in UTC). A scanner in the manner
// of PHP's (timelib's parse_date): the text is read piece by piece — a date, a time of day, a
// zone, relative amounts ("-2 hours", "3 days ago", "next week"), weekday names, "first day
// of" — into fields, and any piece it cannot read makes the whole text unreadable (strtotime
// returns false). The fields are then combined in timelib's order: the weekday is found from
// the base date first, the relative amounts are added, "first/last day of" is applied last.
// Rules of timelib that the tests pin down (php-cli, __fixtures__/php/strtotime.json):
// - "yesterday", "tomorrow", "today", "midnight" and weekday names reset the clock to 00:00;
//   "tomorrow" and "yesterday" set the day offset (they do not add to it);
// - a second zone is ignored, a third is an error; a unit glued to letters ("+1 dayz") is the
//   unit followed by a zone abbreviation (z: UTC; military letters a–z but j);
// - "this/next/last week" moves to that week's Monday (the clock is kept);
// - a second time of day is an error, except after a clock reset ("10:00 noon" is noon).
// Each rule is a sticky pattern without nested repetition, tried at the current position,
// so the time grows linearly with the length of the text.

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)';
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Full names and three-letter abbreviations only: "tues" is "tue" and a zone "s". */
const WEEKDAY =
  '(sunday|monday|tuesday|wednesday|thursday|friday|saturday|sun|mon|tue|wed|thu|fri|sat)';
const WHOLE_WEEKDAY = new RegExp(`^${WEEKDAY}$`);
const ORDINALS = [
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];
const REL_TEXT = `(next|last|previous|this|${ORDINALS.join('|')})`;
const UNIT_SECONDS: Record<string, number> = {
  sec: 1,
  second: 1,
  min: 60,
  minute: 60,
  hour: 3600,
};
// Longest spellings first: the first alternative that fits is taken.
const UNIT =
  '((?:millisecond|microsecond|msec|µsec|usec|second|sec|minute|min|hour|day|fortnight|forthnight|month|year)s?|ms|µs|weekdays?|weeks?)';
const END = '(?![a-z0-9])';

/**
 * Zone abbreviations (offset in hours) as timelib reads them without a zone database entry
 * for the date: the standard and summer forms each have their own fixed offset.
 */
const ZONES: Record<string, number> = {
  utc: 0,
  gmt: 0,
  z: 0,
  wet: 0,
  west: 1,
  bst: 1,
  cet: 1,
  cest: 2,
  met: 1,
  mest: 2,
  eet: 2,
  eest: 3,
  ist: 2,
  msk: 3,
  jst: 9,
  kst: 9,
  hkt: 8,
  awst: 8,
  acst: 9.5,
  aest: 10,
  aedt: 11,
  nzst: 12,
  nzdt: 13,
  est: -5,
  edt: -4,
  cst: -6,
  cdt: -5,
  mst: -7,
  mdt: -6,
  pst: -8,
  pdt: -7,
  akst: -9,
  akdt: -8,
  hst: -10,
  ast: -4,
  adt: -3,
  nst: -3.5,
  ndt: -2.5,
};

interface Parts {
  date: { y: number; m: number; d: number } | null;
  /** A date was given (a second one is an error); a bare year or "@…" sets fields only. */
  haveDate: boolean;
  time: { h: number; i: number; s: number } | null;
  haveTime: boolean;
  year: number | null;
  /** Offset in seconds, or a zone name for the Intl database. */
  zone: number | string | null;
  zones: number;
  rel: { y: number; m: number; d: number; s: number; weekdays: number };
  weekday: { day: number; behavior: number } | null;
  firstLast: 'first' | 'last' | null;
  /** "first monday of …" (nth) or "last friday of …" (last). */
  weekdayOf: 'nth' | 'last' | null;
}

/** A rule reads its piece (true), finds it wrong (false: no date), or leaves it to the next. */
type Rule = [RegExp, (match: RegExpExecArray, parts: Parts) => boolean | 'next', RegExp];

const monthOf = (name: string): number => {
  const roman = ROMAN.indexOf(name);
  return roman !== -1 ? roman + 1 : MONTHS.indexOf(name.slice(0, 3) as never) + 1;
};
const yearOf = (text: string): number => {
  const year = Number(text);
  return text.length > 2 ? year : year < 70 ? 2000 + year : 1900 + year;
};

function setDate(parts: Parts, y: number, m: number, d: number): boolean {
  if (parts.haveDate || m < 0 || m > 12 || d < 0 || d > 31) return false;
  parts.date = { y, m, d };
  parts.haveDate = true;
  return true;
}

function setTime(parts: Parts, h: number, i: number, s: number, meridian?: string): boolean {
  if (parts.haveTime) return false;
  let hour = h;
  if (meridian !== undefined) {
    if (h < 1 || h > 12) return false;
    const pm = meridian.startsWith('p');
    hour = h === 12 ? (pm ? 12 : 0) : pm ? h + 12 : h;
  }
  if (hour > 24 || i > 59 || s > 60) return false;
  parts.time = { h: hour, i, s };
  parts.haveTime = true;
  return true;
}

/** timelib's TIMELIB_UNHAVE_TIME: the clock is 00:00 unless a time of day follows. */
function resetClock(parts: Parts): void {
  parts.time = { h: 0, i: 0, s: 0 };
  parts.haveTime = false;
}

function setZone(parts: Parts, zone: number | string | undefined): boolean {
  parts.zones++;
  // A second zone is ignored (a warning in timelib), a third is an error.
  if (parts.zones === 2) return true;
  if (parts.zones > 2 || zone === undefined) return false;
  parts.zone = zone;
  return true;
}

function signOf(signs: string): number {
  let sign = 1;
  for (const char of signs) if (char === '-') sign = -sign;
  return sign;
}

/** An amount of a unit (or of a weekday, "+1 monday"); `keepClock` for numeric amounts. */
function addRelative(parts: Parts, amount: number, unit: string, keepClock: boolean): boolean {
  const day = DAY_NAMES.indexOf(unit.slice(0, 3) as never);
  if (WHOLE_WEEKDAY.test(unit) && day !== -1) {
    return setWeekday(parts, day, amount, 0, keepClock);
  }
  const key = unit.replace(/s$/, '');
  if (key === 'weekday') parts.rel.weekdays += amount;
  else if (key === 'day') parts.rel.d += amount;
  else if (key === 'week') parts.rel.d += amount * 7;
  else if (key === 'fortnight' || key === 'forthnight') parts.rel.d += amount * 14;
  else if (key === 'month') parts.rel.m += amount;
  else if (key === 'year') parts.rel.y += amount;
  else parts.rel.s += amount * (UNIT_SECONDS[key] ?? 0);
  return true;
}

/** A weekday relative to the base date (timelib's timelib_set_relative for weekdays). */
function setWeekday(
  parts: Parts,
  day: number,
  amount: number,
  behavior: number,
  keepClock: boolean,
): boolean {
  if (!keepClock) resetClock(parts);
  parts.rel.d += (amount > 0 ? amount - 1 : amount) * 7;
  parts.weekday = { day, behavior };
  return true;
}

const relTextAmount = (word: string): number => {
  if (word === 'next') return 1;
  if (word === 'last' || word === 'previous') return -1;
  if (word === 'this') return 0;
  return ORDINALS.indexOf(word) + 1;
};

const rule = (source: string, apply: Rule[1]): Rule => [
  new RegExp(source, 'y'),
  apply,
  firstCharsOf(source),
];

/** The characters a rule's text can start with, read from the start of its pattern. */
function firstCharsOf(source: string): RegExp {
  if (source.startsWith('@')) return /@/;
  if (source.startsWith('(\\d')) return /[0-9]/;
  if (source.startsWith('t?')) return /[t0-9]/;
  if (source.startsWith('([+-]*)')) return /[-+0-9]/;
  if (source.startsWith('(?:gmt)?')) return /[-+g]/;
  if (source.startsWith('\\(?')) return /[(a-z]/;
  return /[a-z]/;
}
// Hours of 1–2 digits, minutes and seconds too ("1:2:3" is 01:02:03); `.` may separate them;
// a fraction of a second follows a `.` only.
const TIME =
  '(\\d{1,2})[:.](\\d{1,2})(?:[:.](\\d{1,2})(?:\\.\\d*)?)?(?:\\s*([ap])\\.?m\\.?(?![a-z]))?';

/** A date given as a day of January: PHP lets the day run on past the month (day of year, ISO week). */
function setDayOfYear(parts: Parts, y: number, day: number): boolean {
  if (parts.haveDate) return false;
  parts.date = { y, m: 1, d: day };
  parts.haveDate = true;
  return true;
}

/** The day of January (may be below 1 or past 31) of day `weekday` (0–7) of ISO week `week`. */
function isoWeekDay(y: number, week: number, weekday: number): number {
  const jan4 = new Date(Date.UTC(y, 0, 4)).getUTCDay();
  return 4 - ((jan4 + 6) % 7) + (week - 1) * 7 + (weekday - 1);
}

const WEEK_OF_YEAR = '(0[1-9]|[1-4][0-9]|5[0-3])';

const RULES: Rule[] = [
  // "@1729700000" (and a fraction): Unix seconds; date and time fields stay open to others.
  rule(`@(-?\\d+)(?:\\.\\d{0,6})?${END}`, (m, p) => {
    p.date = { y: 1970, m: 1, d: 1 };
    p.haveDate = false;
    resetClock(p);
    p.rel.s += Number(m[1]);
    return setZone(p, 0);
  }),
  // An amount of a unit or weekday ("+1 day", "3 weeks", "-1 friday"): tried before the dates,
  // as timelib takes the longest reading ("1200 hours" is an amount, not 12:00 and a zone).
  rule(`([+-]*)[ \\t]*(\\d{1,13})[ \\t]*${UNIT}`, (m, p) =>
    addRelative(p, signOf(m[1]!) * +m[2]!, m[3]!, true),
  ),
  rule(`([+-]*)[ \\t]*(\\d{1,13})[ \\t]*${WEEKDAY}`, (m, p) =>
    addRelative(p, signOf(m[1]!) * +m[2]!, m[3]!, true),
  ),
  // Compact ISO 8601 date and time, "20241023T100000" (PHP's xmlrpc format).
  rule(
    `(\\d{4})(\\d{2})(\\d{2})t(\\d{2}):?(\\d{2}):?(\\d{2})${END}`,
    (m, p) =>
      setDate(p, Number(m[1]), Number(m[2]), Number(m[3])) &&
      setTime(p, Number(m[4]), Number(m[5]), Number(m[6])),
  ),
  // ISO week dates, "2024W43" (its Monday) and "2024-W43-2" (PHP's isoweek, isoweekday).
  rule(`(\\d{4})-?w${WEEK_OF_YEAR}(?:-?([0-7]))?(?![a-z0-9])`, (m, p) =>
    setDayOfYear(p, Number(m[1]), isoWeekDay(Number(m[1]), Number(m[2]), Number(m[3] ?? 1))),
  ),
  // "20241023": year, month and day without separators (PHP's datenocolon).
  rule(`(\\d{4})(\\d{2})(\\d{2})${END}`, (m, p) => setDate(p, +m[1]!, +m[2]!, +m[3]!)),
  // Day of the year, "2024.297" and "2024-297" (PHP's pgydotd): day 1 is January 1.
  rule(`(\\d{4})[.-]?(\\d{3})${END}`, (m, p) => setDayOfYear(p, Number(m[1]), Number(m[2]))),
  rule(`(\\d{4})-(\\d{1,2})-(\\d{1,2})(?=t|\\s|$|[^a-z0-9])`, (m, p) =>
    setDate(p, +m[1]!, +m[2]!, +m[3]!),
  ),
  rule(`(\\d{4})/(\\d{1,2})/(\\d{1,2})(?=t|[^a-z0-9]|$)`, (m, p) =>
    setDate(p, +m[1]!, +m[2]!, +m[3]!),
  ),
  // "2024-10" (day 1) and "94-11-06" (two-digit year first).
  rule(`(\\d{2})-(\\d{2})-(\\d{2})${END}`, (m, p) => setDate(p, yearOf(m[1]!), +m[2]!, +m[3]!)),
  rule(`(\\d{4})-(\\d{1,2})${END}(?!:)`, (m, p) => setDate(p, +m[1]!, +m[2]!, 1)),
  rule(`(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${END}`, (m, p) =>
    setDate(p, yearOf(m[3]!), +m[1]!, +m[2]!),
  ),
  rule(`(\\d{1,2})/(\\d{1,2})${END}`, (m, p) => setDate(p, NaN, +m[1]!, +m[2]!)),
  rule(`(\\d{1,2})[-.](\\d{1,2})[-.](\\d{4})${END}`, (m, p) => setDate(p, +m[3]!, +m[2]!, +m[1]!)),
  // "23.10.24" is a time of day to PHP (23:10:24), not a date.
  rule(`(\\d{1,2})\\.(\\d{2})\\.(\\d{2})${END}`, (m, p) => setTime(p, +m[1]!, +m[2]!, +m[3]!)),
  rule(`(\\d{1,2})(?:st|nd|rd|th)?[ \\-.]*${MONTH}[ \\-.,]*(\\d{4}|\\d{2})?${END}`, (m, p) =>
    setDate(p, m[3] === undefined ? NaN : yearOf(m[3]), monthOf(m[2]!), +m[1]!),
  ),
  rule(`${MONTH}[ \\-.]*(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?${END}(?![:.]\\d)`, (m, p) =>
    setDate(p, m[3] === undefined ? NaN : +m[3], monthOf(m[1]!), +m[2]!),
  ),
  rule(`${MONTH}[ \\-.,]*(\\d{4})${END}`, (m, p) => setDate(p, +m[2]!, monthOf(m[1]!), 1)),
  // A month alone (by name, not in Roman numerals): that month, today's day of the month.
  rule(`${MONTH_NAME}${END}\\.?`, (m, p) => setDate(p, NaN, monthOf(m[1]!), NaN)),
  // "first day of" / "last day of": the day of the month, applied after everything else.
  rule(`(first|last) day of${END}`, (m, p) => {
    p.firstLast = m[1] === 'first' ? 'first' : 'last';
    return true;
  }),
  // "second tuesday of …", "last friday of …": that weekday within the month.
  rule(`${REL_TEXT}\\s+${WEEKDAY}\\s+of${END}`, (m, p) => {
    const amount = relTextAmount(m[1]!);
    const day = DAY_NAMES.indexOf(m[2]!.slice(0, 3) as never);
    p.weekdayOf = amount > 0 ? 'nth' : 'last';
    return setWeekday(p, day, amount, amount > 0 ? 1 : 0, false);
  }),
  // "back of 7pm" is 19:15, "front of 7pm" 18:45.
  rule(`(back|front) of (\\d{1,2})(?:\\s*([ap])\\.?m\\.?(?![a-z]))?${END}`, (m, p) => {
    const back = m[1] === 'back';
    let hour = +m[2]!;
    if (m[3] !== undefined)
      hour = hour === 12 ? (m[3] === 'p' ? 12 : 0) : m[3] === 'p' ? hour + 12 : hour;
    resetClock(p);
    return setTime(p, back ? hour : hour - 1, back ? 15 : 45, 0);
  }),
  // A year after the time, as in asctime ("Wed Oct 23 10:00:00 2024").
  rule(`(\\d{4})${END}`, (m, p) => {
    if (p.date === null || !Number.isNaN(p.date.y) || !p.haveDate) return 'next';
    p.date.y = +m[1]!;
    return true;
  }),
  // Four digits: a time "1234" (12:34) when it can be one, else a year ("1970").
  rule(`t?([01]\\d|2[0-4])([0-5]\\d)${END}`, (m, p) => setTime(p, +m[1]!, +m[2]!, 0)),
  rule(`(\\d{4})${END}`, (m, p) => {
    p.year = +m[1]!;
    return true;
  }),
  rule(`t?${TIME}(?![0-9])`, (m, p) => setTime(p, +m[1]!, +m[2]!, +(m[3] ?? 0), m[4])),
  rule(`(\\d{1,2})\\s*([ap])\\.?m\\.?(?![a-z])${END}`, (m, p) => setTime(p, +m[1]!, 0, 0, m[2])),
  rule(`now${END}`, () => true),
  rule(`(?:today|midnight)${END}`, (_m, p) => {
    resetClock(p);
    return true;
  }),
  rule(`noon${END}`, (_m, p) => {
    resetClock(p);
    return setTime(p, 12, 0, 0);
  }),
  rule(`(yesterday|tomorrow)${END}`, (m, p) => {
    resetClock(p);
    p.rel.d = m[1] === 'tomorrow' ? 1 : -1;
    return true;
  }),
  // "next week", "last week", "this week": that many weeks, then that week's Monday.
  rule(`(next|last|previous|this)\\s+week${END}`, (m, p) => {
    p.rel.d += relTextAmount(m[1]!) * 7;
    if (p.weekday === null) p.weekday = { day: 1, behavior: 2 };
    else p.weekday.behavior = 2;
    return true;
  }),
  rule(`${REL_TEXT}\\s+${UNIT}`, (m, p) => addRelative(p, relTextAmount(m[1]!), m[2]!, false)),
  rule(`${REL_TEXT}\\s+${WEEKDAY}`, (m, p) => {
    const day = DAY_NAMES.indexOf(m[2]!.slice(0, 3) as never);
    const amount = relTextAmount(m[1]!);
    return setWeekday(p, day, amount, m[1] === 'this' ? 1 : 0, false);
  }),
  rule(`ago${END}`, (_m, p) => {
    const r = p.rel;
    p.rel = { y: -r.y, m: -r.m, d: -r.d, s: -r.s, weekdays: -r.weekdays };
    return true;
  }),
  rule(`${WEEKDAY}${END}`, (m, p) => {
    resetClock(p);
    const day = DAY_NAMES.indexOf(m[1]!.slice(0, 3) as never);
    if (p.weekday?.behavior === 2) p.weekday.day = day;
    else p.weekday = { day, behavior: 1 };
    return true;
  }),
  // Zones: "+02:00", "+0200", "+1", "GMT+2", "(UTC)", "CEST", a military letter, "Europe/Paris".
  rule(`(?:gmt)?([+-])(\\d{1,2}):?(\\d{2})?${END}`, (m, p) =>
    setZone(p, (m[1] === '-' ? -1 : 1) * (+m[2]! * 3600 + +(m[3] ?? 0) * 60)),
  ),
  rule(`([a-z]+(?:[_/-][a-z]+)+)`, (m, p) =>
    setZone(p, zoneName(original.slice(m.index, m.index + m[0].length))),
  ),
  rule(`\\(?([a-z]{1,6})\\)?${END}`, (m, p) => setZone(p, zoneOffset(m[1]!))),
];

function zoneOffset(name: string): number | undefined {
  if (Object.hasOwn(ZONES, name)) return ZONES[name]! * 3600;
  if (name.length !== 1 || name === 'j') return undefined;
  // Military zones: a–i are +1…+9, k–m +10…+12, n–y −1…−12, z is UTC.
  const code = name.charCodeAt(0) - 96;
  if (name <= 'i') return code * 3600;
  if (name <= 'm') return (code - 1) * 3600;
  return name === 'z' ? 0 : -(code - 13) * 3600;
}

/** A zone of the time zone database ("Europe/Paris"), when the runtime knows it. */
function zoneName(name: string): string | undefined {
  // The database's longest names are about 30 characters; a longer text is none of them.
  if (name.length > 64) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Seconds east of UTC of `zone` at the instant `utcSeconds`. */
function offsetAt(zone: string, utcSeconds: number): number {
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(utcSeconds * 1000));
  const get = (type: string) => Number(fields.find((f) => f.type === type)?.value ?? 0);
  const local = utcOf(
    get('year'),
    get('month'),
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - utcSeconds;
}

/** Seconds since the epoch of a UTC date, any year (Date.UTC maps years 0–99 to 1900s). */
function utcOf(y: number, m: number, d: number, h: number, i: number, s: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(h, i, s, 0);
  return date.getTime() / 1000;
}

/** The rules that can read a piece starting with each ASCII character (others: none). */
const RULES_BY_FIRST: Rule[][] = Array.from({ length: 128 }, (_, code) =>
  RULES.filter(([, , first]) => first.test(String.fromCharCode(code))),
);

/** The text being read, as sent: zone names are looked up with their case. */
let original = '';

/** Unix seconds of `text` as PHP's strtotime reads it in UTC at `nowSeconds`, or null. */
export function phpStrtotime(text: string, nowSeconds: number): number | null {
  if (text.length === 0) return null;
  // PHP reads the text up to a NUL byte.
  const nul = text.indexOf('\u0000');
  original = nul === -1 ? text : text.slice(0, nul);
  const input = original.toLowerCase();
  const parts: Parts = {
    date: null,
    haveDate: false,
    time: null,
    haveTime: false,
    year: null,
    zone: null,
    zones: 0,
    rel: { y: 0, m: 0, d: 0, s: 0, weekdays: 0 },
    weekday: null,
    firstLast: null,
    weekdayOf: null,
  };
  let position = 0;
  while (position < input.length) {
    // Spaces, tabs, commas and dots between pieces are skipped (timelib's `[ .,\t]`).
    const gap = /[\s,.]+/y;
    gap.lastIndex = position;
    if (gap.exec(input)) position = gap.lastIndex;
    if (position >= input.length) break;
    let matched = false;
    for (const [pattern, apply] of RULES_BY_FIRST[input.charCodeAt(position)] ?? []) {
      pattern.lastIndex = position;
      const match = pattern.exec(input);
      if (match === null || match[0] === '') continue;
      const read = apply(match, parts);
      if (read === 'next') continue;
      if (!read) return null;
      position = pattern.lastIndex;
      matched = true;
      break;
    }
    if (!matched) return null;
  }
  return compose(parts, nowSeconds);
}

function compose(parts: Parts, nowSeconds: number): number {
  const now = new Date(nowSeconds * 1000);
  const date = parts.date;
  let y = date && !Number.isNaN(date.y) ? date.y : (parts.year ?? now.getUTCFullYear());
  let m = date && !Number.isNaN(date.m) ? date.m : now.getUTCMonth() + 1;
  let d = date && !Number.isNaN(date.d) ? date.d : now.getUTCDate();
  const time =
    parts.time ??
    (parts.haveDate
      ? { h: 0, i: 0, s: 0 }
      : { h: now.getUTCHours(), i: now.getUTCMinutes(), s: now.getUTCSeconds() });
  const rel = { ...parts.rel };
  // "… of next month": the month moves first, then the weekday is found from its first day.
  if (parts.weekdayOf !== null) {
    d = 1;
    m += rel.m + (parts.weekdayOf === 'last' ? 1 : 0);
    rel.m = 0;
  }
  if (parts.weekday !== null) d += weekdayShift(y, m, d, parts.weekday, rel.d);
  y += rel.y;
  m += rel.m;
  d += rel.d;
  if (parts.firstLast === 'first') d = 1;
  else if (parts.firstLast === 'last') {
    d = 0;
    m += 1;
  }
  let seconds = utcOf(y, m, d, time.h, time.i, time.s) + rel.s;
  if (rel.weekdays !== 0) seconds += weekdaysShift(seconds, rel.weekdays) * 86400;
  const zone = parts.zone;
  if (typeof zone === 'string') return seconds - offsetAt(zone, seconds - offsetAt(zone, seconds));
  return seconds - (zone ?? 0);
}

/** Days from the base date to the weekday asked for (timelib's do_adjust_for_weekday). */
function weekdayShift(
  y: number,
  m: number,
  d: number,
  weekday: { day: number; behavior: number },
  relativeDays: number,
): number {
  const today = new Date(utcOf(y, m, d, 0, 0, 0) * 1000).getUTCDay();
  let day = weekday.day;
  if (weekday.behavior === 2) {
    // Weeks run Monday to Sunday: "sunday this week" is the coming Sunday.
    if (today === 0 && day !== 0) day -= 7;
    if (day === 0 && today !== 0) day = 7;
    return day - today;
  }
  let difference = day - today;
  if (
    (relativeDays < 0 && difference < 0) ||
    (relativeDays >= 0 && difference <= -weekday.behavior)
  ) {
    difference += 7;
  }
  return difference;
}

/** Days to add for `count` working days (Monday to Friday) from the day of `seconds`. */
function weekdaysShift(seconds: number, count: number): number {
  let day = new Date(seconds * 1000).getUTCDay();
  let days = 0;
  const step = count > 0 ? 1 : -1;
  for (let left = Math.abs(count); left > 0;) {
    days += step;
    day = (day + step + 7) % 7;
    if (day !== 0 && day !== 6) left--;
  }
  return days;
}
