// Every resend path keeps the request headers that decide the outcome: the user agent, the
// language (Accept-Language) and the client hints, which feed Matomo's device detection and
// the visit's config id (core/Tracker/Settings.php lines 40–75).
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../../shared/api/types';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { ComposerView } from './composer-view';
import { ReplayHitActions } from './replay-hit-actions';
import { ReplaySelectionActions } from './replay-selection-actions';

const QUERY = 'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Home';
const AGENT = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36';

function captured(id: string, language: string, platform: string): HitDetailDto {
  const request = makeRequest({
    id: `req-${id}`,
    method: 'GET',
    transport: 'get',
    query: QUERY,
    headers: {
      'user-agent': AGENT,
      'accept-language': language,
      'sec-ch-ua-platform': platform,
      cookie: 'not=replayed',
    },
  });
  const hit = makeHit({ id, transport: 'get', method: 'GET', rawQuery: QUERY, userAgent: AGENT });
  return { hit: { ...hit, requestId: request.id }, request: { ...request, hitIds: [id] } };
}

function server(details: HitDetailDto[]): FakeServer {
  return {
    details: new Map(details.map((d) => [d.hit.id, d])),
    sent: [],
    calls: [],
    history: [],
  };
}

const GERMAN = { 'accept-language': 'de-CH,de;q=0.9', 'sec-ch-ua-platform': '"Windows"' };

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('resending keeps the language and client hints', () => {
  it('Resend from the inspector', async () => {
    const detail = captured('h1', GERMAN['accept-language'], GERMAN['sec-ch-ua-platform']);
    const fake = server([detail]);
    const view = renderApp(<ReplayHitActions detail={detail} />, { server: fake });
    fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent'));
    expect(fake.sent[0]?.headers).toEqual({ 'user-agent': AGENT, ...GERMAN });
  });

  it('Edit and resend', () => {
    const detail = captured('h1', GERMAN['accept-language'], GERMAN['sec-ch-ua-platform']);
    const view = renderApp(
      <>
        <ReplayHitActions detail={detail} />
        <ComposerView />
      </>,
      { server: server([detail]) },
    );
    fireEvent.click(screen.getByRole('button', { name: 'Edit and resend' }));
    expect(view.store.getState().draft.headers).toMatchObject(GERMAN);
  });

  it('Resend one by one', async () => {
    const a = captured('a', 'de', '"Windows"');
    const b = captured('b', 'fr', '"Android"');
    const fake = server([a, b]);
    const view = renderApp(<ReplaySelectionActions />, { server: fake });
    act(() => view.store.getState().setSelectedIds(['a', 'b']));
    fireEvent.click(screen.getByRole('button', { name: 'Resend one by one' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend 2 hits' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent 2 hits'));
    const languages = fake.sent.map((sent) => sent.headers?.['accept-language']).sort();
    expect(languages).toEqual(['de', 'fr']);
    const platforms = fake.sent.map((sent) => sent.headers?.['sec-ch-ua-platform']).sort();
    expect(platforms).toEqual(['"Android"', '"Windows"']);
  });

  it('Resend as bulk: the shared language as the header, a different one as lang', async () => {
    const a = captured('a', 'de', '"Windows"');
    const b = captured('b', 'fr', '"Windows"');
    b.hit = { ...b.hit, receivedAt: new Date(Date.parse(a.hit.receivedAt) + 1000).toISOString() };
    const fake = server([a, b]);
    const view = renderApp(<ReplaySelectionActions />, { server: fake });
    act(() => view.store.getState().setSelectedIds(['a', 'b']));
    fireEvent.click(screen.getByRole('button', { name: 'Resend as bulk' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend 2 hits' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('as one bulk'));
    const sent = fake.sent[0]!;
    expect(sent.headers).toMatchObject({
      'user-agent': AGENT,
      'accept-language': 'de',
      'sec-ch-ua-platform': '"Windows"',
    });
    const items = (JSON.parse(sent.body ?? '{}') as { requests: string[] }).requests;
    expect(new URLSearchParams(items[0]!.slice(1)).get('lang')).toBeNull();
    expect(new URLSearchParams(items[1]!.slice(1)).get('lang')).toBe('fr');
  });
});
