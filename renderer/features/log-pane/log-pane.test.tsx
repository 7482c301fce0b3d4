import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatClock, timeTitle } from '../../lib/format';
import { renderApp } from '../../test-support/render-app';
import { LogPane } from './log-pane';

afterEach(cleanup);

describe('LogPane', () => {
  it('is collapsible and filters lines by level', () => {
    const view = renderApp(<LogPane />);
    act(() =>
      view.store.getState().addLogLines([
        { time: '2026-01-01T12:00:00Z', level: 'debug', msg: 'parsed request' },
        { time: '2026-01-01T12:00:01Z', level: 'info', msg: 'hit stored', hitId: 'h1' },
        { time: '2026-01-01T12:00:02Z', level: 'error', msg: 'write failed' },
      ]),
    );
    expect(screen.queryByRole('log')).toBeNull();
    act(() => view.store.getState().setLogOpen(true));
    const log = screen.getByRole('log');
    expect(log.textContent).toContain('hit stored');
    expect(log.textContent).toContain('hitId=h1');
    expect(log.textContent).not.toContain('parsed request');
    fireEvent.change(screen.getByLabelText('Lowest log level shown'), {
      target: { value: 'error' },
    });
    expect(screen.getByRole('log').textContent).not.toContain('hit stored');
    expect(screen.getByRole('log').textContent).toContain('write failed');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(view.store.getState().logOpen).toBe(false);
  });

  it('shows times as the table does: local clock, UTC offset and UTC on hover', () => {
    const view = renderApp(<LogPane />);
    const iso = '2026-01-01T12:00:01.250Z';
    act(() => {
      view.store.getState().addLogLines([{ time: iso, level: 'info', msg: 'hit stored' }]);
      view.store.getState().setLogOpen(true);
    });
    const time = screen.getByRole('log').querySelector('time');
    const ms = Date.parse(iso);
    expect(time?.textContent).toBe(formatClock(ms));
    expect(time?.getAttribute('title')).toBe(timeTitle(ms));
    expect(time?.getAttribute('title')).toContain('2026-01-01 12:00:01 UTC');
  });
});
