import { describe, expect, it } from 'vitest';
import { idsiteOf } from './dto';

describe('idsiteOf (the site tables and filters show)', () => {
  it('reads idsite as validation does: 1.0, " 1" and 1e0 are site 1', () => {
    for (const idsite of ['1', '1.0', ' 1', '1 ', '1e0']) expect(idsiteOf({ idsite })).toBe(1);
    expect(idsiteOf({ idsite: 3 })).toBe(3);
  });

  it('is null when Matomo would not read an integer', () => {
    for (const idsite of ['', 'abc', '1.5', '0x1', '1abc']) expect(idsiteOf({ idsite })).toBeNull();
    expect(idsiteOf({})).toBeNull();
    expect(idsiteOf({ idsite: 1.5 })).toBeNull();
  });
});
