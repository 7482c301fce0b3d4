// A hit captured in a bulk with a top-level token_auth, resent alone or edited in the
// composer: the token goes along (docs/tracking-protocol.md#bulk-request), the UI says so and never shows its value.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HitDetailDto, NewHistoryEntryDto } from '../../../shared/api/types';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { ComposerView } from './composer-view';
import { ReplayHitActions } from './replay-hit-actions';
import { ReplaySelectionActions } from './replay-selection-actions';

const TOKEN = 'c0ffee0123456789abcdef0123456789';
const QUERY = 'idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=Home&cip=198.51.100.23';

function bulkDetail(body: string): HitDetailDto {
  const request = makeRequest({ body, bodySize: body.length });
  const hit = makeHit({
    transport: 'bulk',
    method: 'POST',
    rawQuery: QUERY,
    requestId: request.id,
  });
  return { hit, request: { ...request, hitIds: [hit.id] } };
}

function setup(detail: HitDetailDto) {
  const history: NewHistoryEntryDto[] = [];
  const server: FakeServer = {
    details: new Map([[detail.hit.id, detail]]),
    sent: [],
    calls: [],
    history,
  };
  const view = renderApp(
    <>
      <ReplayHitActions detail={detail} />
      <ComposerView />
    </>,
    { server },
  );
  return { ...view, history };
}

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('replaying a hit of a bulk with a top-level token_auth', () => {
  const body = JSON.stringify({ requests: [`?${QUERY}`], token_auth: TOKEN });

  it('Resend adds the token to the request, says so, and shows no token value', async () => {
    const view = setup(bulkDetail(body));
    fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent'));
    expect(view.server.sent).toHaveLength(1);
    const sent = view.server.sent[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.query).toBeUndefined();
    expect(new URLSearchParams(sent.body).get('token_auth')).toBe(TOKEN);
    expect(new URLSearchParams(sent.body).get('cip')).toBe('198.51.100.23');
    const toast = view.store.getState().toast?.text ?? '';
    expect(toast).toContain('token_auth was added');
    expect(toast).not.toContain(TOKEN);
    expect(view.history[0]?.summary).toContain('with the bulk token_auth');
    expect(view.history[0]?.summary).not.toContain(TOKEN);
  });

  it('Edit and resend opens the hit with the token, masked, and a note saying where it came from', () => {
    const view = setup(bulkDetail(body));
    fireEvent.click(screen.getByRole('button', { name: 'Edit and resend' }));
    const draft = view.store.getState().draft;
    expect(draft.method).toBe('POST');
    expect(draft.params.find((p) => p.name === 'token_auth')?.value).toBe(TOKEN);
    expect(screen.getByTestId('carried-token-note').textContent).toContain(
      'comes from the bulk request',
    );
    // Masked: the raw view, the token field and the note hold no token value.
    const raw = screen.getByRole('textbox', { name: 'URL / query string' }) as HTMLTextAreaElement;
    expect(raw.value).toContain('token_auth=');
    expect(raw.value).not.toContain(TOKEN);
    expect((screen.getByLabelText('token_auth') as HTMLInputElement).type).toBe('password');
    expect(view.container.textContent).not.toContain(TOKEN);
    // Revealed on request only.
    fireEvent.click(screen.getByRole('button', { name: 'Show token_auth' }));
    expect(raw.value).toContain(TOKEN);
  });

  it('the note goes once the user changes the token', () => {
    const view = setup(bulkDetail(body));
    fireEvent.click(screen.getByRole('button', { name: 'Edit and resend' }));
    fireEvent.change(screen.getByLabelText('token_auth'), { target: { value: 'other' } });
    expect(view.store.getState().draft.params.find((p) => p.name === 'token_auth')?.value).toBe(
      'other',
    );
    expect(screen.queryByTestId('carried-token-note')).toBeNull();
  });

  it("a hit with its own token_auth gets the bulk's in its place, as Matomo used it", async () => {
    const own = bulkDetail(body);
    own.hit = { ...own.hit, rawQuery: `${QUERY}&token_auth=own` };
    const view = setup(own);
    fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent'));
    expect(view.server.sent[0]).toMatchObject({
      method: 'POST',
      body: `${QUERY}&token_auth=${TOKEN}`,
    });
    expect(view.store.getState().toast?.text).toContain('token_auth');
  });

  it('a hit from a bulk without a token_auth is resent as captured', () => {
    const plain = setup(bulkDetail(JSON.stringify({ requests: [`?${QUERY}`] })));
    fireEvent.click(screen.getByRole('button', { name: 'Edit and resend' }));
    expect(plain.store.getState().draft.method).toBe('GET');
    expect(screen.queryByTestId('carried-token-note')).toBeNull();
  });

  it('Resend one by one adds it to every hit of that bulk, and only to those', async () => {
    const first = bulkDetail(body);
    const second: HitDetailDto = {
      hit: makeHit({ ...first.hit, id: 'second', index: 1 }),
      request: first.request,
    };
    const single: HitDetailDto = { hit: makeHit({ rawQuery: QUERY }), request: null };
    const server: FakeServer = {
      details: new Map([first, second, single].map((d) => [d.hit.id, d])),
      sent: [],
      calls: [],
      history: [],
    };
    const view = renderApp(<ReplaySelectionActions />, { server });
    act(() => view.store.getState().setSelectedIds([first.hit.id, second.hit.id, single.hit.id]));
    fireEvent.click(screen.getByRole('button', { name: 'Resend one by one' }));
    fireEvent.click(screen.getByRole('button', { name: 'Resend 3 hits' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent 3 hits'));
    expect(server.sent).toHaveLength(3);
    const tokens = server.sent.map((sent) =>
      new URLSearchParams(sent.body ?? sent.query).get('token_auth'),
    );
    expect(tokens.filter((token) => token === TOKEN)).toHaveLength(2);
    expect(tokens.filter((token) => token === null)).toHaveLength(1);
    expect(view.store.getState().toast?.text).toContain('2 of them came in a bulk');
  });
});
