// Referrer attribution in words, for the inspector and the Visits view.
import type { ReferrerAttribution } from '../../shared/matomo/attribution/conversion-attribution';

const quoted = (text: string) => `“${text}”`;

export function referrerLabel(
  referrer: Pick<ReferrerAttribution, 'type' | 'name' | 'keyword'>,
): string {
  const keyword = referrer.keyword ? `, keyword ${quoted(referrer.keyword)}` : '';
  switch (referrer.type) {
    case 'campaign':
      return `Campaign ${quoted(referrer.name)}${keyword}`;
    case 'search':
      return `Search engine ${referrer.name}${referrer.keyword ? keyword : ', keyword hidden'}`;
    case 'social':
      return `Social network ${referrer.name}`;
    case 'website':
      return `Website ${referrer.name}`;
    default:
      return 'Direct entry';
  }
}

/** Money as Matomo shows a revenue: whole numbers as they are, else two decimals. */
export function revenueLabel(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
