import { describe, expect, it } from 'vitest';
import { BASE, check } from '../../test-support/matomo-hit';
import { analyzeRequest } from './analyze';

// Matomo 5:
// - plugins/Events/Actions/ActionEvent.php lines 35–41 (an event needs strlen(e_c), strlen(e_a))
//   and plugins/Events/Columns/EventCategory.php / EventAction.php lines 48–62 (trimmed, blank
//   is an InvalidRequestParameterException: 400, handled per entry in a bulk);
// - plugins/Contents/Actions/ActionContent.php lines 28–33 (!empty(c_n)),
//   plugins/Contents/Columns/ContentName.php lines 49–63 (blank c_n: 400) and
//   ContentInteraction.php lines 47–61 (interaction when trim(c_i) has a length: "0" does);
// - plugins/Actions/Actions/ActionSiteSearch.php lines 233–266 (search trimmed after empty());
// - core/Tracker/Request.php lines 746–771 (uid taken when PHP-truthy, cid when !empty());
// - plugins/JsTrackerInstallCheck/JsTrackerInstallCheck.php lines 46–61 (empty() on the raw value).
describe('trimmed and empty values', () => {
  it('refuses an event whose category or action is only whitespace (400)', () => {
    for (const query of ['e_c=%20&e_a=Play', 'e_c=Video&e_a=%09%0B', 'e_c=%0A&e_a=Play']) {
      const hit = check(`${BASE}&${query}`);
      expect(hit.type, query).toBe('event');
      expect(hit.outcome, query).toBe('rejected');
      expect(hit.codes[0]).toBe('event.blank');
    }
    // PHP's trim() leaves a no-break space alone: that event is recorded.
    expect(check(`${BASE}&e_c=%C2%A0&e_a=Play`).outcome).toBe('recorded');
  });

  it('refuses a content hit whose name is only whitespace (400)', () => {
    const hit = check(`${BASE}&c_n=%20%20&c_p=banner.png`);
    expect(hit.outcome).toBe('rejected');
    expect(hit.issue('content.blank').param).toBe('c_n');
    // c_n=0 is empty(): no content hit at all, a page view.
    expect(check(`${BASE}&c_n=0`).type).toBe('pageview');
  });

  it('makes c_i=0 an interaction and a blank c_i an impression', () => {
    expect(check(`${BASE}&c_n=Banner&c_i=0`).type).toBe('content_interaction');
    expect(check(`${BASE}&c_n=Banner&c_i=%20`).type).toBe('content_impression');
    expect(check(`${BASE}&c_n=Banner&c_i=click`).type).toBe('content_interaction');
  });

  it('records a whitespace-only search as a page view', () => {
    const hit = check(`${BASE}&search=%20%09`);
    expect(hit.type).toBe('pageview');
    expect(hit.outcome).toBe('recorded');
    expect(check(`${BASE}&search=%20shoes%20`).type).toBe('site_search');
  });

  it('treats cid=0 as not sent, and uid=0 as no user id', () => {
    expect(check(`${BASE}&cid=0`).outcome).toBe('recorded');
    expect(check(`${BASE}&cid=abc`).codes).toContain('cid.length');
    expect(check(`${BASE}&cid=abc&uid=0`).codes).toContain('cid.length');
    expect(check(`${BASE}&cid=abc&uid=alice`).outcome).toBe('recorded');
  });

  it('takes tracker_install_check=0 for no install check, any other value for one', () => {
    expect(check(`${BASE}&tracker_install_check=0`).outcome).toBe('recorded');
    expect(check(`${BASE}&tracker_install_check=`).outcome).toBe('recorded');
    expect(check(`${BASE}&tracker_install_check=0.0`).codes).toContain('install_check.excluded');
    const bulkEntry = (value: unknown) =>
      check({ ...params(BASE), tracker_install_check: value } as never, { source: 'bulk' });
    expect(bulkEntry(['x']).codes).toContain('install_check.excluded');
    expect(bulkEntry(0).outcome).toBe('recorded');
    expect(bulkEntry(false).outcome).toBe('recorded');
  });

  it('refuses a blank event entry of a bulk on its own, without stopping the bulk', () => {
    const body = JSON.stringify({
      requests: [`?${BASE}&e_c=%20&e_a=Play`, `?${BASE}`],
    });
    const analysis = analyzeRequest(
      {
        method: 'POST',
        path: '/matomo.php',
        query: '',
        headers: {},
        body: new TextEncoder().encode(body),
      },
      { now: Date.UTC(2024, 9, 24), sites: [] },
    );
    expect(analysis.hits.map((hit) => hit.outcome)).toEqual(['rejected', 'recorded']);
    expect(analysis.hits[0]?.issues.map((issue) => issue.code)).not.toContain('bulk.aborted');
  });
});

function params(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}
