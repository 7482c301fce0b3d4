// PHP's json_decode refuses a \uD800–\uDFFF escape without its pair (php-cli:
// json_decode('{"a":"\ud800"}') is NULL, "Single unpaired UTF-16 surrogate in unicode
// escape"), where JSON.parse accepts it; a pair is read by both. Found by the oracle.
import { describe, expect, it } from 'vitest';
import { readJson } from './coerce';
import { parseBulkBody } from './bulk';
import { parsePhpJson } from './php-json';

describe('JSON as json_decode reads it: unpaired surrogate escapes', () => {
  it('refuses a lone high or low surrogate, in a value or a key', () => {
    expect(() => parsePhpJson('{"a":"\\ud800"}')).toThrow(SyntaxError);
    expect(() => parsePhpJson('{"\\udc00":1}')).toThrow(SyntaxError);
    expect(() => parsePhpJson('[["x","\\uDBFFz"]]')).toThrow(SyntaxError);
    expect(readJson('{"1":["n","\\ud800"]}').ok).toBe(false);
  });
  it('reads a pair, an escaped backslash, and everything else as JSON.parse does', () => {
    expect(parsePhpJson('["\\ud83d\\ude00"]')).toEqual(['😀']);
    expect(parsePhpJson('["\\\\ud800"]')).toEqual(['\\ud800']);
    expect(parsePhpJson('{"a":[1,"é"]}')).toEqual({ a: [1, 'é'] });
  });
  it('makes a bulk body holding one unreadable: nothing is tracked', () => {
    const good = parseBulkBody('{"requests":["?idsite=1&rec=1"]}', true);
    expect(good.entries.length).toBe(1);
    const bad = parseBulkBody('{"requests":["?idsite=1&rec=1&action_name=\\ud800"]}', true);
    expect(bad.entries.length).toBe(0);
  });
});
