// The summary's alert text for what a load set aside: whole records, hits lost from bulks.
import { describe, expect, it } from 'vitest';
import { setAsideMessage } from './unreadable-records';

const file = '/d/hits.unreadable.txt';

describe('the alert for what was set aside', () => {
  it('counts whole records as before', () => {
    expect(setAsideMessage({ records: 3, partial: 0, lostHits: 0, file })).toBe(
      `3 records of the data file could not be read, kept in ${file}`,
    );
  });

  it('counts the hits lost from bulks read in part, with the records', () => {
    expect(setAsideMessage({ records: 1, partial: 6, lostHits: 28_000, file })).toBe(
      `1 record and 28,000 hits in 6 bulks of the data file could not be read ` +
        `(their other hits were), kept in ${file}`,
    );
    expect(setAsideMessage({ records: 0, partial: 1, lostHits: 1, file })).toBe(
      `1 hit in 1 bulk of the data file could not be read (its other hits were), kept in ${file}`,
    );
  });
});
