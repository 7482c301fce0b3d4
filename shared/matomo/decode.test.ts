import { describe, expect, it } from 'vitest';
import { decodeEntry, decodeParam, decodeParams, decodeProblems } from './decode';

const NOW = Date.UTC(2024, 9, 24, 12, 0, 0);
const codes = (name: string, raw: Parameters<typeof decodeParam>[1]) =>
  decodeProblems(decodeParam(name, raw, { now: NOW })).map((p) => p.code);
const value = (name: string, raw: Parameters<typeof decodeParam>[1]) =>
  decodeParam(name, raw, { now: NOW }).value;

describe('decodeParams', () => {
  it('decodes every parameter with its catalogue key', () => {
    const decoded = decodeParams({ idsite: '3', dimension2: 'x', foo: 'bar' }, { now: NOW });
    expect(decoded.idsite).toMatchObject({ value: 3, display: '3', catalogueKey: 'idsite' });
    expect(decoded.dimension2).toMatchObject({ value: 'x', catalogueKey: 'dimensionN' });
    expect(decoded.foo).toMatchObject({ value: 'bar', display: 'bar', catalogueKey: null });
  });

  it('keeps a parameter named __proto__ as data', () => {
    const params = JSON.parse('{"__proto__":"x","idsite":"1"}') as Record<string, string>;
    const decoded = decodeParams(params);
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.keys(decoded)).toContain('__proto__');
  });

  it('re-decodes problems for a decoded parameter that lost its memo (e.g. from JSON)', () => {
    const copy = JSON.parse(JSON.stringify(decodeParam('rec', 'yes')));
    expect(decodeProblems(copy).map((p) => p.code)).toEqual(['value.not_int']);
  });
});

describe('integers and numbers', () => {
  it('applies the PHP integer rules and reports refused values', () => {
    expect(value('idgoal', '1e2')).toBe(100);
    expect(value('idgoal', '5abc')).toBeUndefined();
    expect(codes('idgoal', '5abc')).toEqual(['value.not_int']);
    expect(codes('idgoal', '5')).toEqual([]);
    expect(codes('idgoal', '')).toEqual([]);
  });

  it('zeroes local time parts out of range', () => {
    expect(value('h', '26')).toBe(0);
    expect(codes('h', '26')).toEqual(['time.out_of_range']);
    expect(codes('m', '59')).toEqual([]);
  });

  it('treats pf_* -1 as not measured and ignores values above 16777215', () => {
    expect(decodeParam('pf_srv', '-1')).toMatchObject({
      value: undefined,
      display: 'not measured',
    });
    expect(codes('pf_srv', '16777216')).toEqual(['value.out_of_range']);
    expect(codes('pf_srv', '16777215')).toEqual([]);
    expect(value('pf_srv', '-5')).toBe(-5);
  });

  it('ignores a negative search_count other than -1', () => {
    expect(codes('search_count', '-3')).toEqual(['value.out_of_range']);
    expect(codes('search_count', '-1')).toEqual([]);
    expect(value('search_count', '0')).toBe(0);
  });

  it('reads floats and rounds money to cents', () => {
    expect(value('e_v', '12.5')).toBe(12.5);
    expect(value('revenue', '10.999')).toBe(11);
    expect(value('ec_st', '3.14159')).toBe(3.14);
    expect(codes('e_v', '12,5')).toEqual(['value.not_number']);
    expect(codes('e_v', '12.5')).toEqual([]);
  });
});

describe('text', () => {
  it('cuts values to the catalogue limit', () => {
    expect(value('uid', 'u'.repeat(250))).toBe('u'.repeat(200));
    expect(codes('uid', 'u'.repeat(201))).toEqual(['value.truncated']);
    expect(codes('uid', 'u'.repeat(200))).toEqual([]);
    expect(value('pv_id', 'abcdefgh')).toBe('abcdef');
  });

  it('refuses lists and booleans from bulk objects', () => {
    expect(codes('action_name', ['a', 'b'])).toEqual(['value.not_string']);
    expect(codes('action_name', true)).toEqual(['value.not_string']);
    expect(value('action_name', 42)).toBe('42');
  });

  it('reads _pkc as text or a JSON list of at most 5 categories', () => {
    expect(value('_pkc', 'Shoes')).toBe('Shoes');
    expect(value('_pkc', '["A","B"]')).toEqual(['A', 'B']);
    expect(codes('_pkc', '["1","2","3","4","5","6"]')).toEqual(['value.truncated']);
  });

  it('reads _pkc as JSON only when it starts with [" and drops what PHP calls empty', () => {
    // A list of numbers does not start with `["`: Matomo keeps the text as one category.
    expect(value('_pkc', '[1,2]')).toBe('[1,2]');
    expect(codes('_pkc', '[1,2]')).toEqual([]);
    // array_filter drops "", "0", 0, false, null and [] before the five columns are filled.
    expect(value('_pkc', '["A","","0",0,false,null,[],"B",true,1.5]')).toEqual([
      'A',
      'B',
      '1',
      '1.5',
    ]);
    expect(codes('_pkc', '["A",""]')).toEqual(['json.shape']);
    expect(value('_pkc', '["","1","2","3","4","5","6"]')).toEqual(['1', '2', '3', '4', '5']);
    expect(codes('_pkc', '["","1","2","3","4","5","6"]')).toEqual([
      'json.shape',
      'value.truncated',
    ]);
    // Starts like a list but does not parse: json_decode gives null, so no category at all.
    expect(value('_pkc', '["Shoes",')).toEqual([]);
    expect(codes('_pkc', '["Shoes",')).toEqual(['json.invalid']);
  });
});

describe('URLs', () => {
  it('splits a URL into parts', () => {
    expect(value('url', ' https://User@Example.org:8080/a/b?x=1&y=2#top \n')).toEqual({
      href: 'https://User@Example.org:8080/a/b?x=1&y=2#top',
      scheme: 'https',
      host: 'example.org',
      port: 8080,
      path: '/a/b',
      query: 'x=1&y=2',
      fragment: 'top',
    });
    expect(value('link', '//cdn.example.org/x')).toMatchObject({
      scheme: null,
      host: 'cdn.example.org',
    });
  });

  it('reports values that do not look like URLs, and script URLs', () => {
    expect(codes('url', 'example.org/page')).toEqual(['url.invalid']);
    expect(codes('url', 'javascript://alert(1)')).toEqual(['url.invalid']);
    expect(codes('urlref', 'http:/x')).toEqual(['url.invalid']);
    expect(codes('url', 'https://example.org/')).toEqual([]);
  });

  it('cuts page URLs at 1024 characters', () => {
    const long = `https://example.org/${'a'.repeat(1100)}`;
    expect((value('url', long) as { href: string }).href).toHaveLength(1024);
    expect(codes('url', long)).toEqual(['value.truncated']);
  });
});

describe('JSON parameters', () => {
  it('decodes custom variables and skips invalid slots', () => {
    expect(value('_cvar', '{"1":["OS","iphone"],"2":["App","1.6"]}')).toEqual([
      { slot: 1, name: 'OS', value: 'iphone' },
      { slot: 2, name: 'App', value: '1.6' },
    ]);
    expect(codes('_cvar', '{"1":["OS","iphone"]}')).toEqual([]);
    expect(codes('_cvar', '{"9":["a","b"]}')).toEqual(['json.shape']);
    expect(codes('_cvar', '{"1":["only one"]}')).toEqual(['json.shape']);
    expect(codes('cvar', '"text"')).toEqual(['json.shape']);
    expect(codes('_cvar', `{"1":["n","${'v'.repeat(201)}"]}`)).toEqual(['value.truncated']);
  });

  it('reports invalid JSON such as curly quotes', () => {
    expect(codes('_cvar', '{“1″:["OS","iphone 5.0"]}')).toEqual(['json.invalid']);
    expect(value('_cvar', '{“1″:["OS","iphone 5.0"]}')).toBeUndefined();
  });

  it('cleans ecommerce items like Matomo (acceptance case 28)', () => {
    expect(value('ec_items', '[[["sku1","sku2"],["name1","name2"],"category1",12.99,1]]')).toEqual([
      {
        sku: 'sku1,sku2',
        name: 'name1,name2',
        categories: ['category1'],
        price: 12.99,
        quantity: 1,
      },
    ]);
    expect(value('ec_items', '[["S",null,["a","b","c","d","e","f"],"x",""]]')).toEqual([
      { sku: 'S', name: '', categories: ['a', 'b', 'c', 'd', 'e'], price: 0, quantity: 1 },
    ]);
    expect(codes('ec_items', '[["S","N","C","x",1]]')).toEqual(['value.not_number']);
    expect(codes('ec_items', '[["","N"]]')).toEqual(['json.shape']);
  });

  it('marks non-list ec_items (45) as null and empty ones as no items', () => {
    expect(value('ec_items', '45')).toBeNull();
    expect(value('ec_items', '')).toBeUndefined();
    expect(value('ec_items', '[]')).toEqual([]);
    expect(value('ec_items', [['S', 'N', 'C', 1, 2]])).toHaveLength(1);
  });

  it('requires an object for uadata', () => {
    expect(codes('uadata', '[1,2]')).toEqual(['json.shape']);
    expect(decodeParam('uadata', '{"platform":"Linux","platformVersion":"6.1"}').display).toBe(
      'Linux 6.1',
    );
  });

  it('does not judge JSON Matomo never reads', () => {
    expect(codes('e_cvar', '{bad')).toEqual([]);
    expect(value('data', '{"a":1}')).toEqual({ a: 1 });
  });
});

describe('special formats', () => {
  it('reads res as WIDTHxHEIGHT', () => {
    expect(value('res', '1920x1080')).toEqual({ text: '1920x1080', width: 1920, height: 1080 });
    expect(codes('res', '1920x1080')).toEqual([]);
    expect(codes('res', '320×480')).toEqual(['res.format']);
    expect(codes('res', '10000x10000')).toEqual(['value.truncated']);
  });

  it('reads visitor ids as lower-case hex (acceptance case 18)', () => {
    expect(value('_id', '1234567890ABCDEF')).toBe('1234567890abcdef');
    expect(codes('_id', '1234567890ABCDEF')).toEqual([]);
    expect(codes('_id', 'abc')).toEqual(['id.format']);
    expect(value('_id', 'abc')).toBeUndefined();
    expect(value('_id', 'zz34567890abcdef')).toBe('0034567890abcdef');
    expect(codes('_id', 'zz34567890abcdef')).toEqual(['id.format']);
    expect(codes('cid', 'ghijklmnopqrstuv')).toEqual(['id.format']);
  });

  it('masks token_auth and checks its form', () => {
    const token = decodeParam('token_auth', 'a'.repeat(32));
    expect(token.display).not.toContain('aaaa');
    expect(codes('token_auth', 'a'.repeat(32))).toEqual([]);
    expect(codes('token_auth', 'secret')).toEqual(['token.format']);
  });

  it('reads cdt as Unix seconds or a UTC date', () => {
    expect(decodeParam('cdt', '2024-10-24 10:00:00')).toMatchObject({
      value: Date.UTC(2024, 9, 24, 10) / 1000,
      display: '2024-10-24 10:00:00 UTC',
    });
    expect(value('cdt', '1729771200')).toBe(1729771200);
    expect(codes('cdt', 'garbage')).toEqual(['cdt.invalid']);
  });

  it('shows _refts as a date', () => {
    expect(decodeParam('_refts', '1729771200').display).toBe('2024-10-24 12:00:00 UTC');
    expect(decodeParam('_refts', '0').value).toBe(0);
  });

  it('shows legacy and unknown parameters as sent', () => {
    expect(decodeParam('_idts', 'abc')).toMatchObject({ value: 'abc', display: 'abc' });
    expect(codes('rand', 'x')).toEqual([]);
  });
});

describe('values repeated from hit to hit', () => {
  const hints = JSON.stringify({ platform: 'Linux', platformVersion: '6.5.0', mobile: false });

  it('decode to the same result as the first time, shared and frozen', () => {
    const first = decodeEntry({ uadata: hints, res: '1920x1080', h: '25' });
    const again = decodeEntry({ uadata: hints, res: '1920x1080', h: '25' });
    expect(again).toEqual(first);
    expect(again.decoded.uadata).toBe(first.decoded.uadata);
    expect(Object.isFrozen(again.decoded.uadata?.value)).toBe(true);
    expect(again.problems.map((p) => p.name)).toEqual(['h']);
  });

  it('are decoded again when the value changes', () => {
    decodeEntry({ res: '1920x1080' });
    expect(decodeEntry({ res: '800x600' }).decoded.res?.value).toMatchObject({
      width: 800,
      height: 600,
    });
  });

  it("decode relative dates against each call's clock, never from the last result", () => {
    const now = Date.UTC(2026, 0, 2, 12, 0, 0);
    const day = 24 * 3600 * 1000;
    const today = decodeEntry({ cdt: 'yesterday' }, { now }).decoded.cdt?.value;
    const later = decodeEntry({ cdt: 'yesterday' }, { now: now + day }).decoded.cdt?.value;
    expect(typeof today).toBe('number');
    expect(later).toBe((today as number) + day / 1000);
  });
});
