// PHP's max_input_vars (1000 by default) as Matomo meets it: only the first variables of the
// URL query, of the form body and of each bulk entry sent as a URL reach the tracker, the rest
// is ignored with a warning; bulk entries sent as JSON objects are not counted. The figures
// here were checked against PHP 8 (`php -S` with a script printing $_GET, $_POST and what
// parse_str gives): a urlencoded body keeps 1001 pieces, a multipart one 1000 fields.
import { describe, expect, it } from 'vitest';
import { parseRequest } from './parse';
import { decodeQuery, MAX_INPUT_VARS, partReadByPhp } from './query-string';
import type { ParsedEntry, RawRequest } from './types';

const names = (count: number, prefix = 'p') =>
  Array.from({ length: count }, (_, n) => `${prefix}${n}=v${n}`).join('&');

function entryOf(raw: Partial<RawRequest>, at = 0): ParsedEntry {
  const entry = parseRequest({
    method: 'GET',
    path: '/matomo.php',
    query: '',
    headers: {},
    body: new Uint8Array(0),
    ...raw,
  }).entries[at];
  if (entry === undefined) throw new Error('no entry');
  return entry;
}

const form = (query: string, body: string): Partial<RawRequest> => ({
  method: 'POST',
  query,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new TextEncoder().encode(body),
});

const limitIssue = (entry: ParsedEntry) =>
  entry.issues.filter((issue) => issue.code === 'param.input_limit');

describe('max_input_vars', () => {
  it('is 1000, PHP’s default', () => {
    expect(MAX_INPUT_VARS).toBe(1000);
  });

  it('keeps the first 1000 variables of the URL query and says how many PHP ignored', () => {
    const query = `idsite=1&rec=1&${names(1_500)}`;
    const entry = entryOf({ query });
    expect(entry.occurrences).toHaveLength(1000);
    expect(entry.params['p997']).toBe('v997');
    expect(entry.params['p998']).toBeUndefined();
    const [issue] = limitIssue(entry);
    expect(issue?.severity).toBe('warning');
    expect(issue?.message).toBe(
      "502 parameters in the URL query come after the first 1000: PHP stops reading a request's variables at max_input_vars (1000 by default), so Matomo never sees them.",
    );
    // Nothing is lost: the request stays as sent.
    expect(entry.rawQuery).toBe(query);
  });

  it('reads exactly 1000 without a finding', () => {
    const entry = entryOf({ query: names(1000) });
    expect(entry.occurrences).toHaveLength(1000);
    expect(limitIssue(entry)).toEqual([]);
  });

  it('counts every repeat of a name in the query, and the last one read wins', () => {
    const entry = entryOf({ query: Array.from({ length: 1_500 }, (_, n) => `p=v${n}`).join('&') });
    expect(entry.params['p']).toBe('v999');
    expect(limitIssue(entry)).toHaveLength(1);
  });

  it('does not count empty pieces of the query, but counts nameless ones', () => {
    expect(entryOf({ query: `${'&'.repeat(1_500)}idsite=1` }).params['idsite']).toBe('1');
    const nameless = entryOf({ query: `${Array(1_500).fill('=x').join('&')}&idsite=1` });
    expect(nameless.params['idsite']).toBeUndefined();
  });

  it('keeps the first 1001 pieces of a form body, empty ones counted, apart from the query', () => {
    const entry = entryOf(form('idsite=1&rec=1', names(1_500)));
    expect(entry.params['idsite']).toBe('1');
    expect(entry.params['p1000']).toBe('v1000');
    expect(entry.params['p1001']).toBeUndefined();
    expect(limitIssue(entry)[0]?.message).toMatch(
      /^499 parameters in the form body come after the first 1001:/,
    );
    const afterEmpty = entryOf(form('idsite=1', `${'&'.repeat(1_500)}rec=1`));
    expect(afterEmpty.params['rec']).toBeUndefined();
  });

  it('keeps the first 1000 text fields of a multipart body, one fewer than of a urlencoded one', () => {
    const boundary = 'XyZ';
    const fields = Array.from(
      { length: 1_005 },
      (_, n) => `--${boundary}\r\nContent-Disposition: form-data; name="p${n}"\r\n\r\nv${n}\r\n`,
    );
    const entry = entryOf({
      method: 'POST',
      query: 'idsite=1',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new TextEncoder().encode(`${fields.join('')}--${boundary}--\r\n`),
    });
    expect(entry.params['p999']).toBe('v999');
    expect(entry.params['p1000']).toBeUndefined();
    expect(limitIssue(entry).map((issue) => issue.message)).toEqual([
      expect.stringMatching(/^5 parameters in the form body come after the first 1000:/),
    ]);
  });

  it('lets the URL query win over the body within what PHP read', () => {
    const entry = entryOf(form('action_name=query', `action_name=body&${names(1_500)}`));
    expect(entry.params['action_name']).toBe('query');
  });

  it('applies to a bulk entry sent as a URL (parse_str), not to one sent as an object', () => {
    const object = Object.fromEntries(
      Array.from({ length: 1_500 }, (_, n) => [`p${n}`, `v${n}`] as const),
    );
    const body = JSON.stringify({
      requests: [`?idsite=1&rec=1&${names(1_500)}`, { idsite: '1', rec: '1', ...object }],
    });
    const raw = { method: 'POST', body: new TextEncoder().encode(body) };
    const asUrl = entryOf(raw, 0);
    expect(asUrl.params['p997']).toBe('v997');
    expect(asUrl.params['p998']).toBeUndefined();
    expect(limitIssue(asUrl)[0]?.message).toMatch(
      /^502 parameters in the bulk entry come after the first 1000:/,
    );
    const asObject = entryOf(raw, 1);
    expect(asObject.params['p1499']).toBe('v1499');
    expect(limitIssue(asObject)).toEqual([]);
  });
});

describe('partReadByPhp', () => {
  it('keeps the start of a text that decodes to what PHP reads of the whole', () => {
    const texts = [
      `&&${names(1_500)}&&`,
      `${'&'.repeat(700)}${names(600)}&&=x&${names(900, 'q')}`,
      names(999),
      '',
    ];
    for (const source of ['query', 'body', 'bulk'] as const) {
      for (const text of texts) {
        const part = partReadByPhp(text, source);
        expect(text.startsWith(part)).toBe(true);
        expect(decodeQuery(part, source).occurrences).toEqual(
          decodeQuery(text, source).occurrences,
        );
      }
    }
    expect(partReadByPhp(names(1_500), 'query')).toBe(names(1000));
    expect(partReadByPhp(names(1_500), 'body')).toBe(names(1001));
  });

  it('keeps a text of as many characters as PHP reads pieces whole, and cuts one longer', () => {
    // The most pieces such a text can hold: empty ones for a form body, of one letter else.
    const empty = '&'.repeat(MAX_INPUT_VARS);
    const letters = 'a&'.repeat(MAX_INPUT_VARS / 2);
    for (const source of ['query', 'body', 'bulk'] as const) {
      expect(partReadByPhp(empty, source)).toBe(empty);
      expect(partReadByPhp(letters, source)).toBe(letters);
    }
    expect(partReadByPhp(`${empty}&x`, 'body')).toBe(empty);
    expect(partReadByPhp(`${letters}${letters}b`, 'query')).toBe(
      `${letters}${letters}`.slice(0, -1),
    );
  });
});
