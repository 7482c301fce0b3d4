import { describe, expect, it } from 'vitest';
import { decodeComponent, decodeQuery, phpName } from './query-string';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('decodeComponent', () => {
  it('reads + as a space and percent-escapes as UTF-8', () => {
    expect(decodeComponent('a+b%20c').text).toBe('a b c');
    expect(decodeComponent('%C3%A9t%C3%A9').text).toBe('été');
    expect(decodeComponent('%2B').text).toBe('+');
  });

  it('keeps a malformed percent-escape as literal text and says so', () => {
    const result = decodeComponent('100%+sure%zz%4');
    expect(result.text).toBe('100% sure%zz%4');
    expect(result.problem).toContain('"%+s"');
    expect(result.problem).toContain('not a valid percent-escape');
  });

  it('reads bytes that are not UTF-8 as Latin-1, as Matomo does, and says so', () => {
    const result = decodeComponent('caf%E9');
    expect(result.text).toBe('café');
    expect(result.problem).toContain('not valid UTF-8');
  });

  it('decodes raw non-ASCII characters next to escapes as the same UTF-8', () => {
    expect(decodeComponent('é%zz').text).toBe('é%zz');
    expect(decodeComponent('😀%C3%A9%').text).toBe('😀é%');
  });
});

describe('phpName', () => {
  it('keeps ordinary names', () => {
    expect(phpName('action_name')).toEqual({ kind: 'plain', name: 'action_name' });
  });

  it('turns dots and spaces into underscores and drops leading spaces, as PHP', () => {
    expect(phpName('action.name')).toEqual({ kind: 'mangled', name: 'action_name' });
    expect(phpName('  e c')).toEqual({ kind: 'mangled', name: 'e_c' });
    expect(phpName('ab\u0000cd')).toEqual({ kind: 'mangled', name: 'ab' });
  });

  it('recognises PHP array syntax and keeps the received name', () => {
    expect(phpName('dimension[1]')).toEqual({
      kind: 'array',
      name: 'dimension[1]',
      arrayName: 'dimension',
      mangled: false,
    });
  });

  it('replaces an unclosed [ by _ and leaves the rest alone', () => {
    expect(phpName('a.b[c.d')).toEqual({ kind: 'mangled', name: 'a_b_c.d' });
  });

  it('ignores names that are empty once cleaned', () => {
    expect(phpName('')).toEqual({ kind: 'ignored', name: '' });
    expect(phpName('   ')).toEqual({ kind: 'ignored', name: '' });
    expect(phpName('[x]')).toEqual({ kind: 'ignored', name: '' });
  });
});

describe('decodeQuery', () => {
  it('keeps every occurrence in order with its raw text and source', () => {
    const { occurrences, issues } = decodeQuery('idsite=1&rec=1&idsite=2&flag&&=x', 'query');
    expect(occurrences).toEqual([
      { name: 'idsite', value: '1', raw: 'idsite=1', source: 'query' },
      { name: 'rec', value: '1', raw: 'rec=1', source: 'query' },
      { name: 'idsite', value: '2', raw: 'idsite=2', source: 'query' },
      { name: 'flag', value: '', raw: 'flag', source: 'query' },
      { name: '', value: 'x', raw: '=x', source: 'query' },
    ]);
    expect(codes(issues)).toEqual(['param.name_mangled']);
  });

  it('reports raw spaces, quotes and non-ASCII per parameter, naming the characters', () => {
    const { issues } = decodeQuery('url=http://a/b c&res=320×480&ok=1&t="x"', 'query');
    expect(issues.map((i) => [i.code, i.param])).toEqual([
      ['encoding.unescaped', 'url'],
      ['encoding.unescaped', 'res'],
      ['encoding.unescaped', 't'],
    ]);
    expect(issues[0]?.message).toContain('raw spaces');
    expect(issues[1]?.message).toContain('× (U+00D7)');
    expect(issues[2]?.message).toContain('" (U+0022)');
  });

  it('does not flag characters encodeURIComponent leaves alone', () => {
    const { issues } = decodeQuery("ua=Mozilla%2F5.0%20(X11)&t=Don't!*~&u=a/b?c:d@e,f;g$", 'query');
    expect(issues).toEqual([]);
  });

  it('reports malformed escapes and invalid UTF-8 as encoding.invalid', () => {
    const { occurrences, issues } = decodeQuery('a=50%&b=%FF', 'body');
    expect(occurrences.map((o) => o.value)).toEqual(['50%', 'ÿ']);
    expect(issues.map((i) => [i.code, i.param])).toEqual([
      ['encoding.invalid', 'a'],
      ['encoding.invalid', 'b'],
    ]);
    expect(issues[0]?.message).toContain('in the form body');
  });

  it('reports PHP array keys and explains what Matomo receives', () => {
    const { occurrences, issues } = decodeQuery('dimension%5B1%5D=blue', 'query');
    expect(occurrences[0]?.name).toBe('dimension[1]');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.code).toBe('param.array');
    expect(issues[0]?.message).toContain('array named "dimension"');
    expect(issues[0]?.hint).toContain('dimension1=');
  });

  it('does not report raw brackets of an array key as unescaped', () => {
    expect(codes(decodeQuery('dimension[1]=blue', 'query').issues)).toEqual(['param.array']);
    expect(codes(decodeQuery('v=[1]', 'query').issues)).toEqual(['encoding.unescaped']);
  });

  it('renames dotted names as PHP does and reports it', () => {
    const { occurrences, issues } = decodeQuery('action.name=Home', 'query');
    expect(occurrences[0]).toMatchObject({ name: 'action_name', raw: 'action.name=Home' });
    expect(issues[0]?.code).toBe('param.name_mangled');
    expect(issues[0]?.message).toContain('"action_name"');
  });

  it('returns nothing for an empty string', () => {
    expect(decodeQuery('', 'query')).toEqual({ occurrences: [], issues: [] });
  });
});
