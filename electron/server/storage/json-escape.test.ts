// Texts quoted without JSON.stringify must come out byte for byte as it writes them: the data
// file's lines are compared and searched as bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonText, jsonValue, needsJsonEscape } from './json-escape';

describe('jsonText and jsonValue', () => {
  it('write exactly what JSON.stringify writes for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(jsonText(text)).toBe(JSON.stringify(text));
        expect(jsonValue(text)).toBe(JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('write what JSON.stringify writes for the texts it escapes', () => {
    const texts = ['', 'GET', 'a"b', 'a\\b', '\u0000', '\u001f', '\u007f', '\u2028\u2029', 'é–€'];
    for (const text of [...texts, '\ud800', '\udc00x', 'x\ud83d\ude00y', 'line\nbreak\ttab']) {
      expect(jsonText(text)).toBe(JSON.stringify(text));
    }
  });

  it('write what JSON.stringify writes for values other than texts', () => {
    const values: unknown[] = [0, -0, 1.5, 1e21, Number.NaN, null, true, undefined, [1, 'a'], {}];
    for (const value of [...values, { a: 'x"y', b: [null] }, () => 1, Symbol('s')]) {
      expect(jsonValue(value)).toBe(JSON.stringify(value));
    }
  });
});

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
