import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { renderApp, type FakeServer } from '../../test-support/render-app';
import { ReplayHitActions } from './replay-hit-actions';

afterEach(cleanup);

describe('the resend popover', () => {
  it('closes on Escape without sending anything', () => {
    const request = makeRequest({});
    const hit = makeHit({ requestId: request.id });
    const detail = { hit, request: { ...request, hitIds: [hit.id] } };
    const server: FakeServer = { details: new Map([[hit.id, detail]]), sent: [], calls: [] };
    renderApp(<ReplayHitActions detail={detail} />, { server });
    fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Resend…' }));
    expect(server.sent).toEqual([]);
  });

  it('closes on a press outside, stays open on a press inside, and sends nothing', () => {
    const request = makeRequest({});
    const hit = makeHit({ requestId: request.id });
    const detail = { hit, request: { ...request, hitIds: [hit.id] } };
    const server: FakeServer = { details: new Map([[hit.id, detail]]), sent: [], calls: [] };
    renderApp(<ReplayHitActions detail={detail} />, { server });
    fireEvent.click(screen.getByRole('button', { name: 'Resend…' }));
    fireEvent.mouseDown(screen.getByRole('dialog'));
    expect(screen.getByRole('dialog')).not.toBeNull();
    fireEvent.mouseDown(document.body);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(server.sent).toEqual([]);
  });
});
