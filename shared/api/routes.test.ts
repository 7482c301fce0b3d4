import { describe, expect, it } from 'vitest';
import { exportFileName } from './routes';

describe('exportFileName', () => {
  it('is one name for the server and the UI: UTC time without colons, the format as extension', () => {
    const now = new Date('2026-03-01T09:30:05.123Z');
    expect(exportFileName('csv', now)).toBe('hitscope-2026-03-01T09-30-05.csv');
    expect(exportFileName('har', now)).toBe('hitscope-2026-03-01T09-30-05.har');
    expect(exportFileName('ndjson', now)).toBe('hitscope-2026-03-01T09-30-05.ndjson');
  });
});
