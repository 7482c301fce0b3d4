// Builds hits for the visit engine's tests: one visitor on one device unless told otherwise.
import type { ParamValue } from '../matomo/types';
import type { VisitHitInput } from './types';

export const T0 = Date.UTC(2024, 9, 24, 10, 0, 0);

let counter = 0;

export function testHit(
  atSeconds: number,
  params: Record<string, ParamValue> = {},
  extra: Partial<VisitHitInput> = {},
): VisitHitInput {
  counter++;
  const type =
    extra.type ??
    (params.ping === '1'
      ? 'ping'
      : params.e_c !== undefined
        ? 'event'
        : params.idgoal === '0' && params.ec_id !== undefined
          ? 'ecommerce_order'
          : params.idgoal === '0'
            ? 'ecommerce_cart'
            : 'pageview');
  return {
    id: `r${counter}.0`,
    receivedAt: T0 + atSeconds * 1000,
    outcome: 'recorded',
    type,
    idsite: 1,
    params: {
      idsite: '1',
      rec: '1',
      url: 'https://shop.example/',
      _id: '0123456789abcdef',
      ...params,
    },
    remoteAddress: '203.0.113.7',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0',
    device: { browser: 'Firefox', browserVersion: '131.0', os: 'GNU/Linux', bot: false },
    ...extra,
  };
}
