import { describe, expect, it } from 'vitest';
import { decodedCutForReading, wholeMembersOf } from './decode-cut';
import { decodeParam } from './decode';
import type { DecodedParam, Issue } from './types';

/** `name` decoded from the first `keep` characters of `text`, as a reading answer rebuilds it. */
function cutDecoded(name: string, text: string, keep: number, issues: Issue[] = []): DecodedParam {
  return decodedCutForReading(decodeParam(name, text.slice(0, keep)), text.length, issues);
}

describe('wholeMembersOf', () => {
  it('keeps the whole items of a cut list and closes it again', () => {
    expect(wholeMembersOf(' [["a","x,]"],["b"],["c"')).toEqual({
      json: '[["a","x,]"],["b"]]',
      members: 2,
    });
  });

  it('keeps the whole keys of a cut object, escaped quotes and all', () => {
    expect(wholeMembersOf('{"1":["a\\",","b"],"2":["c","d"],"3":["e')).toEqual({
      json: '{"1":["a\\",","b"],"2":["c","d"]}',
      members: 2,
    });
  });

  it('answers a whole text as it is, and nothing for no whole member or no JSON list', () => {
    expect(wholeMembersOf('[1,2]')).toEqual({ json: '[1,2]', members: 2 });
    expect(wholeMembersOf('[ ]')).toEqual({ json: '[ ]', members: 0 });
    expect(wholeMembersOf('[["a", "very long')).toBeNull();
    expect(wholeMembersOf('"text"')).toBeNull();
  });
});

describe('decodedCutForReading', () => {
  const items = JSON.stringify(Array.from({ length: 50 }, (_, n) => [`S${n}`, 'N', 'C', 1, 1]));

  it('decodes the whole items of cut ec_items, saying it was cut', () => {
    const decoded = cutDecoded('ec_items', items, 100);
    expect(decoded.cutForReading).toEqual({
      chars: items.length,
      decodedChars: 100,
      wholeMembers: 5,
    });
    expect((decoded.value as { sku: string }[]).map((item) => item.sku)).toEqual([
      'S0',
      'S1',
      'S2',
      'S3',
      'S4',
    ]);
    expect(decoded.display).toMatch(
      /^cut for reading, from its first 100 of 991 characters: 5 items: S0/,
    );
    expect(decoded.raw).toBe(items.slice(0, 100));
  });

  it('says a value whose first item is not whole is too long to decode for display', () => {
    const long = JSON.stringify([['S', 'x'.repeat(500), 'C', 1, 1]]);
    const decoded = cutDecoded('ec_items', long, 100);
    expect(decoded.value).toBeUndefined();
    expect(decoded.display).toBe(
      `too long to decode for display (${long.length} characters; read whole on arrival)`,
    );
    expect(decoded.cutForReading?.wholeMembers).toBe(0);
  });

  it('keeps the invalid state of a value found invalid on arrival', () => {
    const issue: Issue = {
      code: 'json.invalid',
      severity: 'warning',
      param: 'ec_items',
      message: '',
    };
    const decoded = cutDecoded('ec_items', `${items}]`, 100, [issue]);
    expect(decoded.value).toBeUndefined();
    expect(decoded.display).toBe('(ignored)');
    expect(decoded.cutForReading).toEqual({ chars: items.length + 1, decodedChars: 100 });
  });

  it('reads a _pkc list as JSON, and leaves a text that is not JSON as decoded', () => {
    const list = JSON.stringify(Array.from({ length: 30 }, (_, n) => `Category ${n}`));
    expect(cutDecoded('_pkc', list, 40).value).toEqual(['Category 0', 'Category 1', 'Category 2']);
    const text = cutDecoded('action_name', 'a'.repeat(300), 100);
    expect(text.display).toBe('a'.repeat(100));
    expect(text.cutForReading).toEqual({ chars: 300, decodedChars: 100 });
  });
});
