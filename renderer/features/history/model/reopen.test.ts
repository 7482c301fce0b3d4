import { describe, expect, it } from 'vitest';
import type { HistoryEntryDto } from '../../../../shared/api/types';
import { enabledPairs } from '../../../requests/draft';
import { bulkFromHistory, draftFromHistory } from './reopen';

function entry(request: HistoryEntryDto['request']): HistoryEntryDto {
  return {
    id: 'h1',
    createdAt: '2024-01-01T00:00:00.000Z',
    name: null,
    kind: 'single',
    origin: 'composer',
    summary: '',
    request,
    response: null,
  };
}

describe('reopening history', () => {
  it('brings a POST back to the composer with its values, method, path and headers', () => {
    const draft = draftFromHistory(
      entry({
        target: 'https://m.example/',
        method: 'POST',
        path: '/piwik.php',
        body: 'e_c=Video&e_a=Play%20it&idsite=1',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'UA' },
      }),
    );
    expect(draft).toMatchObject({ template: 'event', method: 'POST', path: '/piwik.php' });
    expect(draft.headers).toEqual({ 'user-agent': 'UA' });
    expect(enabledPairs(draft)).toEqual([
      { name: 'e_c', value: 'Video' },
      { name: 'e_a', value: 'Play it' },
      { name: 'idsite', value: '1' },
    ]);
  });

  it('brings a bulk back to the bulk builder', () => {
    const bulk = bulkFromHistory(
      entry({
        target: 'self',
        method: 'POST',
        path: '/matomo.php',
        body: '{"requests":["?idsite=1",{"idsite":2}],"token_auth":"t","send_image":0}',
      }),
    );
    expect(bulk).toEqual({
      entries: ['?idsite=1', '{"idsite":2}'],
      tokenAuth: 't',
      sendImage: '0',
      target: 'self',
      path: '/matomo.php',
    });
    expect(bulkFromHistory(entry({ target: 'self', method: 'GET', query: 'a=1' }))).toBeNull();
  });
});
