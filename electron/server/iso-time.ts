// The time stamp of every stored request, as Date#toISOString writes it. V8's own formatting
// took most of a microsecond a request; the requests of one second differ only in their
// milliseconds, so the text of the second is kept and only those are written.

/** The second (milliseconds since 1970 / 1000, floored) whose text `secondText` holds. */
let second = Number.NaN;
/** `YYYY-MM-DDTHH:mm:ss.` of `second`. */
let secondText = '';

/** Exactly `date.toISOString()` (which also throws for an invalid date). */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  const at = Math.floor(ms / 1000);
  // An invalid date never equals: NaN is unequal to everything, itself included.
  if (at !== second) {
    const text = date.toISOString();
    second = at;
    // Every form of the text (years past 9999 and before 0 too) ends with `.mmmZ`.
    secondText = text.slice(0, -4);
    return text;
  }
  const milli = ms - at * 1000;
  return `${secondText}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}
