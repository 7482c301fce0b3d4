import { describe, expect, it } from 'vitest';
import { findParamSpec } from './params';
import { VOLATILE_PARAMS, VolatileRegenerator } from './volatile';

describe('VOLATILE_PARAMS', () => {
  it('names known parameters only', () => {
    for (const name of VOLATILE_PARAMS) expect(findParamSpec(name), name).toBeDefined();
  });

  it('covers every value a replay makes up again', () => {
    const regenerator = new VolatileRegenerator({
      cacheBuster: true,
      localTime: true,
      pageviewIds: true,
      visitorIds: true,
    });
    const made = regenerator.replacements({
      r: '1',
      rand: '1',
      h: '1',
      m: '1',
      s: '1',
      pv_id: 'a',
      _id: '0123456789abcdef',
    });
    for (const name of Object.keys(made)) expect(VOLATILE_PARAMS).toContain(name);
  });
});
