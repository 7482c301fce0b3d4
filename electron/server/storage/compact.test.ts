import { describe, expect, it } from 'vitest';
import { sampleRequest } from '../../../test-support/capture/sample-dtos';
import { orderKey } from '../../../shared/matomo/validate-context';
import { idsiteOf } from '../dto';
import { compactHit, storedRequestOf } from './compact';
import { ValuePools } from './string-pool';

function storedOrderKey(params: Record<string, string>, outcome: 'recorded' | 'rejected') {
  const pools = new ValuePools();
  const sample = sampleRequest({ type: 'ecommerce_order', outcome, params });
  const request = storedRequestOf(sample.request, pools);
  // The hit's idsite field as the server fills it: null for "1.0", not a plain integer.
  const hit = { ...sample.hits[0]!, idsite: idsiteOf(params) };
  return compactHit(hit, request, 0, pools, () => ({})).order;
}

describe('recorded orders', () => {
  it('are remembered under the key the duplicate-order check reads, idsite "1.0" as site 1', () => {
    const params = { idsite: '1.0', idgoal: '0', ec_id: 'A-17' };
    expect(storedOrderKey(params, 'recorded')).toBe('1:A-17');
    expect(orderKey(params)).toBe('1:A-17');
  });

  it('are not remembered when rejected or without an order id', () => {
    expect(storedOrderKey({ idgoal: '0', ec_id: 'A-17' }, 'rejected')).toBeUndefined();
    expect(storedOrderKey({ idgoal: '0', ec_id: '' }, 'recorded')).toBeUndefined();
  });
});
