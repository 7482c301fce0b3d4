import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../../shared/api/types';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import { decodeParams } from '../../../shared/matomo/decode';
import { compileQuery } from '../../lib/query/compile-query';
import { TOKEN_MASK } from '../../lib/mask-token';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

afterEach(cleanup);

const token = '0123456789abcdef0123456789abcdef';

function rejectedDetail(): HitDetailDto {
  const params = {
    idsite: '1',
    rec: '1',
    cid: 'abc',
    url: 'https://shop.example/shoes?color=blue#top',
    res: '1920x1080',
    _cvar: JSON.stringify({ '1': ['plan', 'premium'] }),
    cdt: '1729771200',
    token_auth: token,
    idSite2: '3',
  };
  const hit = makeHit({
    id: 'hit-rejected',
    outcome: 'rejected',
    params,
    rawQuery: new URLSearchParams(params).toString(),
    decoded: decodeParams(params),
    issues: [
      {
        code: 'cid.length',
        severity: 'error',
        param: 'cid',
        message: 'cid must be 16 characters, got 3',
        hint: 'Send 16 hex characters.',
      },
      {
        code: 'param.unknown',
        severity: 'info',
        param: 'idSite2',
        message: 'idSite2 is not read.',
      },
    ],
  });
  return {
    hit,
    request: makeRequest({
      method: 'GET',
      url: `/matomo.php?${hit.rawQuery}`,
      transport: 'get',
      response: {
        status: 400,
        headers: {},
        contentType: 'text/html',
        body: 'rejected',
        bodyKind: 'text',
        durationMs: 2,
      },
    }),
  };
}

/** What the inspector shows for a parameter: its row, and the wide row of tables and URLs. */
function shown(name: string): string {
  const row = document.getElementById(`param-${name}`);
  const next = row?.nextElementSibling;
  const wide = next?.classList.contains('param-wide') ? (next.textContent ?? '') : '';
  return `${row?.textContent ?? ''} ${wide}`;
}

async function inspect(detail: HitDetailDto, query = '') {
  const view = renderApp(<HitInspector query={compileQuery(query)} />);
  view.server.details.set(detail.hit.id, detail);
  act(() => view.store.getState().select(detail.hit.id));
  await screen.findByTestId('verdict');
  return view;
}

describe('HitInspector', () => {
  it('explains a rejected hit: verdict, issues, grouped and decoded parameters', async () => {
    await inspect(rejectedDetail());
    expect(screen.getByTestId('verdict').textContent).toContain(
      'Matomo would reject this page view (400): cid must be 16 characters.',
    );
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(
      expect.arrayContaining([
        'Issues (2)',
        'General',
        'Visitor',
        'Unknown parameters — Matomo ignores these',
      ]),
    );
    const cid = document.getElementById('param-cid') as HTMLElement;
    expect(cid.dataset.severity).toBe('error');
    expect(screen.getByText(/Did you mean/).textContent).toContain('idsite');
    // Decoded forms: URL parts, resolution, custom variables table, dates in local time and UTC.
    expect(shown('url')).toContain('color = blue');
    expect(shown('res')).toContain('1920 × 1080 px');
    expect(shown('_cvar')).toMatch(/Slot.*Name.*Value.*1.*plan.*premium/);
    expect(shown('cdt')).toContain('2024-10-24 12:00:00 UTC');
  });

  it('shows a site search read from the page URL: keyword, kept URL and the Matomo rule', async () => {
    const query = `idsite=1&rec=1&url=${encodeURIComponent('https://shop.example/find?q=boots&page=2')}`;
    const analyzed = analyzeRequest(
      { method: 'GET', path: '/matomo.php', query, headers: {}, body: new Uint8Array(0) },
      { now: Date.now(), sites: [] },
    ).hits[0];
    if (!analyzed) throw new Error('no hit');
    const hit = makeHit({
      id: 'hit-search',
      type: analyzed.type,
      outcome: analyzed.outcome,
      params: analyzed.params as Record<string, string>,
      rawQuery: query,
      decoded: analyzed.decoded,
      issues: analyzed.issues,
    });
    await inspect({ hit, request: makeRequest({ method: 'GET', url: `/matomo.php?${query}` }) });
    expect(screen.getByTestId('verdict').textContent).toContain(
      'Matomo would record this site search.',
    );
    const issue = screen.getAllByText(/makes this a site search/)[0] as HTMLElement;
    expect(issue.textContent).toContain('"boots"');
    expect(issue.textContent).toContain('https://shop.example/find?page=2');
    expect(
      screen.getByText(/Matomo plugins\/Actions\/Actions\/ActionSiteSearch\.php/),
    ).toBeTruthy();
  });

  it('clicking an issue marks its parameter', async () => {
    await inspect(rejectedDetail());
    fireEvent.click(screen.getByRole('button', { name: /cid\.length/ }));
    expect(document.getElementById('param-cid')?.getAttribute('aria-current')).toBe('true');
  });

  it('masks token_auth until revealed', async () => {
    await inspect(rejectedDetail());
    const row = () => document.getElementById('param-token_auth') as HTMLElement;
    expect(row().textContent).not.toContain(token);
    expect(row().textContent).toContain(TOKEN_MASK);
    fireEvent.click(screen.getByRole('tab', { name: 'Raw request' }));
    expect(screen.getByTestId('raw-view').textContent).not.toContain(token);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(screen.getByTestId('raw-view').textContent).toContain(token);
  });

  it('highlights the bulk entry of the hit in the raw request', async () => {
    const body = JSON.stringify({ requests: ['?idsite=1&rec=1&e_c=A', '?idsite=1&rec=1&e_c=B'] });
    const hit = makeHit({ id: 'bulk-b', transport: 'bulk', index: 1, batchSize: 2 });
    await inspect({ hit, request: makeRequest({ body }) });
    fireEvent.click(screen.getByRole('tab', { name: 'Raw request' }));
    expect(screen.getByTestId('bulk-entry-highlight').textContent).toContain('e_c=B');
    expect(screen.getByTestId('raw-view').textContent).toContain('"tracked":2');
  });

  it('says when the hit cannot be loaded', async () => {
    const view = renderApp(<HitInspector query={compileQuery('')} />);
    act(() => view.store.getState().select('missing'));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('No such hit.'));
  });
});
