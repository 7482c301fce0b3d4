import { formatClock, formatLocalDateTime, timeTitle } from '../../lib/format';

/**
 * A moment as the whole UI shows it: local time (the clock with milliseconds, or the date and
 * time), with the UTC offset and the same moment in UTC on hover. An unreadable ISO text is
 * shown as it is.
 */
export function LocalTime({
  at,
  format = 'date-time',
  className,
}: {
  /** Milliseconds since the epoch, or an ISO 8601 text. */
  at: number | string;
  format?: 'clock' | 'date-time';
  className?: string;
}) {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return <span className={className}>{String(at)}</span>;
  return (
    <time className={className} dateTime={new Date(ms).toISOString()} title={timeTitle(ms)}>
      {format === 'clock' ? formatClock(ms) : formatLocalDateTime(ms)}
    </time>
  );
}
