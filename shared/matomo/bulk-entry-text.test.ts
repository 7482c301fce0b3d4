// Own process: turns on V8's gc() for the process, to weigh what a parsed bulk keeps alive.
// A bulk body of megabytes read from a Node Buffer (bulk-json.ts): each ASCII entry without
// escapes is a slice of the body's one text, not a string of its own that the young
// generation's collections copy and promote before the bulk's answer; the values are exactly
// those of JSON.parse (docs/tracking-protocol.md#bulk-request).
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { pageViewQuery } from '../../test-support/capture/bulk-raw';
import { drain } from '../steps';
import { parseJsonBytesInPieces } from './bulk-json';

v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

const bodyOf = (requests: unknown[]): Buffer => Buffer.from(JSON.stringify({ requests }), 'utf8');

/** Bytes the heap holds after a collection. */
function heldBytes(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

describe("a large bulk body's entries read from a Node Buffer", () => {
  it('do not each keep a string of their own on the heap', () => {
    const entries = Array.from({ length: 8000 }, (_, n) => pageViewQuery(n));
    const chars = entries.reduce((sum, entry) => sum + entry.length, 0);
    const body = bodyOf(entries);
    drain(parseJsonBytesInPieces(body)); // Warms the parse's code.
    const before = heldBytes();
    const parsed = drain(parseJsonBytesInPieces(body));
    const kept = heldBytes() - before;
    expect((parsed?.json.requests as string[])[7999]).toBe(entries[7999]);
    // Strings of their own hold a byte a character, some 2.5 MB here; slices of the body's
    // text a few dozen bytes each.
    expect(chars).toBeGreaterThan(2_500_000);
    expect(kept).toBeLessThan(chars / 4);
  });

  it('are what JSON.parse reads, whatever their characters', () => {
    const entries: unknown[] = [
      pageViewQuery(1),
      '?idsite=1&rec=1&action_name=caf\u00e9',
      '?idsite=1&rec=1&action_name=\u{1f600}&url=https%3A%2F%2Fa.example%2F',
      '?idsite=1&rec=1&action_name=a\\b"c/d',
      '?idsite=1&rec=1&action_name=tab\there',
      '',
      'x',
      { idsite: 1, rec: 1, action_name: 'obj\u00e9' },
      null,
      pageViewQuery(2),
    ];
    for (let n = 3; n < 2000; n++) entries.push(pageViewQuery(n));
    const text = JSON.stringify({ requests: entries, token_auth: 'to\u00e9ken' });
    const fromBuffer = drain(parseJsonBytesInPieces(Buffer.from(text, 'utf8')));
    const fromArray = drain(parseJsonBytesInPieces(new TextEncoder().encode(text)));
    expect(fromBuffer?.json).toStrictEqual(JSON.parse(text));
    expect(fromBuffer).toStrictEqual(fromArray);
  });
});
