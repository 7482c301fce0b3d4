import { describe, expect, it } from 'vitest';
import {
  MAX_BRIDGE_FILE_BYTES,
  parseFilters,
  parseOpenFileRequest,
  parseSaveFileRequest,
  safeFileName,
} from './bridge-input';

describe('safeFileName', () => {
  it('keeps plain names', () => {
    expect(safeFileName('hits-2024.ndjson')).toBe('hits-2024.ndjson');
  });

  it('drops folders on both separators', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Windows\\system.ini')).toBe('system.ini');
  });

  it('replaces control and reserved characters', () => {
    expect(safeFileName('a\u0000b<c>:"|?*.txt')).toBe('a_b_c______.txt');
  });

  it('falls back for empty and dot names', () => {
    expect(safeFileName('')).toBe('hitscope-export.txt');
    expect(safeFileName('..')).toBe('hitscope-export.txt');
    expect(safeFileName('dir/')).toBe('hitscope-export.txt');
  });

  it('caps the length', () => {
    expect(safeFileName('x'.repeat(1000))).toHaveLength(200);
  });
});

describe('parseFilters', () => {
  it('accepts well-formed filters and absence', () => {
    expect(parseFilters(undefined)).toEqual([]);
    expect(parseFilters([{ name: 'All', extensions: ['*'] }])).toEqual([
      { name: 'All', extensions: ['*'] },
    ]);
  });

  it('rejects anything else with the position of the problem', () => {
    expect(() => parseFilters('x')).toThrow(/array/);
    expect(() => parseFilters([{ name: 'a' }])).toThrow(/filters\[0\]/);
    expect(() => parseFilters([{ name: 'a', extensions: [] }])).toThrow(/1 to/);
    expect(() => parseFilters([{ name: 'a', extensions: ['ok', 'a/b'] }])).toThrow(
      /filters\[0\]\.extensions\[1\]/,
    );
    expect(() =>
      parseFilters(Array.from({ length: 21 }, () => ({ name: 'a', extensions: ['a'] }))),
    ).toThrow(/at most/);
  });
});

describe('parseSaveFileRequest', () => {
  it('normalizes a valid request', () => {
    expect(parseSaveFileRequest({ suggestedName: 'a/b.csv', content: 'x' })).toEqual({
      suggestedName: 'b.csv',
      content: 'x',
      filters: [],
    });
  });

  it('refuses content over the cap, counting UTF-8 bytes and naming both sizes', () => {
    const cap = 3 * 1024 * 1024;
    expect(() =>
      parseSaveFileRequest({ suggestedName: 'a', content: 'x'.repeat(cap) }, cap),
    ).not.toThrow();
    // "é" is two bytes in UTF-8: the same number of characters is over the cap.
    expect(() =>
      parseSaveFileRequest({ suggestedName: 'a', content: 'é'.repeat(cap / 2 + 1) }, cap),
    ).toThrow('content is 3145730 bytes (3.0 MiB); the desktop app saves at most 3.0 MiB');
  });

  it('caps saves at 256 MiB by default', () => {
    expect(MAX_BRIDGE_FILE_BYTES).toBe(256 * 1024 * 1024);
  });
});

describe('parseOpenFileRequest', () => {
  it('accepts no argument', () => {
    expect(parseOpenFileRequest(undefined)).toEqual({ filters: [] });
  });

  it('rejects non-objects', () => {
    expect(() => parseOpenFileRequest(7)).toThrow(/expects/);
  });
});
