import { describe, expect, it } from 'vitest';
import { buildCurl, looksLikeCurl, parseCurl, shellQuote, shellWords } from './curl';

function parsed(command: string) {
  const result = parseCurl(command);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

describe('shellWords', () => {
  it('handles single, double and $-quoted words, escapes and line continuations', () => {
    const { words, error } = shellWords(
      `curl 'a b' "c \\"d\\" \\$x" $'it\\'s\\n\\x41' e\\ f \\\n  g`,
    );
    expect(error).toBeUndefined();
    expect(words).toEqual(['curl', 'a b', 'c "d" $x', "it's\nA", 'e f', 'g']);
  });

  it('reports an unclosed quote instead of guessing', () => {
    expect(shellWords(`curl 'http://x`).error).toMatch(/single quote/);
    expect(shellWords(`curl "http://x`).error).toMatch(/double quote/);
  });
});

describe('parseCurl', () => {
  it('reads a plain GET', () => {
    const r = parsed(`curl 'http://127.0.0.1:8765/matomo.php?idsite=1&rec=1'`);
    expect(r).toMatchObject({
      method: 'GET',
      url: 'http://127.0.0.1:8765/matomo.php?idsite=1&rec=1',
      body: null,
    });
  });

  it('reads a Chrome "Copy as cURL (bash)" POST with headers and --data-raw', () => {
    const r = parsed(
      [
        `curl 'https://matomo.example/matomo.php' \\`,
        `  -H 'accept: */*' \\`,
        `  -H 'content-type: application/x-www-form-urlencoded; charset=UTF-8' \\`,
        `  -H 'user-agent: Mozilla/5.0 Test' \\`,
        `  --data-raw $'action_name=It\\'s&idsite=1&rec=1' \\`,
        `  --compressed`,
      ].join('\n'),
    );
    expect(r.method).toBe('POST');
    expect(r.url).toBe('https://matomo.example/matomo.php');
    expect(r.body).toBe("action_name=It's&idsite=1&rec=1");
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(r.headers['user-agent']).toBe('Mozilla/5.0 Test');
  });

  it('joins several -d with & and defaults the content type to a form', () => {
    const r = parsed(
      `curl -d idsite=1 -d 'rec=1' --data-urlencode 'action_name=A & B' x.test/m.php`,
    );
    expect(r.method).toBe('POST');
    expect(r.url).toBe('http://x.test/m.php');
    expect(r.body).toBe('idsite=1&rec=1&action_name=A%20%26%20B');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('moves the data to the query with -G, and honours -X and glued options', () => {
    expect(parsed(`curl -G -d idsite=1 'http://h/m.php?rec=1'`)).toMatchObject({
      method: 'GET',
      url: 'http://h/m.php?rec=1&idsite=1',
      body: null,
    });
    expect(parsed(`curl -XPOST -sS http://h/m.php?idsite=1`).method).toBe('POST');
    expect(parsed(`curl --request=put http://h/`).method).toBe('PUT');
  });

  it('reads a bulk JSON body sent with --json or -H content-type', () => {
    const r = parsed(`curl --json '{"requests":["?idsite=1&rec=1"]}' http://h/matomo.php`);
    expect(r.method).toBe('POST');
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body!)).toEqual({ requests: ['?idsite=1&rec=1'] });
  });

  it('skips options it does not need without taking their value for the URL', () => {
    const r = parsed(`curl -o /dev/null -u me:secret -m 5 -A 'Bot/1' http://h/m.php?a=1`);
    expect(r.url).toBe('http://h/m.php?a=1');
    expect(r.headers['user-agent']).toBe('Bot/1');
    expect(r.notes.length).toBeGreaterThan(0);
  });

  it('refuses file bodies and anything that is not curl, with a reason', () => {
    const r = parsed(`curl -d @body.txt http://h/`);
    expect(r.body).toBeNull();
    expect(r.notes.join(' ')).toMatch(/file/);
    const bad = parseCurl('wget http://h/');
    expect(bad.ok).toBe(false);
    const noUrl = parseCurl('curl -s');
    expect(noUrl).toEqual({ ok: false, error: 'The curl command has no URL.' });
  });

  it('accepts a shell prompt in front', () => {
    expect(looksLikeCurl('$ curl http://h/')).toBe(true);
    expect(looksLikeCurl('idsite=1&curl=2')).toBe(false);
    expect(parsed('$ curl http://h/').url).toBe('http://h/');
  });
});

describe('buildCurl', () => {
  it('quotes values so the shell hands curl the exact bytes back', () => {
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    const body = `action_name=It's%20here&idsite=1`;
    const command = buildCurl({
      method: 'POST',
      url: 'http://127.0.0.1:8765/matomo.php?x=$HOME',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const back = parsed(command);
    expect(back).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:8765/matomo.php?x=$HOME',
      body,
    });
    expect(back.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('writes GET without -X and other methods with it', () => {
    expect(buildCurl({ method: 'GET', url: 'http://h/m.php?a=1' })).toBe(
      `curl 'http://h/m.php?a=1'`,
    );
    expect(buildCurl({ method: 'POST', url: 'http://h/m.php' })).toContain('-X POST');
  });
});
