// Pasted text is read as the capture server reads the same bytes (core/Common.php lines
// 401–424 for the Latin-1 reading), and what a tracker sending it raw would be told is noted.
import { describe, expect, it } from 'vitest';
import { parseRawInput } from './raw-input';

describe('pasted text in the composer is read as the bytes it stands for', () => {
  it('reads bytes that are not UTF-8 as Latin-1, as Matomo, and says so', () => {
    const read = parseRawInput('http://host/matomo.php?idsite=1&action_name=%E9t%E9');
    expect(read.pairs).toContainEqual({ name: 'action_name', value: 'été' });
    expect(read.notes.join(' ')).toContain('Latin-1');
  });
  it('notes raw spaces and quotes in a pasted URL, query or curl command', () => {
    for (const text of [
      'http://host/matomo.php?idsite=1&action_name=a b',
      'idsite=1&action_name="quoted"',
      `curl 'http://host/matomo.php?idsite=1&action_name=a b'`,
    ]) {
      const read = parseRawInput(text);
      expect(read.notes.join(' ')).toContain('encoding.unescaped');
    }
    expect(parseRawInput('idsite=1&action_name=a%20b').notes).toEqual([]);
  });
});
