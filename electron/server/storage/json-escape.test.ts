import { describe, expect, it } from 'vitest';
import { needsJsonEscape } from './json-escape';

describe('needsJsonEscape', () => {
  it('tells every UTF-16 unit JSON.stringify writes otherwise than as it is', () => {
    const differing: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `a${String.fromCharCode(unit)}b`;
      if (needsJsonEscape(text) !== (JSON.stringify(text) !== `"${text}"`)) differing.push(unit);
    }
    expect(differing).toEqual([]);
  });

  it('sends a text holding a surrogate pair to JSON.stringify too', () => {
    expect(needsJsonEscape('page \u{1F600}')).toBe(true);
    expect(needsJsonEscape('idsite=1&action_name=Shop%20%E2%80%93%20Home')).toBe(false);
  });
});
