import { describe, expect, it } from 'vitest';
import { bulkBody, bulkItem, bulkSendRequest, pastedLines } from './bulk-body';

describe('bulk body', () => {
  it('sends the bulk as one JSON POST to the given target and path', () => {
    expect(
      bulkSendRequest('self', '/piwik.php', ['?rec=1'], { tokenAuth: '', sendImage: '1' }),
    ).toEqual({
      target: 'self',
      method: 'POST',
      path: '/piwik.php',
      body: '{"requests":["?rec=1"],"send_image":1}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('writes the JSON Matomo reads, with token_auth and send_image at the top', () => {
    const items = ['?idsite=1&rec=1', bulkItem('{"idsite":2,"rec":1}')];
    expect(bulkBody(items, { tokenAuth: 't0k', sendImage: '0' })).toBe(
      '{"requests":["?idsite=1&rec=1",{"idsite":2,"rec":1}],"token_auth":"t0k","send_image":0}',
    );
    expect(bulkBody([], { tokenAuth: '', sendImage: 'omit' })).toBe('{"requests":[]}');
  });

  it('keeps entries Matomo would drop as they are, so the drop shows', () => {
    expect(bulkItem(' idsite=1&rec=1 ')).toBe('idsite=1&rec=1');
    expect(bulkItem('{broken')).toBe('{broken');
  });

  it('reads pasted lines: query strings, URLs, objects, or a whole bulk body', () => {
    expect(
      pastedLines('idsite=1&rec=1\n\n https://m.example/matomo.php?idsite=2 \n{"idsite":3}\n'),
    ).toEqual(['?idsite=1&rec=1', 'https://m.example/matomo.php?idsite=2', '{"idsite":3}']);
    expect(pastedLines('{"requests":["?a=1",{"b":2}],\n"token_auth":"x"}')).toEqual([
      '?a=1',
      '{"b":2}',
    ]);
  });
});
