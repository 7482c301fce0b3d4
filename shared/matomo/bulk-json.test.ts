// A bulk body read in pieces is the object JSON.parse reads, or nothing (the caller then parses
// the body whole): never another object, never one JSON.parse would refuse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJsonBytesInPieces, parseJsonObjectInPieces } from './bulk-json';
import { drain } from '../steps';
import { exceedsJsonDepth } from './json-depth';
import { parsePhpJson } from './php-json';

function whole(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: parsePhpJson(text) };
  } catch {
    return { ok: false };
  }
}

/** JSON text of `value` with `space` around each of its punctuation marks. */
function spaced(value: unknown, space: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const items = Array.isArray(value)
    ? value.map((item) => spaced(item, space))
    : Object.entries(value).map(
        ([key, item]) => `${JSON.stringify(key)}${space}:${space}${spaced(item, space)}`,
      );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${space}${open}${space}${items.join(`${space},${space}`)}${space}${close}${space}`;
}

describe('parseJsonObjectInPieces', () => {
  it('reads bulk bodies exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.array(fc.jsonValue(), { maxLength: 20 }),
        fc.constantFrom('', ' ', '\t', '\r\n', ' \n '),
        (others, requests, space) => {
          const text = spaced({ ...others, requests }, space);
          const read = drain(parseJsonObjectInPieces(text));
          // Read from the UTF-8 bytes, the same.
          expect(drain(parseJsonBytesInPieces(new TextEncoder().encode(text)))).toStrictEqual(read);
          const parsed = JSON.parse(text) as Record<string, unknown>;
          // Keys JSON.parse treats specially are left to it.
          if (read === null) {
            expect(Object.hasOwn(others, '__proto__')).toBe(true);
            return;
          }
          expect(read.json).toStrictEqual(parsed);
          expect(Object.keys(read.json)).toStrictEqual(Object.keys(parsed));
          expect(read.tooDeep).toBe(exceedsJsonDepth(parsed));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never returns an object for a text JSON.parse refuses or reads otherwise', () => {
    const damage = fc.tuple(
      fc.nat(),
      fc.constantFrom('', '"', ',', ':', '[', ']', '{', '}', '\\', 'x', '0', ' ', '\\ud800'),
      fc.nat({ max: 3 }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 10 }),
        fc.array(damage, { minLength: 1, maxLength: 3 }),
        (requests, damages) => {
          let text = JSON.stringify({ token_auth: 'abc', requests });
          for (const [at, insert, remove] of damages) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + remove);
          }
          const read = drain(parseJsonObjectInPieces(text));
          expect(drain(parseJsonBytesInPieces(new TextEncoder().encode(text)))).toStrictEqual(read);
          if (read === null) return;
          const parsed = whole(text);
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(read.json).toStrictEqual(parsed.value);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves repeated keys, lone surrogates and deep nesting to the whole parse', () => {
    const read = (text: string) => drain(parseJsonObjectInPieces(text));
    expect(read('{"requests":[],"requests":["?a=1"]}')).toBeNull();
    expect(read('{"requests":["\\ud800"]}')).toBeNull();
    expect(read('{"requests":[]} x')).toBeNull();
    expect(read('["requests"]')).toBeNull();
    const deep = `{"requests":[${'['.repeat(511)}${']'.repeat(511)}]}`;
    expect(read(deep)?.tooDeep).toBe(true);
    expect(exceedsJsonDepth(JSON.parse(deep))).toBe(true);
    const fits = `{"requests":[${'['.repeat(510)}${']'.repeat(510)}]}`;
    expect(read(fits)?.tooDeep).toBe(false);
  });

  it('reads strings taken between their quotes as JSON.parse reads them', () => {
    // Strings without escapes are not parsed; every other one is, and a raw control
    // character still leaves the body to the whole parse (which refuses it).
    const strings = [
      '?a=1&b=%E2%80%93',
      '\ufeff?a=1',
      'caf\u00e9 \u{1f600}',
      '\u2028\u2029\u007f',
      '',
      'say "hi"',
      'back\\slash',
      '\u00ff\u0100',
    ];
    const text = JSON.stringify({ requests: strings, token_auth: '\ufeffabc' });
    for (const read of [
      drain(parseJsonObjectInPieces(text)),
      drain(parseJsonBytesInPieces(new TextEncoder().encode(text))),
    ]) {
      expect(read?.json).toStrictEqual(JSON.parse(text));
    }
    // Escapes JSON allows that read as other characters.
    const escaped = '{"requests":["\\u0041\\n\\/", "\\ud83d\\ude00"]}';
    expect(drain(parseJsonObjectInPieces(escaped))?.json).toStrictEqual(JSON.parse(escaped));
    const escapedBytes = new TextEncoder().encode(escaped);
    expect(drain(parseJsonBytesInPieces(escapedBytes))?.json).toStrictEqual(JSON.parse(escaped));
    // A raw lone surrogate in a text body is kept, as JSON.parse keeps it.
    const lone = '{"requests":["?a=\ud800"]}';
    expect(drain(parseJsonObjectInPieces(lone))?.json).toStrictEqual(JSON.parse(lone));
    for (const control of ['\u0000', '\t', '\n', '\u001f']) {
      const body = `{"requests":["?a=${control}"]}`;
      expect(drain(parseJsonObjectInPieces(body))).toBeNull();
      expect(drain(parseJsonBytesInPieces(new TextEncoder().encode(body)))).toBeNull();
    }
  });

  it('gives the caller a turn between pieces of a large body', () => {
    const requests = Array.from({ length: 10_000 }, (_, n) => `?idsite=1&action_name=P${n}`);
    const steps = parseJsonObjectInPieces(JSON.stringify({ requests }));
    let pauses = 0;
    let step = steps.next();
    while (step.done !== true) {
      pauses++;
      step = steps.next();
    }
    expect(step.value?.json['requests']).toStrictEqual(requests);
    expect(pauses).toBeGreaterThan(1);
  });
});
