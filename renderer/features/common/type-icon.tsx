import type { HitType } from '../../../shared/matomo/types';

// Simple 16×16 line icons, one per hit type, drawn with currentColor.
const PATHS: Record<HitType, string> = {
  pageview: 'M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13 M6 8h5 M6 10.5h5',
  event: 'M9 1 3.5 9H8l-1 6 5.5-8H8z',
  site_search: 'M7 2.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9z M10.3 10.3 14 14',
  outlink: 'M9 2.5h4.5V7 M13.5 2.5 7.5 8.5 M11.5 9.5v4h-9v-9h4',
  download: 'M8 2v8 M4.5 6.5 8 10l3.5-3.5 M2.5 13.5h11',
  content_impression:
    'M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8z M8 6a2 2 0 1 0 0 4a2 2 0 1 0 0-4z',
  content_interaction: 'M5 2v8l2-2 1.5 4 1.5-.6L8.5 7.5H11z',
  goal: 'M3.5 14.5V2 M3.5 2.5h9l-2 3 2 3h-9',
  ecommerce_order: 'M1.5 2.5h2l1.5 8h8l1.5-6H4.3 M6 13.5h.1 M12 13.5h.1',
  ecommerce_cart: 'M1.5 2.5h2l1.5 8h8l1.5-6H4.3 M6 13.5h.1 M12 13.5h.1 M9 5.5v3 M7.5 7h3',
  product_view: 'M2 2h6l6 6-6 6-6-6z M5 5h.1',
  ping: 'M1.5 8h3l1.5-4 3 8 1.5-4h4',
  media: 'M3 2.5v11L13.5 8z',
  crash: 'M8 1.5 15 14H1z M8 6v4 M8 11.8v.1',
  unknown: 'M5.5 5.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .8-1 1.5v.7 M8 12.3v.1',
};

export const TYPE_LABELS: Record<HitType, string> = {
  pageview: 'Page view',
  event: 'Event',
  site_search: 'Site search',
  outlink: 'Outlink',
  download: 'Download',
  content_impression: 'Content impression',
  content_interaction: 'Content interaction',
  goal: 'Goal',
  ecommerce_order: 'Order',
  ecommerce_cart: 'Cart update',
  product_view: 'Product view',
  ping: 'Heartbeat',
  media: 'Media',
  crash: 'Crash',
  unknown: 'Unknown',
};

export function TypeIcon({ type }: { type: HitType }) {
  return (
    <svg
      className={`type-icon type-${type}`}
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
    >
      <path
        d={PATHS[type]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
