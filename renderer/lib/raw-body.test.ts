import { describe, expect, it } from 'vitest';
import { formatBody } from './raw-body';

describe('formatBody of a form body', () => {
  it('decodes names and values as PHP does: a malformed escape stays literal, the rest decodes', () => {
    const [segment] = formatBody('e_c=100%25+sure&e_a=50%&url=a%2Fb', {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(segment?.text).toBe('e_c = 100% sure\ne_a = 50%\nurl = a/b');
  });
});
