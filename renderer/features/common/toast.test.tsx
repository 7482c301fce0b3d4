import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test-support/render-app';
import { Toast } from './toast';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderWithToast() {
  const view = renderApp(
    <>
      <button type="button">Copy URL</button>
      <Toast />
    </>,
  );
  act(() => view.store.getState().notify('Copied the URL.'));
  return view;
}

describe('Toast', () => {
  it('fades after a while', () => {
    renderWithToast();
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('stays while its Dismiss button has the focus, then gives the focus back', () => {
    renderWithToast();
    const origin = screen.getByRole('button', { name: 'Copy URL' });
    origin.focus();
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.getByRole('status').textContent).toContain('Copied the URL.');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('status')).toBeNull();
    expect(document.activeElement).toBe(origin);
  });

  it('lets the next message fade when one with the focus in it was cleared elsewhere', () => {
    const view = renderWithToast();
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    act(() => view.store.getState().dismissToast());
    act(() => view.store.getState().notify('Saved.'));
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('fades again once the focus has left it', () => {
    renderWithToast();
    act(() => screen.getByRole('button', { name: 'Dismiss' }).focus());
    act(() => screen.getByRole('button', { name: 'Copy URL' }).focus());
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByRole('status')).toBeNull();
  });
});
