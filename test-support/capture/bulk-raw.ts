// Bulk requests as the capture server receives them, for tests of what it makes of them.
import type { RawRequest } from '../../shared/matomo/types';

/** A bulk POST of `requests` from one browser. */
export function bulkRawRequest(requests: unknown[]): RawRequest {
  return {
    method: 'POST',
    path: '/matomo.php',
    query: '',
    headers: { 'user-agent': 'Mozilla/5.0' },
    body: new TextEncoder().encode(JSON.stringify({ requests })),
  };
}

/** A page view as matomo.js sends it, some two dozen parameters (about 350 characters). */
export function pageViewQuery(n: number): string {
  const url = encodeURIComponent(`https://shop.example/products/${n}?utm_source=news`);
  return (
    `?action_name=Products%20${n}&idsite=1&rec=1&r=${100000 + n}&h=12&m=${n % 60}&s=7` +
    `&url=${url}&urlref=https%3A%2F%2Fwww.google.com%2F&_id=5a2b3c4d5e6f${(7000 + n).toString(16)}` +
    `&_idn=0&send_image=0&_refts=1729771200&pv_id=pv${n}&dimension1=member&pdf=1&qt=0` +
    `&realp=0&wma=0&fla=0&java=0&ag=0&cookie=1&res=1920x1080&gt_ms=${n % 900}&pf_net=12`
  );
}
