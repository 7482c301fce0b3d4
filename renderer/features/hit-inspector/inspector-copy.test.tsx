// What the inspector copies reproduces the request as received: a bot hit copied as curl is
// still a bot hit when the command runs, and nothing is hidden without saying so.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../../shared/api/types';
import { parseCurl } from '../../../shared/matomo/curl';
import { compileQuery } from '../../lib/query/compile-query';
import { TOKEN_MASK } from '../../lib/mask-token';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubClipboardPerTest } from '../../test-support/clipboard-stub';
import { renderApp } from '../../test-support/render-app';
import { HitInspector } from './hit-inspector';

const BOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const token = '0123456789abcdef0123456789abcdef';
const clipboard = stubClipboardPerTest();

afterEach(cleanup);

function botDetail(rawQuery: string, transport: 'get' | 'post' = 'get'): HitDetailDto {
  // No id given: each test's hit is new to the inspector's detail cache.
  const params = Object.fromEntries(new URLSearchParams(rawQuery));
  const hit = makeHit({ outcome: 'excluded', userAgent: BOT, rawQuery, params, transport });
  const request = makeRequest({
    method: transport === 'get' ? 'GET' : 'POST',
    transport,
    headers: {
      'user-agent': BOT,
      referer: 'https://shop.example/cart',
      'accept-language': 'de-DE,de;q=0.9',
      origin: 'https://shop.example',
      'content-type': 'application/x-www-form-urlencoded; charset=UTF-8',
      cookie: 'session=secret',
    },
  });
  return { hit, request };
}

async function open(detail: HitDetailDto) {
  const view = renderApp(<HitInspector query={compileQuery('')} />);
  view.server.details.set(detail.hit.id, detail);
  act(() => view.store.getState().select(detail.hit.id));
  await screen.findByTestId('verdict');
  return view;
}

async function copy(label: string): Promise<string> {
  fireEvent.click(screen.getByRole('button', { name: label }));
  await waitFor(() => expect(clipboard.copied.length).toBeGreaterThan(0));
  return clipboard.copied.pop() ?? '';
}

describe('Copy curl and Copy URL', () => {
  it('copy curl with the headers that decide the outcome, as received', async () => {
    await open(botDetail('idsite=1&rec=1&action_name=Home'));
    const parsed = parseCurl(await copy('Copy curl'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.request.method).toBe('GET');
    expect(parsed.request.headers).toEqual({
      'user-agent': BOT,
      referer: 'https://shop.example/cart',
      'accept-language': 'de-DE,de;q=0.9',
      origin: 'https://shop.example',
    });
  });

  it('keeps the received form content type on a POST', async () => {
    await open(botDetail('idsite=1&rec=1', 'post'));
    const parsed = parseCurl(await copy('Copy curl'));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.request.headers['content-type']).toBe(
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(parsed.request.headers['user-agent']).toBe(BOT);
  });

  it('says what a URL cannot carry, and that a token was masked', async () => {
    const view = await open(botDetail(`idsite=1&rec=1&token_auth=${token}`));
    const url = await copy('Copy URL');
    expect(url).toContain(`token_auth=${TOKEN_MASK}`);
    const toast = view.store.getState().toast?.text ?? '';
    expect(toast).toMatch(/cannot carry the User-Agent, Referer, Accept-Language, Origin/);
    expect(toast).toMatch(/token_auth is masked.*Reveal token/);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal token' }));
    expect(await copy('Copy curl')).toContain(`token_auth=${token}`);
    expect(view.store.getState().toast?.text).not.toMatch(/masked/);
  });
});

describe('Copy as code', () => {
  async function copyAs(item: string): Promise<string> {
    fireEvent.click(screen.getByRole('button', { name: 'Copy as code ▾' }));
    fireEvent.click(screen.getByRole('menuitem', { name: item }));
    await waitFor(() => expect(clipboard.copied.length).toBeGreaterThan(0));
    return clipboard.copied.pop() ?? '';
  }

  const EVENT = 'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&e_c=Video&e_a=Play&res=1x1';

  it('as _paq.push calls of the JavaScript tracker', async () => {
    await open(botDetail(EVENT));
    const code = await copyAs('JavaScript tracker (_paq.push)');
    expect(code).toContain('_paq.push(["setCustomUrl", "https://shop.example/"]);');
    expect(code).not.toContain('res');
    // The menu closes and the focus goes back to its button.
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Copy as code ▾' }));
  });

  it('as a PHP MatomoTracker call with the user agent and language it came with', async () => {
    await open(botDetail(EVENT));
    const code = await copyAs('PHP (MatomoTracker)');
    expect(code).toContain(`$tracker->setUserAgent('${BOT}');`);
    expect(code).toContain("$tracker->setBrowserLanguage('de-DE,de;q=0.9');");
  });

  it('as fetch, with the received headers and a masked token said out loud', async () => {
    const view = await open(botDetail(`${EVENT}&token_auth=${token}`, 'post'));
    const code = await copyAs('fetch()');
    expect(code).toContain('method: "POST"');
    expect(code).toContain(`"User-Agent": "${BOT}"`);
    expect(code).not.toContain(token);
    expect(view.store.getState().toast?.text).toContain(TOKEN_MASK);
  });
});
