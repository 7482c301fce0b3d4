import { describe, expect, it } from 'vitest';
import { isDroppedBulkItem, mapBulkAnswer, matomoBulkIndices } from './bulk-answer';
import { parseBulkBody } from './bulk';

describe('matomoBulkIndices', () => {
  it('gives no index to string items without a query part and counts the rest', () => {
    // The shape of docs/tracking-protocol.md#acceptance-cases case 37, plus forms that are dropped.
    const items = [
      'piwik.php?idsite=1',
      '',
      'idsite=1&rec=1',
      'piwik.php?idsite=3&rec=0',
      { idsite: '2' },
      'https://m.example/matomo.php?',
      'https://m.example/matomo.php#x?idsite=1',
      null,
      '?idsite=4',
    ];
    expect(matomoBulkIndices(items)).toEqual([0, null, null, 1, 2, null, null, 3, 4]);
  });

  it('keeps full URLs, escaped or not, and objects with number values', () => {
    expect(isDroppedBulkItem('http://host/matomo.php?idsite=1&rec=1')).toBe(false);
    expect(isDroppedBulkItem({ idsite: 1, rec: 1 })).toBe(false);
    expect(isDroppedBulkItem(42)).toBe(false);
  });

  it('agrees with the parser on which items it keeps, a "0" query (PHP empty) included', () => {
    const items = ['?0', 'https://x/?idsite=1&rec=1#a', 'x#?a=1', '?', '?idsite=2&rec=1'];
    const parsed = parseBulkBody(JSON.stringify({ requests: items }), true);
    const dropped = parsed.bulk.dropped.map((d) => d.position);
    expect(matomoBulkIndices(items)).toEqual([null, 0, null, null, 1]);
    expect(dropped).toEqual([0, 2, 3]);
    expect(parsed.entries.map((e) => e.params['idsite'])).toEqual(['1', '2']);
  });
});

describe('mapBulkAnswer', () => {
  it('marks the entry Matomo named, counting indices after dropped items', () => {
    const items = ['?idsite=1&rec=1', 'idsite=1&rec=1', '?idsite=-1&rec=1', '?idsite=1&rec=1'];
    const mapping = mapBulkAnswer(
      items,
      '{"status":"success","tracked":2,"invalid":1,"invalid_indices":[1]}',
    );
    expect(mapping.entries.map((e) => e.status)).toEqual([
      'tracked',
      'dropped',
      'invalid',
      'tracked',
    ]);
    expect(mapping.entries[2]).toEqual({ position: 2, index: 1, status: 'invalid' });
    expect(mapping.tracked).toBe(2);
    expect(mapping.invalid).toBe(1);
    expect(mapping.notes).toEqual([]);
  });

  it('maps docs/tracking-protocol.md#acceptance-cases case 35 (six entries, three invalid)', () => {
    const items = ['?a', '?a', '?idsite=5', '?a', '?cid=abc', '?idsite=7'];
    const mapping = mapBulkAnswer(
      items,
      '{"status":"success","tracked":3,"invalid":3,"invalid_indices":[2,4,5]}',
    );
    expect(mapping.entries.filter((e) => e.status === 'invalid').map((e) => e.position)).toEqual([
      2, 4, 5,
    ]);
  });

  it('says so when Matomo counts invalid entries without naming them', () => {
    const mapping = mapBulkAnswer(['?a', '?b'], '{"status":"success","tracked":1,"invalid":1}');
    expect(mapping.entries.map((e) => e.status)).toEqual(['unknown', 'unknown']);
    expect(mapping.notes[0]).toMatch(/Super User/);
  });

  it('treats every entry as tracked when nothing was invalid, even without indices', () => {
    const mapping = mapBulkAnswer(['?a', 'x'], '{"status":"success","tracked":1,"invalid":0}');
    expect(mapping.entries.map((e) => e.status)).toEqual(['tracked', 'dropped']);
  });

  it('leaves entries unknown for a 204 or garbage, with the reason', () => {
    const empty = mapBulkAnswer(['?a'], '');
    expect(empty.notes[0]).toMatch(/204/);
    expect([empty.entries[0]!.status, empty.aborted]).toEqual(['unknown', false]);
    expect(mapBulkAnswer(['?a'], '<html>').notes[0]).toMatch(/not the bulk JSON/);
    expect(mapBulkAnswer(['?a'], '[1]').entries[0]!.status).toBe('unknown');
  });

  it('reports indices that match nothing instead of dropping them silently', () => {
    const mapping = mapBulkAnswer(
      ['?a'],
      '{"status":"success","tracked":0,"invalid":1,"invalid_indices":[3]}',
    );
    expect(mapping.entries[0]!.status).toBe('tracked');
    expect(mapping.notes[0]).toMatch(/3 match no entry/);
  });

  it('marks every kept entry aborted for an error answer: the bulk was rolled back', () => {
    const error = mapBulkAnswer(
      ['?a', 'x', '?b', '?c'],
      '{"status":"error","tracked":1,"invalid":0,"invalid_indices":[]}',
    );
    expect(error.entries.map((e) => e.status)).toEqual([
      'aborted',
      'dropped',
      'aborted',
      'aborted',
    ]);
    expect([error.aborted, error.tracked, error.invalid]).toEqual([true, 1, 0]);
    expect(error.notes).toEqual([
      'Matomo stopped the bulk with an error and rolled it back: none of these entries is stored. ' +
        'It counted 1 entry processed before the failure, so the entry that failed is #1 or a later one.',
    ]);
    const withMessage = mapBulkAnswer(
      ['?a'],
      '{"status":"error","tracked":0,"invalid":0,"message":"token_auth must be specified"}',
    );
    expect(withMessage.entries[0]!.status).toBe('aborted');
    expect(withMessage.notes[0]).toMatch(/Its message: token_auth must be specified$/);
  });

  it('is not aborted for a success answer', () => {
    const ok = mapBulkAnswer(['?a'], '{"status":"success","tracked":1,"invalid":0}');
    expect(ok.aborted).toBe(false);
  });
});
