import { describe, expect, it } from 'vitest';
import { findParamSpec } from './params';
import {
  HIT_TEMPLATES,
  TEMPLATE_IDS,
  TEMPLATE_LIST,
  templateFieldNames,
  templateForHitType,
  templateForParams,
  templateParams,
} from './templates';
import { HIT_TYPES } from './types';

describe('hit templates', () => {
  it('cover every kind of hit the composer offers, plus blank', () => {
    expect(TEMPLATE_LIST.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of TEMPLATE_LIST) {
      if (t.hitType !== null) expect(HIT_TYPES).toContain(t.hitType);
    }
  });

  it('only use parameters the catalogue knows and Matomo 5 reads', () => {
    for (const t of TEMPLATE_LIST) {
      for (const field of t.fields) {
        const spec = findParamSpec(field.name);
        expect(spec, `${t.id}: ${field.name}`).toBeDefined();
        expect(spec?.readByMatomo5, `${t.id}: ${field.name}`).toBe(true);
      }
    }
  });

  it('set the values that make the kind (docs/tracking-protocol.md#action-parameters, #events-goals-ecommerce, #js-tracker)', () => {
    const values = (id: (typeof TEMPLATE_IDS)[number]) =>
      Object.fromEntries(templateParams(id).map((p) => [p.name, p.value]));
    expect(values('event')).toEqual({ ca: '1' });
    expect(values('content_interaction')).toEqual({ ca: '1' });
    expect(values('ecommerce_order')).toEqual({ idgoal: '0' });
    expect(values('ecommerce_cart')).toEqual({ idgoal: '0' });
    expect(values('ping')).toEqual({ ping: '1' });
    expect(values('pageview')).toEqual({});
    expect(templateParams('blank')).toEqual([]);
    expect(HIT_TEMPLATES.ecommerce_order.items).toBe(true);
    expect(HIT_TEMPLATES.event.fields.filter((f) => f.required).map((f) => f.name)).toEqual([
      'e_c',
      'e_a',
    ]);
  });

  it('recognise the kind of a request as Matomo would', () => {
    expect(templateForParams({ e_c: 'Video', e_a: 'Play', url: 'x' })).toBe('event');
    expect(templateForParams({ e_c: 'Video', url: 'x' })).toBe('pageview');
    expect(templateForParams({ download: 'x', e_c: 'a', e_a: 'b' })).toBe('download');
    expect(templateForParams({ idgoal: '0', ec_id: 'A1' })).toBe('ecommerce_order');
    expect(templateForParams({ idgoal: '0' })).toBe('ecommerce_cart');
    expect(templateForParams({ idgoal: '3', url: 'x' })).toBe('goal');
    expect(templateForParams({ c_n: 'Banner', c_i: 'click' })).toBe('content_interaction');
    expect(templateForParams({ c_n: 'Banner' })).toBe('content_impression');
    expect(templateForParams({ ping: '1', url: 'x' })).toBe('ping');
    expect(templateForParams({ search: 'shoes' })).toBe('site_search');
    expect(templateForParams({ _pks: 'SKU', url: 'x' })).toBe('product_view');
    expect(templateForParams({ idsite: '1', rec: '1' })).toBe('blank');
  });

  it('open media, crash and unknown hits as blank', () => {
    expect(templateForHitType('event')).toBe('event');
    expect(templateForHitType('ecommerce_cart')).toBe('ecommerce_cart');
    expect(templateForHitType('media')).toBe('blank');
    expect(templateForHitType('unknown')).toBe('blank');
    expect(templateFieldNames('download').has('download')).toBe(true);
  });
});
