// parse_url as Matomo's bulk reader uses it (plugins/BulkTracking/Tracker/Requests.php lines
// 105–112): the expected answers in the fixture were produced by php-cli on each URL.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phpUrlQuery } from './php-parse-url';

interface Fixture {
  generator: string;
  cases: [string, string | false | null][];
}

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/php/parse-url.json', import.meta.url), 'utf8'),
) as Fixture;

describe('phpUrlQuery agrees with PHP parse_url', () => {
  it.each(fixture.cases)('%j', (url, expected) => {
    const read = phpUrlQuery(url);
    expect(read.ok ? (read.query ?? null) : false).toBe(expected);
  });
});
