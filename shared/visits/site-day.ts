// The calendar day of a moment in a site's time zone, as Matomo compares them to split
// visits at midnight (plugins/CoreHome/Tracker/VisitRequestProcessor.php lines 232–247:
// the last action's date and the request's date, both in the site's time zone) and to salt
// the config id per day (core/Tracker/Settings.php lines 79–92).

import { fixedOffsetMinutes } from '../matomo/site-visit-settings';

const HOUR_MS = 3_600_000;

const pad = (n: number): string => String(n).padStart(2, '0');

function utcDay(ms: number): string {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/**
 * Days of one zone, cached per hour of UTC time: formatting a date in a named zone costs
 * microseconds, and the hits of a visit fall in a few hours. Offsets change on whole hours
 * in every zone Hitscope's users are likely to have (a half-hour change would put at most
 * half an hour on the wrong day).
 */
class ZoneDays {
  private readonly format: Intl.DateTimeFormat | null;
  private readonly offset: number | null;
  private readonly byHour = new Map<number, string>();

  constructor(zone: string) {
    this.offset = fixedOffsetMinutes(zone);
    let format: Intl.DateTimeFormat | null = null;
    if (this.offset === null) {
      try {
        format = new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        });
      } catch {
        format = null;
      }
    }
    this.format = format;
  }

  private lastIndex = NaN;
  private lastDay = '';

  day(seconds: number): string {
    const ms = seconds * 1000;
    if (this.format === null) {
      const shifted = ms + (this.offset ?? 0) * 60_000;
      const index = Math.floor(shifted / 86_400_000);
      if (index !== this.lastIndex) {
        this.lastIndex = index;
        this.lastDay = utcDay(shifted);
      }
      return this.lastDay;
    }
    const hour = Math.floor(ms / HOUR_MS);
    let day = this.byHour.get(hour);
    if (day === undefined) {
      const parts = this.format.formatToParts(new Date(ms));
      const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
      day = `${part('year')}-${part('month')}-${part('day')}`;
      if (this.byHour.size >= 512) this.byHour.clear();
      this.byHour.set(hour, day);
    }
    return day;
  }
}

const zones = new Map<string, ZoneDays>();

/** `YYYY-MM-DD` of Unix time `seconds` in `zone` (an unknown zone reads as UTC). */
export function siteDay(seconds: number, zone: string): string {
  let days = zones.get(zone);
  if (!days) {
    if (zones.size >= 64) zones.clear();
    days = new ZoneDays(zone);
    zones.set(zone, days);
  }
  return days.day(seconds);
}
