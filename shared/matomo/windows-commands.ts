// The Windows forms of a copied request: Chrome's and Firefox's "Copy as cURL (cmd)" (cmd.exe
// caret escapes, `^` line continuations, `^"…^"` quoting) and "Copy as PowerShell"
// (Invoke-WebRequest with backtick escapes and a headers hash table). Read as POSIX shell words
// they turn into garbage (`idsite="1^"`), so each is read by its own rules.
import type { CurlParseResult, CurlRequest } from './curl';

/** cmd.exe text: a caret before a line break or a quote only makes sense there. */
export function isCmdCommand(text: string): boolean {
  return /\^\r?\n|\^"/.test(text);
}

/**
 * cmd.exe's own pass: `^x` is a literal x, `^` at a line end continues the line (a second line
 * break right after it is a literal one, Chrome's way of writing a line break in a value), and
 * inside a cmd quote a caret is literal.
 */
function cmdUnescape(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    if (ch !== '^' || quoted) {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '\r' || next === '\n') {
      i += next === '\r' && text[i + 2] === '\n' ? 2 : 1;
      const after = text[i + 1];
      if (after === '\r' || after === '\n') {
        out += '\n';
        i += after === '\r' && text[i + 2] === '\n' ? 2 : 1;
      }
      continue;
    }
    if (next !== undefined) {
      out += next;
      i++;
    }
  }
  return out;
}

/**
 * The program's arguments as the Microsoft C runtime splits them (what curl.exe receives):
 * quotes group, `\"` is a quote, backslashes are literal unless they precede a quote.
 */
function crtWords(text: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\') {
      let n = 0;
      while (text[i + n] === '\\') n++;
      if (text[i + n] === '"') {
        word += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) word += '"';
        else quoted = !quoted;
        i += n;
      } else {
        word += '\\'.repeat(n);
        i += n - 1;
      }
      inWord = true;
    } else if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        word += '"';
        i++;
      } else quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quoted) return { words, error: 'A double quote is not closed.' };
  if (inWord) words.push(word);
  return { words };
}

/** The words curl.exe receives from a cmd.exe command line. */
export function cmdWords(text: string): { words: string[]; error?: string } {
  return crtWords(cmdUnescape(text));
}

/** Chrome's and Firefox's "Copy as PowerShell": an Invoke-WebRequest call. */
export function isPowerShellRequest(text: string): boolean {
  return /(^|\n)\s*(\$session\b|Invoke-WebRequest\b|Invoke-RestMethod\b|iwr\s)/i.test(text);
}

const PS_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

/** A PowerShell string at `start` (`"…"` with backtick escapes and `$([char]N)`, or `'…'`). */
function psString(text: string, start: number): { value: string; end: number } | null {
  const quote = text[start];
  let value = '';
  if (quote === "'") {
    for (let i = start + 1; i < text.length; i++) {
      if (text[i] !== "'") value += text[i];
      else if (text[i + 1] !== "'") return { value, end: i + 1 };
      else {
        value += "'";
        i++;
      }
    }
    return null;
  }
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '`' && i + 1 < text.length) {
      const next = text[++i]!;
      value += PS_ESCAPES[next] ?? next;
    } else if (ch === '"') {
      if (text[i + 1] !== '"') return { value, end: i + 1 };
      value += '"';
      i++;
    } else if (ch === '$') {
      const char = /^\$\(\[char\](\d+)\)/i.exec(text.slice(i));
      if (!char) return null;
      value += String.fromCharCode(Number(char[1]));
      i += char[0].length - 1;
    } else value += ch;
  }
  return null;
}

/** The string value right after `-Name` (or `.Name =`), if the text has one. */
function psArgument(text: string, pattern: RegExp): string | null | undefined {
  const found = pattern.exec(text);
  if (!found) return undefined;
  let at = found.index + found[0].length;
  while (/[\s(]/.test(text[at] ?? '')) at++;
  // `-Body ([System.Text.Encoding]::UTF8.GetBytes("…"))`: the text inside.
  const bytes = /^\[System\.Text\.Encoding\]::\w+\.GetBytes\(/i.exec(text.slice(at));
  if (bytes) at += bytes[0].length;
  if (text[at] === '"' || text[at] === "'") return psString(text, at)?.value ?? null;
  // A bare word (`-Method Post`); a variable (`$url`) cannot be known from the text.
  return /^[^\s`;)}$]+/.exec(text.slice(at))?.[0] ?? null;
}

/** The `-Headers @{ "name"="value" … }` table. */
function psHeaders(text: string, headers: Record<string, string>): string | null {
  const found = /-Headers\s+@\{/i.exec(text);
  if (!found) return null;
  let at = found.index + found[0].length;
  for (;;) {
    while (/[\s;]/.test(text[at] ?? '')) at++;
    if (text[at] === '}') return null;
    const name = psString(text, at);
    if (!name) return 'The -Headers table could not be read.';
    at = name.end;
    while (/\s/.test(text[at] ?? '')) at++;
    if (text[at] !== '=') return 'The -Headers table could not be read.';
    at++;
    while (/\s/.test(text[at] ?? '')) at++;
    const value = psString(text, at);
    if (!value) return 'The -Headers table could not be read.';
    at = value.end;
    headers[name.value.toLowerCase()] = value.value;
  }
}

/** Reads an Invoke-WebRequest call into the request it sends. */
export function parsePowerShellRequest(text: string): CurlParseResult {
  const url = psArgument(text, /-Uri\b/i);
  if (!url) return { ok: false, error: 'The PowerShell command has no readable -Uri "…".' };
  const headers: Record<string, string> = {};
  const notes: string[] = [];
  const agent = psArgument(text, /\$session\.UserAgent\s*=/i) ?? psArgument(text, /-UserAgent\b/i);
  if (agent) headers['user-agent'] = agent;
  const headerError = psHeaders(text, headers);
  if (headerError) return { ok: false, error: headerError };
  const type = psArgument(text, /-ContentType\b/i);
  if (type) headers['content-type'] = type;
  const body = psArgument(text, /-Body\b/i);
  if (body === null)
    return { ok: false, error: 'The -Body of the PowerShell command could not be read.' };
  if (/\$session\.Cookies\.Add/i.test(text)) notes.push('Cookies of the web session skipped.');
  const method = (
    psArgument(text, /-Method\b/i) ?? (body !== undefined ? 'POST' : 'GET')
  ).toUpperCase();
  const request: CurlRequest = { method, url, headers, body: body ?? null, notes };
  return { ok: true, request };
}
