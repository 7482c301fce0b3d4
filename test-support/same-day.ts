// Hits dated with `cdt` relative to now fall on two days when a test runs just after midnight,
// and the midnight rule then splits their visit. Tests that mean "one day" date them with this.

const DAY = 86_400;

/**
 * The first second of a span of `spanSeconds` that lies on one UTC calendar day (the default
 * site time zone) and ends a minute or more before `now`. Just after midnight the span moves
 * to the end of the day before, still within a day of now, where `cdt` needs no token.
 */
export function sameDaySpanStart(spanSeconds: number, now = Math.floor(Date.now() / 1000)) {
  const midnight = now - (now % DAY);
  const end = now - 60 - spanSeconds >= midnight ? now - 60 : midnight - 60;
  return end - spanSeconds;
}
