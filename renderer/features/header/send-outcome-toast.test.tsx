// After a resend or a test hit, the notice says what became of the hits (an excluded hit is
// answered 200 like a recorded one), and a send that fails does not leave an earlier
// success on screen.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { HitDetailDto } from '../../../shared/api/types';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { SendTestHitButton } from './send-test-hit-button';
import { ReplayHitActions } from '../composer/replay-hit-actions';

afterEach(cleanup);

function botHit(): HitDetailDto {
  const request = makeRequest({});
  const hit = makeHit({
    rawQuery: 'idsite=1&rec=1&url=https%3A%2F%2Fa.example%2F',
    requestId: request.id,
    outcome: 'excluded',
  });
  return { hit, request: { ...request, hitIds: [hit.id] } };
}

function server(detail: HitDetailDto, over: Partial<FakeServer> = {}): FakeServer {
  const resent = makeHit({ requestId: 'resent-1', outcome: 'excluded' });
  return {
    details: new Map([[detail.hit.id, detail]]),
    sent: [],
    calls: [],
    history: [],
    sendAnswer: () => ({ status: 200, statusText: 'OK', requestId: 'resent-1' }),
    captured: [resent],
    ...over,
  };
}

async function resend() {
  fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
  fireEvent.click(screen.getByRole('button', { name: 'Resend' }));
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('the notice after a send', () => {
  it('says the outcome of a resent hit, not the HTTP status', async () => {
    const detail = botHit();
    const view = renderApp(<ReplayHitActions detail={detail} />, { server: server(detail) });
    await resend();
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Resent'));
    const text = view.store.getState().toast?.text ?? '';
    expect(text).toContain('excluded');
    expect(text).not.toContain('answered 200');
  });

  it('says the outcome of the test hit', async () => {
    const detail = botHit();
    const view = renderApp(<SendTestHitButton />, {
      server: server(detail, { captured: [makeHit({ requestId: 'resent-1' })] }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Send a test hit' }));
    await waitFor(() => expect(view.store.getState().toast?.text).toContain('Test hit sent'));
    expect(view.store.getState().toast?.text).toBe('Test hit sent: recorded.');
  });

  it('replaces an earlier success when the next resend cannot start', async () => {
    const detail = botHit();
    const fake = server(detail);
    const view = renderApp(<ReplayHitActions detail={detail} />, { server: fake });
    act(() => view.store.getState().notify('Resent to Hitscope: recorded.'));
    // The hit is gone from the store: the resend fails before anything is sent.
    fake.details.clear();
    await resend();
    await waitFor(() => expect(view.store.getState().toast?.tone).toBe('error'));
    expect(view.store.getState().toast?.text).not.toContain('recorded');
  });
});
