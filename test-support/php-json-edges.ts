// JSON texts PHP's json_decode reads otherwise than a first guess would, for property tests of
// readers that must read as it does: lone and paired surrogate escapes, numbers past a double,
// repeated and special keys, integer keys out of order, and lists nested about 512 levels.

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

/** Each a JSON value (or one PHP refuses); `depths` are the nesting levels of the lists added. */
export function phpJsonEdges(depths: readonly number[]): string[] {
  return [
    '"\\ud800"',
    '"\\udc00x"',
    '"\\ud83d\\ude00"',
    '12345678901234567890123',
    '-0',
    '1e400',
    '{"a":1,"a":2}',
    '{"__proto__":1}',
    '{"2":1,"1":2}',
    ...depths.map(nested),
  ];
}
