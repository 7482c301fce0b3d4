// Visits in words: durations, identity sources, the short visitor id.
import type { VisitSummaryDto } from '../../shared/visits/types';

/** `45 s`, `4 min 12 s`, `1 h 3 min`. */
export function durationLabel(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min${whole % 60 ? ` ${whole % 60} s` : ''}`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

export const IDENTITY_LABELS: Record<VisitSummaryDto['identitySource'], string> = {
  uid: 'from the user id (uid)',
  cid: 'forced by cid',
  _id: "the tracker's visitor id (_id)",
  config_id: 'matched by device fingerprint',
};
