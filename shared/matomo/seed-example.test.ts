// The seed example: a real-world request with hand-typed JSON (curly quotes), a
// multiplication sign in res, raw spaces and parameters only old Matomo versions read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NOW } from '../../test-support/matomo-hit';
import { classifyHit } from './classify';
import { decodeEntry } from './decode';
import { parseRequest } from './parse';
import { detectDevice } from './user-agent';
import { validateEntry } from './validate';
import { describeVerdict } from './verdict';

const url = readFileSync(
  new URL('./__fixtures__/seed-example-request.txt', import.meta.url),
  'utf8',
).trim();

function analyzeSeed() {
  const [path = '', query = ''] = url.replace(/^https?:\/\/[^/]+/, '').split(/\?(.*)/s);
  const parsed = parseRequest({ method: 'GET', path, query, headers: {}, body: new Uint8Array(0) });
  const entry = parsed.entries[0]!;
  const type = classifyHit(entry.params);
  const device = detectDevice({}, entry.params);
  const ctx = { now: NOW, sites: [], headers: {} };
  const { decoded, problems } = decodeEntry(entry.params, { now: NOW });
  return { entry, type, ...validateEntry({ entry, parsed, decoded, problems, type, device }, ctx) };
}

describe('seed example request', () => {
  const result = analyzeSeed();
  const find = (code: string, param?: string) =>
    result.issues.filter(
      (issue) => issue.code === code && (param === undefined || issue.param === param),
    );

  it('is a page view Matomo records', () => {
    expect(result.type).toBe('pageview');
    expect(result.outcome).toBe('recorded');
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(describeVerdict(result)).toMatch(/^Matomo would record this page view/);
  });

  it('reports the curly quotes in _cvar as invalid JSON', () => {
    const [issue] = find('json.invalid', '_cvar');
    expect(issue?.message).toContain('“1″');
  });

  it('reports the × in res', () => {
    expect(find('res.format', 'res')[0]?.message).toContain('320×480');
  });

  it('reports the raw spaces (from the parser)', () => {
    expect(find('encoding.unescaped').length).toBeGreaterThan(0);
  });

  it('reports rand, apiv and _idvc as legacy', () => {
    expect(
      find('param.legacy')
        .map((issue) => issue.param)
        .sort(),
    ).toEqual(['_idvc', 'apiv', 'rand']);
  });
});
