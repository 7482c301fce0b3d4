// The server's visits name search engines and social networks, not only websites.
import { describe, expect, it } from 'vitest';
import type { VisitsPageDto } from '../../shared/visits';
import { useTestServers } from '../../test-support/capture/use-test-servers';

const servers = useTestServers();

describe('visit attribution through the server', { timeout: 30_000 }, () => {
  it('attributes a visit from a search engine to it, with the keyword', async () => {
    const t = await servers.start({});
    const url = encodeURIComponent('https://shop.example/');
    const ref = encodeURIComponent('https://www.google.com/search?q=Red+Shoes');
    await t.send(
      'GET',
      `/matomo.php?idsite=1&rec=1&_id=0123456789abcdef&url=${url}&urlref=${ref}`,
      {
        headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0' },
      },
    );
    const { visits } = await t.api<VisitsPageDto>('/api/visits');
    expect(visits[0]?.referrer).toMatchObject({
      type: 'search',
      name: 'Google',
      keyword: 'red shoes',
    });
  });
});
