// Reading and writing curl command lines, so a tracking request copied from a browser's
// network panel ("Copy as cURL"), a README or a terminal can be pasted into the composer,
// and any composed request can be copied back out as a command that reproduces it.
// Only the parts that matter for a tracking request are understood (method, URL, headers,
// body); everything else is skipped with a note, never an error. The Windows forms browsers
// copy (cmd.exe and PowerShell) are read by their own rules (windows-commands.ts).
import {
  cmdWords,
  isCmdCommand,
  isPowerShellRequest,
  parsePowerShellRequest,
} from './windows-commands';

export interface CurlRequest {
  method: string;
  url: string;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** The body as curl would send it, or null when there is none. */
  body: string | null;
  /** What was skipped or could not be reproduced (e.g. `-d @file`). */
  notes: string[];
}

export type CurlParseResult = { ok: true; request: CurlRequest } | { ok: false; error: string };

/**
 * True when the text looks like a curl command (possibly with a `$ ` prompt in front), in
 * any shell's form, or like a copied PowerShell request.
 */
export function looksLikeCurl(text: string): boolean {
  return /^\s*(\$\s+)?curl(\.exe)?\s/i.test(text) || isPowerShellRequest(text);
}

/** Splits a command line into words the way a POSIX shell does (quotes, escapes, `$'…'`). */
export function shellWords(text: string): { words: string[]; error?: string } {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  const push = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      const next = text[i + 1];
      // A backslash before a line break continues the command on the next line.
      if (next === '\n' || next === '\r') {
        i += next === '\r' && text[i + 2] === '\n' ? 3 : 2;
        continue;
      }
      if (next === undefined) return { words, error: 'The command ends with a lone backslash.' };
      word += next;
      inWord = true;
      i += 2;
    } else if (ch === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return { words, error: 'A single quote is not closed.' };
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '$' && text[i + 1] === "'") {
      const read = readAnsiC(text, i + 2);
      if (read === null) return { words, error: "A $'…' string is not closed." };
      word += read.value;
      inWord = true;
      i = read.end;
    } else if (ch === '"') {
      const read = readDoubleQuoted(text, i + 1);
      if (read === null) return { words, error: 'A double quote is not closed.' };
      word += read.value;
      inWord = true;
      i = read.end;
    } else if (/\s/.test(ch)) {
      push();
      i++;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  push();
  return { words };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return { value, end: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      // Inside double quotes a backslash only escapes these characters (POSIX).
      if ('"\\$`'.includes(next)) {
        value += next;
        i++;
        continue;
      }
      if (next === '\n') {
        i++;
        continue;
      }
    }
    value += ch;
  }
  return null;
}

const ANSI_ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};

/** Bash `$'…'` strings: Chrome's "Copy as cURL (bash)" uses them for values with quotes. */
function readAnsiC(text: string, start: number): { value: string; end: number } | null {
  let value = '';
  for (let i = start; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") return { value, end: i + 1 };
    if (ch !== '\\' || i + 1 >= text.length) {
      value += ch;
      continue;
    }
    const next = text[i + 1]!;
    const hex = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(i + 1, i + 4));
    const uni = /^u([0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
    if (hex) {
      value += String.fromCharCode(parseInt(hex[1]!, 16));
      i += hex[0].length;
    } else if (uni) {
      value += String.fromCharCode(parseInt(uni[1]!, 16));
      i += uni[0].length;
    } else if (ANSI_ESCAPES[next] !== undefined) {
      value += ANSI_ESCAPES[next];
      i++;
    } else {
      value += '\\' + next;
      i++;
    }
  }
  return null;
}

const DATA_OPTIONS = new Set(['-d', '--data', '--data-ascii', '--data-binary', '--data-raw']);

/** Options that take a value we do not use: their value must not be mistaken for the URL. */
const OPTIONS_WITH_VALUE = new Set([
  '-o',
  '--output',
  '-u',
  '--user',
  '-x',
  '--proxy',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '-T',
  '--upload-file',
  '-F',
  '--form',
  '--cacert',
  '--cert',
  '--key',
  '-E',
  '-r',
  '--range',
  '-c',
  '--cookie-jar',
  '--resolve',
  '--retry',
  '--retry-delay',
  '--limit-rate',
  '-K',
  '--config',
  '--interface',
  '--max-redirs',
  '-y',
  '--speed-time',
  '-Y',
  '--speed-limit',
]);

/** Parses a curl command into the HTTP request it would send. */
export function parseCurl(command: string): CurlParseResult {
  const text = command.trim().replace(/^\$\s+/, '');
  if (isPowerShellRequest(text)) return parsePowerShellRequest(text);
  const split = isCmdCommand(text) ? cmdWords(text) : shellWords(text);
  if (split.error) return { ok: false, error: split.error };
  const words = split.words;
  if (words.length === 0 || !/^curl(\.exe)?$/i.test(words[0]!)) {
    return { ok: false, error: 'This is not a curl command: it should start with "curl".' };
  }
  let method: string | null = null;
  let url: string | null = null;
  let forceGet = false;
  let head = false;
  const data: string[] = [];
  const headers: Record<string, string> = {};
  const notes: string[] = [];

  for (let i = 1; i < words.length; i++) {
    let word = words[i]!;
    let inline: string | null = null;
    // `--opt=value` and short options glued to their value (`-XPOST`, `-d'a=b'`).
    if (word.startsWith('--') && word.includes('=')) {
      inline = word.slice(word.indexOf('=') + 1);
      word = word.slice(0, word.indexOf('='));
    } else if (/^-[XHdeAbuo]./.test(word)) {
      inline = word.slice(2);
      word = word.slice(0, 2);
    }
    const value = (): string | null => {
      if (inline !== null) return inline;
      const next = words[i + 1];
      if (next === undefined) return null;
      i++;
      return next;
    };
    if (word === '-X' || word === '--request') {
      const v = value();
      if (v === null) return { ok: false, error: `${word} needs a method, e.g. ${word} POST.` };
      method = v.toUpperCase();
    } else if (word === '-H' || word === '--header') {
      const v = value();
      if (v === null) return { ok: false, error: `${word} needs a header, e.g. "Name: value".` };
      const colon = v.indexOf(':');
      if (colon > 0) headers[v.slice(0, colon).trim().toLowerCase()] = v.slice(colon + 1).trim();
      else notes.push(`Header without a value skipped: ${v}`);
    } else if (DATA_OPTIONS.has(word) || word === '--json' || word === '--data-urlencode') {
      const v = value();
      if (v === null) return { ok: false, error: `${word} needs a value.` };
      if (v.startsWith('@') && word !== '--data-raw') {
        notes.push(`${word} ${v}: the body is read from a file, which cannot be pasted; left out.`);
        continue;
      }
      if (word === '--data-urlencode') data.push(urlencodeData(v));
      else if (word === '-d' || word === '--data' || word === '--data-ascii') {
        // curl strips line breaks from -d data (not from --data-binary / --data-raw).
        data.push(v.replace(/[\r\n]/g, ''));
      } else data.push(v);
      if (word === '--json') {
        headers['content-type'] ??= 'application/json';
        headers['accept'] ??= 'application/json';
      }
    } else if (word === '-G' || word === '--get') {
      forceGet = true;
    } else if (word === '-I' || word === '--head') {
      head = true;
    } else if (word === '--url') {
      url = value();
    } else if (word === '-A' || word === '--user-agent') {
      const v = value();
      if (v !== null) headers['user-agent'] = v;
    } else if (word === '-e' || word === '--referer') {
      const v = value();
      if (v !== null) headers['referer'] = v;
    } else if (word === '-b' || word === '--cookie') {
      const v = value();
      if (v !== null) headers['cookie'] = v;
    } else if (OPTIONS_WITH_VALUE.has(word)) {
      value();
      notes.push(`${word} skipped.`);
    } else if (word.startsWith('-') && word.length > 1) {
      // Flags without a value (-s, -k, -L, --compressed, -v, …) do not change the request.
    } else if (url === null) {
      url = word;
    } else {
      notes.push(`Extra argument skipped: ${word}`);
    }
  }
  if (url === null) return { ok: false, error: 'The curl command has no URL.' };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) url = `http://${url}`;

  let body: string | null = data.length > 0 ? data.join('&') : null;
  if (forceGet && body !== null) {
    url += (url.includes('?') ? '&' : '?') + body;
    body = null;
  }
  if (body !== null && headers['content-type'] === undefined) {
    // curl labels -d data as a form unless told otherwise.
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  const finalMethod = method ?? (head ? 'HEAD' : body !== null ? 'POST' : 'GET');
  return { ok: true, request: { method: finalMethod, url, headers, body, notes } };
}

/** `--data-urlencode` forms: `content`, `=content`, `name=content` (the `@file` forms are refused above). */
function urlencodeData(value: string): string {
  const eq = value.indexOf('=');
  if (eq < 0) return encodeURIComponent(value);
  if (eq === 0) return encodeURIComponent(value.slice(1));
  return `${value.slice(0, eq)}=${encodeURIComponent(value.slice(eq + 1))}`;
}

/** Quotes a word for a POSIX shell: single quotes, with embedded quotes closed and escaped. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_\-./:=@%+,]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | null;
}

/** Builds a curl command that sends exactly this request (bash quoting, one option per line). */
export function buildCurl(request: CurlInput): string {
  const method = request.method.toUpperCase();
  const hasBody = request.body !== undefined && request.body !== null && request.body !== '';
  const explicitMethod = method !== 'GET' && !(method === 'POST' && hasBody);
  const parts = [
    `curl ${explicitMethod ? `-X ${shellQuote(method)} ` : ''}${shellQuote(request.url)}`,
  ];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    parts.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  }
  if (hasBody) parts.push(`--data-raw ${shellQuote(request.body!)}`);
  return parts.join(' \\\n  ');
}
