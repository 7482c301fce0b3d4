// token_auth under every name PHP reads as it: masked in the inspector's views and in what
// it copies, exactly where an export masks it, and shown again when the user reveals it.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../../shared/api/types';
import { decodeParams } from '../../../shared/matomo/decode';
import { compileQuery } from '../../lib/query/compile-query';
import { TOKEN_MASK } from '../../lib/mask-token';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubClipboardPerTest } from '../../test-support/clipboard-stub';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

const token = 'c0ffee00c0ffee00c0ffee00c0ffee00';

/** Raw names that reach Matomo as token_auth (docs/tracking-protocol.md#parameter-sources), as trackers and scripts send them. */
const ENCODED_NAMES = [
  'token%5Fauth',
  'token%5fauth',
  '%74oken_auth',
  'token.auth',
  '+token_auth',
  'token_auth[]',
];

const clipboard = stubClipboardPerTest();

afterEach(cleanup);

/** A form POST carrying the token in its URL, its body, its Referer and its debug answer. */
function postDetail(name: string): HitDetailDto {
  const rawQuery = `idsite=1&rec=1&${name}=${token}`;
  const hit = makeHit({ id: `post-${name}`, transport: 'post', method: 'POST', rawQuery });
  const request = makeRequest({
    method: 'POST',
    transport: 'post',
    url: `/matomo.php?rec=1&${name}=${token}`,
    query: `rec=1&${name}=${token}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      referer: `https://shop.example/admin?${name}=${token}`,
    },
    body: rawQuery,
    response: {
      ...makeRequest().response,
      contentType: 'text/plain',
      body: `Debug: token_auth = ${token}`,
      bodyKind: 'debug',
    },
  });
  return { hit, request };
}

/** A bulk whose entry carries the token under `name`, and whose own token key is escaped. */
function bulkDetail(name: string): HitDetailDto {
  const hit = makeHit({ id: `bulk-${name}`, transport: 'bulk', rawQuery: 'idsite=1&rec=1' });
  const entry = JSON.stringify(`?idsite=1&rec=1&${name}=${token}`);
  const body = `{"requests":[${entry}],"token\\u005fauth":"${token}"}`;
  return { hit, request: makeRequest({ body }) };
}

async function showRaw(detail: HitDetailDto) {
  const view = renderApp(<HitInspector query={compileQuery('')} />);
  view.server.details.set(detail.hit.id, detail);
  act(() => view.store.getState().select(detail.hit.id));
  await screen.findByTestId('verdict');
  fireEvent.click(screen.getByRole('tab', { name: 'Raw request' }));
  return () => screen.getByTestId('raw-view').textContent ?? '';
}

async function copyCurl(): Promise<string> {
  fireEvent.click(screen.getByRole('button', { name: 'Copy curl' }));
  await waitFor(() => expect(clipboard.copied.length).toBeGreaterThan(0));
  return clipboard.copied.pop() ?? '';
}

describe('token_auth under encoded names', () => {
  it.each(ENCODED_NAMES)(
    '%s: masked in the raw URL, form body, Referer and answer',
    async (name) => {
      const raw = await showRaw(postDetail(name));
      expect(raw()).not.toContain(token);
      expect(raw()).toContain(`${name}=${TOKEN_MASK}`);
      expect(raw()).toContain(`token_auth = ${TOKEN_MASK}`);
      fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
      expect(raw()).toContain(`${name}=${token}`);
      expect(raw()).toContain(`admin?${name}=${token}`);
      expect(raw()).toContain(`token_auth = ${token}`);
    },
  );

  it.each(ENCODED_NAMES)('%s: masked in a bulk body with an escaped token key', async (name) => {
    const raw = await showRaw(bulkDetail(name));
    expect(raw()).not.toContain(token);
    expect(raw()).toContain(`"token_auth": "${TOKEN_MASK}"`);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(raw()).toContain(`"token_auth": "${token}"`);
    expect(raw()).toContain(`=${token}`);
  });

  it.each(ENCODED_NAMES)('%s: masked in the copied curl until revealed', async (name) => {
    await showRaw(postDetail(name));
    const masked = await copyCurl();
    expect(masked).not.toContain(token);
    expect(masked).toContain(`${name}=${TOKEN_MASK}`);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(await copyCurl()).toContain(`${name}=${token}`);
  });

  it('masks array token rows and the value a duplicate issue quotes', async () => {
    const params = { idsite: '1', rec: '1', token_auth: token, 'token_auth[0]': token };
    const hit = makeHit({
      id: 'dup',
      params,
      decoded: decodeParams(params),
      occurrences: [
        { name: 'token_auth', value: 'first-token-value', source: 'query' },
        { name: 'token_auth', value: token, source: 'query' },
        { name: 'token_auth[0]', value: token, source: 'query' },
      ],
      issues: [
        {
          code: 'param.duplicate',
          severity: 'warning',
          param: 'token_auth',
          message: `token_auth was sent 2 times in the URL query; Matomo keeps the last value "${token}".`,
        },
      ],
    });
    const view = renderApp(<HitInspector query={compileQuery('')} />);
    view.server.details.set(hit.id, { hit, request: null });
    act(() => view.store.getState().select(hit.id));
    await screen.findByTestId('verdict');
    const text = () => document.querySelector('.inspector-body')?.textContent ?? '';
    expect(document.getElementById('param-token_auth[0]')?.textContent).toContain(TOKEN_MASK);
    expect(text()).not.toContain(token);
    expect(screen.getByRole('region', { name: 'Issues' }).textContent).toContain(
      `last value "${TOKEN_MASK}"`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(document.getElementById('param-token_auth[0]')?.textContent).toContain(token);
    expect(screen.getByRole('region', { name: 'Issues' }).textContent).toContain(token);
  });
});
