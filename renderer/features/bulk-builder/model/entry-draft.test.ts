import { describe, expect, it } from 'vitest';
import { enabledPairs } from '../../../requests/draft';
import { draftFromBulkEntry, entryPairs } from './entry-draft';

describe('bulk entry in the composer', () => {
  it('reads query, URL and object entries alike', () => {
    expect(entryPairs('?idsite=1&e_c=A+b')).toEqual([
      { name: 'idsite', value: '1' },
      { name: 'e_c', value: 'A b' },
    ]);
    expect(entryPairs('https://m.example/matomo.php?rec=1')).toEqual([{ name: 'rec', value: '1' }]);
    expect(entryPairs('{"idsite":2,"ec_items":[["s","n","c",1,1]]}')).toEqual([
      { name: 'idsite', value: '2' },
      { name: 'ec_items', value: '[["s","n","c",1,1]]' },
    ]);
  });

  it('opens as the kind of hit it is', () => {
    const draft = draftFromBulkEntry('?idsite=1&rec=1&e_c=Video&e_a=Play');
    expect(draft.template).toBe('event');
    expect(enabledPairs(draft)).toHaveLength(4);
  });
});
