// The date texts PHP's strtotime reads, in UTC, as Matomo reads a non-numeric cdt
// (core/Tracker/Request.php lines 518–520; the tracker runs in UTC). A scanner in the manner
// of PHP's: the text is read piece by piece — a date, a time of day, a zone, relative
// amounts ("-2 hours", "3 days ago", "yesterday"), weekday names — and any piece it cannot
// read makes the whole text unreadable (strtotime returns false). Covered: ISO 8601 and SQL
// dates, y/m/d, m/d/y, d-m-y, d.m.y, textual months (HTTP dates, RFC 850, asctime, "Oct 23,
// 2024"), ISO week dates, days of the year, compact "20241023T100000", times with am/pm,
// numeric zones and UTC/GMT/Z, and the relative words. Checked
// against php on the corpus in __fixtures__/php/strtotime.json.

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
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const WEEKDAY =
  '(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?)';
const UNIT_SECONDS: Record<string, number> = {
  sec: 1,
  second: 1,
  min: 60,
  minute: 60,
  hour: 3600,
  day: 86400,
  week: 604800,
  fortnight: 1209600,
};
const UNIT = '(sec(?:ond)?|min(?:ute)?|hour|day|week|fortnight|month|year)s?';
const END = '(?![a-z0-9])';

interface Parts {
  date: { y: number; m: number; d: number } | null;
  time: { h: number; i: number; s: number } | null;
  zone: number | null;
  weekday: number | null;
  /** "next friday" is after today, "last monday" before it; a bare name may be today. */
  weekdayDirection: -1 | 0 | 1;
  /** today, yesterday, midnight…: the clock is reset to 00:00 unless a time is given. */
  midnight: boolean;
  rel: { y: number; m: number; s: number };
}

type Rule = [RegExp, (match: RegExpExecArray, parts: Parts) => boolean];

const monthOf = (name: string): number => MONTHS.indexOf(name.slice(0, 3) as never) + 1;
const yearOf = (text: string): number => {
  const year = Number(text);
  return text.length > 2 ? year : year < 70 ? 2000 + year : 1900 + year;
};

function setDate(parts: Parts, y: number, m: number, d: number): boolean {
  if (parts.date !== null || m < 1 || m > 12 || d < 0 || d > 31) return false;
  parts.date = { y, m, d };
  return true;
}

function setTime(parts: Parts, h: number, i: number, s: number, meridian?: string): boolean {
  if (parts.time !== null) return false;
  let hour = h;
  if (meridian !== undefined) {
    if (h < 1 || h > 12) return false;
    const pm = meridian.startsWith('p');
    hour = h === 12 ? (pm ? 12 : 0) : pm ? h + 12 : h;
  }
  if (hour > 24 || i > 59 || s > 60) return false;
  parts.time = { h: hour, i, s };
  return true;
}

function addRelative(parts: Parts, amount: number, unit: string): boolean {
  const key = unit.replace(/s$/, '');
  if (key === 'month') parts.rel.m += amount;
  else if (key === 'year') parts.rel.y += amount;
  else parts.rel.s += amount * (UNIT_SECONDS[key] ?? 0);
  return true;
}

function midnightWith(parts: Parts, days: number): boolean {
  parts.rel.s += days * 86400;
  parts.midnight = true;
  // Read in order: "noon tomorrow" is tomorrow at midnight, "tomorrow noon" at noon.
  if (parts.time !== null) parts.time = null;
  return true;
}

const rule = (source: string, apply: Rule[1]): Rule => [new RegExp(source, 'y'), apply];
const TIME = '(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?(?:\\s*([ap])\\.?m\\.?)?';

/** A date given as a day of January: PHP lets the day run on past the month (day of year, ISO week). */
function setDayOfYear(parts: Parts, y: number, day: number): boolean {
  if (parts.date !== null) return false;
  parts.date = { y, m: 1, d: day };
  return true;
}

/** The day of January (may be below 1 or past 31) of day `weekday` (0–7) of ISO week `week`. */
function isoWeekDay(y: number, week: number, weekday: number): number {
  const jan4 = new Date(Date.UTC(y, 0, 4)).getUTCDay();
  return 4 - ((jan4 + 6) % 7) + (week - 1) * 7 + (weekday - 1);
}

const RULES: Rule[] = [
  // Compact ISO 8601 date and time, "20241023T100000" (PHP's xmlrpc format).
  rule(
    `(\\d{4})(\\d{2})(\\d{2})t(\\d{2}):?(\\d{2}):?(\\d{2})${END}`,
    (m, p) =>
      setDate(p, Number(m[1]), Number(m[2]), Number(m[3])) &&
      setTime(p, Number(m[4]), Number(m[5]), Number(m[6])),
  ),
  // ISO week dates, "2024W43" (its Monday) and "2024-W43-2" (PHP's isoweek, isoweekday).
  rule(`(\\d{4})-?w(\\d{2})(?:-?([0-7]))?${END}`, (m, p) =>
    setDayOfYear(p, Number(m[1]), isoWeekDay(Number(m[1]), Number(m[2]), Number(m[3] ?? 1))),
  ),
  // Day of the year, "2024.297" and "2024-297" (PHP's pgydotd): day 1 is January 1.
  rule(`(\\d{4})[.-]?(\\d{3})${END}`, (m, p) => setDayOfYear(p, Number(m[1]), Number(m[2]))),
  rule(`(\\d{4})-(\\d{1,2})-(\\d{1,2})(?=t|\\s|$)`, (m, p) => setDate(p, +m[1]!, +m[2]!, +m[3]!)),
  rule(`(\\d{4})/(\\d{1,2})/(\\d{1,2})${END}`, (m, p) => setDate(p, +m[1]!, +m[2]!, +m[3]!)),
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
  rule(`${MONTH}[ \\-.]*(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s*(\\d{4}))?${END}(?!:)`, (m, p) =>
    setDate(p, m[3] === undefined ? NaN : +m[3], monthOf(m[1]!), +m[2]!),
  ),
  rule(`${MONTH}[ \\-.]*(\\d{4})${END}`, (m, p) => setDate(p, +m[2]!, monthOf(m[1]!), 1)),
  // A year after the time, as in asctime ("Wed Oct 23 10:00:00 2024").
  rule(`(\\d{4})${END}`, (m, p) => {
    if (p.date === null || !Number.isNaN(p.date.y)) return false;
    p.date.y = +m[1]!;
    return true;
  }),
  rule(`t?${TIME}(?![0-9])`, (m, p) => setTime(p, +m[1]!, +m[2]!, +(m[3] ?? 0), m[4])),
  rule(`(\\d{1,2})\\s*([ap])\\.?m\\.?${END}`, (m, p) => setTime(p, +m[1]!, 0, 0, m[2])),
  rule(`(?:z|utc|gmt)${END}`, (_m, p) => setZone(p, 0)),
  rule(`([+-])(\\d{2}):?(\\d{2})${END}`, (m, p) =>
    p.time !== null ? setZone(p, (m[1] === '-' ? -1 : 1) * (+m[2]! * 3600 + +m[3]! * 60)) : false,
  ),
  rule(`now${END}`, () => true),
  rule(`(?:today|midnight)${END}`, (_m, p) => midnightWith(p, 0)),
  rule(`noon${END}`, (_m, p) => setTime(p, 12, 0, 0)),
  rule(`yesterday${END}`, (_m, p) => midnightWith(p, -1)),
  rule(`tomorrow${END}`, (_m, p) => midnightWith(p, 1)),
  rule(`([+-]?)\\s*(\\d+)\\s*${UNIT}${END}`, (m, p) =>
    addRelative(p, (m[1] === '-' ? -1 : 1) * +m[2]!, m[3]!),
  ),
  rule(`(next|last|previous|this)\\s+${WEEKDAY}${END}`, (m, p) => {
    p.weekday = DAY_NAMES.indexOf(m[2]!.slice(0, 3) as never);
    p.weekdayDirection = m[1] === 'next' ? 1 : m[1] === 'this' ? 0 : -1;
    return true;
  }),
  rule(`(next|last|previous|this)\\s+${UNIT}${END}`, (m, p) =>
    addRelative(p, m[1] === 'next' ? 1 : m[1] === 'this' ? 0 : -1, m[2]!),
  ),
  rule(`ago${END}`, (_m, p) => {
    p.rel = { y: -p.rel.y, m: -p.rel.m, s: -p.rel.s };
    return true;
  }),
  rule(`${WEEKDAY}${END}`, (m, p) => {
    p.weekday = DAY_NAMES.indexOf(m[1]!.slice(0, 3) as never);
    return true;
  }),
];

function setZone(parts: Parts, offset: number): boolean {
  if (parts.zone !== null) return false;
  parts.zone = offset;
  return true;
}

/** Unix seconds of `text` as PHP's strtotime reads it in UTC at `nowSeconds`, or null. */
export function phpStrtotime(text: string, nowSeconds: number): number | null {
  const input = text.toLowerCase().trim();
  const at = /^@(-?\d+)$/.exec(input);
  if (at) return Number(at[1]);
  if (input === '') return null;
  const parts: Parts = {
    date: null,
    time: null,
    zone: null,
    weekday: null,
    weekdayDirection: 0,
    midnight: false,
    rel: { y: 0, m: 0, s: 0 },
  };
  let position = 0;
  while (position < input.length) {
    const gap = /[\s,]+/y;
    gap.lastIndex = position;
    if (gap.exec(input)) position = gap.lastIndex;
    if (position >= input.length) break;
    let matched = false;
    for (const [pattern, apply] of RULES) {
      pattern.lastIndex = position;
      const match = pattern.exec(input);
      if (match === null || match[0] === '') continue;
      if (!apply(match, parts)) return null;
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
  let y = date && !Number.isNaN(date.y) ? date.y : now.getUTCFullYear();
  let m = date ? date.m : now.getUTCMonth() + 1;
  let d = date ? date.d : now.getUTCDate();
  const keepClock = date === null && parts.time === null && !parts.midnight;
  const time =
    parts.time ??
    (keepClock
      ? { h: now.getUTCHours(), i: now.getUTCMinutes(), s: now.getUTCSeconds() }
      : { h: 0, i: 0, s: 0 });
  if (parts.weekday !== null && date === null) {
    // A weekday alone is that day this week or the next, at midnight unless a time is given.
    const today = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const ahead = (parts.weekday - today + 7) % 7;
    if (parts.weekdayDirection === 1) d += ahead || 7;
    else if (parts.weekdayDirection === -1) d -= (today - parts.weekday + 7) % 7 || 7;
    else d += ahead;
    if (keepClock) Object.assign(time, { h: 0, i: 0, s: 0 });
  }
  y += parts.rel.y;
  m += parts.rel.m;
  const seconds = Date.UTC(y, m - 1, d, time.h, time.i, time.s) / 1000;
  return seconds + parts.rel.s - (parts.zone ?? 0);
}
