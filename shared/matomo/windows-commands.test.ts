import { describe, expect, it } from 'vitest';
import { looksLikeCurl, parseCurl } from './curl';

function parsed(command: string) {
  const result = parseCurl(command);
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

/** Chrome DevTools' cmd.exe quoting (its "Copy as cURL (cmd)"), Firefox's is the same. */
function chromeCmdQuote(text: string): string {
  return (
    '^"' +
    text
      .replace(/\\/g, '\\\\')
      .replace(/"/g, '\\"')
      .replace(/[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`]/g, '^$&')
      .replace(/%(?=[a-zA-Z0-9_])/g, '%^')
      .replace(/\r?\n/g, '^\n\n') +
    '^"'
  );
}

describe('Copy as cURL (cmd)', () => {
  it('reads what Chrome copies on Windows, carets and all', () => {
    const command = [
      'curl ^"https://matomo.example/matomo.php?idsite=1^&rec=1^" ^',
      '  -H ^"accept: */*^" ^',
      '  -H ^"content-type: application/x-www-form-urlencoded; charset=UTF-8^" ^',
      '  -H ^"user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0^" ^',
      '  --data-raw ^"action_name=Caf^%^C3^%^A9^%^20^\\^"menu^\\^"^&url=https^%^3A^%^2F^%^2Fshop.example^%^2F^" ^',
      '  --compressed',
    ].join('\r\n');
    expect(looksLikeCurl(command)).toBe(true);
    const r = parsed(command);
    expect(r.url).toBe('https://matomo.example/matomo.php?idsite=1&rec=1');
    expect(r.method).toBe('POST');
    expect(r.headers['user-agent']).toBe(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.0.0',
    );
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(r.body).toBe('action_name=Caf%C3%A9%20"menu"&url=https%3A%2F%2Fshop.example%2F');
  });

  it('gives back every value Chrome quotes, whatever its characters', () => {
    // A lone backslash is left out: Chrome doubles it and curl.exe receives it doubled.
    const body = `a=1&b="x"&c=%20 %PATH% ^caret! <>|&d=été\nline two`;
    const url = 'http://127.0.0.1:8765/matomo.php?idsite=1&rec=1&_id=0123456789abcdef';
    const command = `curl ${chromeCmdQuote(url)} ^\n  -H ${chromeCmdQuote('Referer: https://x.test/?a=1&b=2')} ^\n  --data-raw ${chromeCmdQuote(body)}`;
    const r = parsed(command);
    expect(r.url).toBe(url);
    expect(r.headers['referer']).toBe('https://x.test/?a=1&b=2');
    expect(r.body).toBe(body);
  });

  it('reads the older plain-quoted form with caret line ends', () => {
    const r = parsed(
      'curl "http://h/matomo.php?idsite=1&rec=1" ^\n  -H "Accept: */*" --compressed',
    );
    expect(r.url).toBe('http://h/matomo.php?idsite=1&rec=1');
    expect(r.headers['accept']).toBe('*/*');
  });
});

describe('Copy as PowerShell', () => {
  it('reads the Invoke-WebRequest Chrome copies', () => {
    const command = [
      '$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession',
      '$session.UserAgent = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"',
      'Invoke-WebRequest -UseBasicParsing -Uri "https://matomo.example/matomo.php?idsite=1&rec=1" `',
      '-Method "POST" `',
      '-WebSession $session `',
      '-Headers @{',
      '"accept"="*/*"',
      '  "accept-language"="de-DE,de;q=0.9"',
      '  "origin"="https://shop.example"',
      '} `',
      '-ContentType "application/x-www-form-urlencoded; charset=UTF-8" `',
      '-Body "action_name=Caf$([char]233) `"menu`" `$5&url=https%3A%2F%2Fshop.example%2F"',
    ].join('\r\n');
    expect(looksLikeCurl(command)).toBe(true);
    const r = parsed(command);
    expect(r).toMatchObject({
      method: 'POST',
      url: 'https://matomo.example/matomo.php?idsite=1&rec=1',
      body: 'action_name=Café "menu" $5&url=https%3A%2F%2Fshop.example%2F',
    });
    expect(r.headers).toEqual({
      'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      accept: '*/*',
      'accept-language': 'de-DE,de;q=0.9',
      origin: 'https://shop.example',
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
    });
  });

  it('reads a body given as bytes, and a GET without a body', () => {
    const bytes = parsed(
      'Invoke-WebRequest -Uri "http://h/matomo.php" -Method "POST" -Body ([System.Text.Encoding]::UTF8.GetBytes("idsite=1&rec=1"))',
    );
    expect(bytes.body).toBe('idsite=1&rec=1');
    const get = parsed('Invoke-WebRequest -UseBasicParsing -Uri "http://h/matomo.php?idsite=1"');
    expect(get).toMatchObject({ method: 'GET', url: 'http://h/matomo.php?idsite=1', body: null });
  });

  it('refuses, with a reason, what it cannot read', () => {
    expect(parseCurl('Invoke-WebRequest -Uri $url')).toEqual({
      ok: false,
      error: 'The PowerShell command has no readable -Uri "…".',
    });
  });
});
