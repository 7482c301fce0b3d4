// The summary's alert text for what a load set aside: whole records, hits lost from bulks,
// hit pieces left out as none of the hits their request states.
import { describe, expect, it } from 'vitest';
import { setAsideMessage, type SetAside } from './unreadable-records';

const file = '/d/hits.unreadable.txt';
const nothing: SetAside = {
  records: 0,
  partial: 0,
  lostHits: 0,
  extraPieces: 0,
  extraBulks: 0,
  file,
};

describe('the alert for what was set aside', () => {
  it('counts whole records as before', () => {
    expect(setAsideMessage({ ...nothing, records: 3 })).toBe(
      `3 records of the data file could not be read, kept in ${file}`,
    );
  });

  it('counts the hits lost from bulks read in part, with the records', () => {
    expect(setAsideMessage({ ...nothing, records: 1, partial: 6, lostHits: 28_000 })).toBe(
      `1 record and 28,000 hits in 6 bulks of the data file could not be read ` +
        `(their other hits were), kept in ${file}`,
    );
    expect(setAsideMessage({ ...nothing, partial: 1, lostHits: 1 })).toBe(
      `1 hit in 1 bulk of the data file could not be read (its other hits were), kept in ${file}`,
    );
  });

  it('counts the hit pieces left out, alone or after what could not be read', () => {
    expect(setAsideMessage({ ...nothing, extraPieces: 1, extraBulks: 1 })).toBe(
      `1 hit piece in 1 bulk of the data file is not among the hits its request states ` +
        `(left out), kept in ${file}`,
    );
    expect(
      setAsideMessage({ ...nothing, partial: 1, lostHits: 2, extraPieces: 3_000, extraBulks: 2 }),
    ).toBe(
      `2 hits in 1 bulk of the data file could not be read (its other hits were); ` +
        `3,000 hit pieces in 2 bulks are not among the hits their request states (left out), ` +
        `kept in ${file}`,
    );
  });
});
