// One time format across the UI: the composer's send result and the import note show an
// instant as the table's time cell does (local time, the UTC offset and UTC on hover).
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SentRecord } from '../../store/composer-slice';
import { toHitRow } from '../../lib/hit-row';
import { makeHit, makeRequest } from '../../test-support/hit-factory';
import { stubLayoutSize } from '../../test-support/layout-size';
import { renderApp } from '../../test-support/render-app';
import { ResultPanel } from '../composer/result-panel';
import { ImportedNote } from '../hit-inspector/imported-note';
import { HitsView } from './hits-view';

stubLayoutSize();
afterEach(cleanup);
// A zone away from UTC, with a half-hour offset, so that UTC shown as local time is caught.
beforeAll(() => vi.stubEnv('TZ', 'Asia/Kolkata'));
afterAll(() => vi.unstubAllEnvs());

// Milliseconds and a time of day far from midnight in every zone are what a second format
// (ISO, UTC, no milliseconds) would show differently.
const INSTANT = '2026-03-14T09:26:53.589Z';

/** The table's time cell for a hit received at `iso`: its text and its hover. */
function tableTime(iso: string): { text: string; title: string } {
  const view = renderApp(<HitsView />);
  act(() => {
    view.store.getState().setLoaded(true);
    view.store.getState().receiveHits([toHitRow(makeHit({ receivedAt: iso }))]);
  });
  const cell = screen.getByRole('grid').querySelector('[role="gridcell"].col-time [title]');
  const shown = { text: cell?.textContent ?? '', title: cell?.getAttribute('title') ?? '' };
  cleanup();
  return shown;
}

describe('one time format', () => {
  it('the composer shows when it sent as the table shows a hit received then', () => {
    const table = tableTime(INSTANT);
    expect(table.title).toBe('2026-03-14 14:56:53 local (UTC+05:30) · 2026-03-14 09:26:53 UTC');
    const record: SentRecord = {
      request: { method: 'GET', target: 'self', path: '/matomo.php', query: 'idsite=1&rec=1' },
      response: {
        url: 'http://hitscope.test/matomo.php',
        status: 204,
        statusText: 'No Content',
        headers: {},
        body: '',
        bodyEncoding: 'utf8',
        durationMs: 3,
      },
      error: null,
      sentAt: INSTANT,
    };
    renderApp(<ResultPanel record={record} />);
    const time = screen
      .getByRole('heading', { name: /Answer to the last send/ })
      .querySelector('time');
    expect(time?.textContent).toBe(table.text);
    expect(time?.getAttribute('title')).toBe(table.title);
  });

  it('the import note shows the date and time the table names on hover, with the same hover', () => {
    const table = tableTime(INSTANT);
    const request = makeRequest({
      imported: { file: 'capture.ndjson', source: 'hit', importedAt: INSTANT },
      issues: [
        {
          code: 'request.imported',
          severity: 'info',
          message: `Imported from "capture.ndjson" (line 1, an exported hit) at ${INSTANT} and analysed again with the current settings.`,
        },
      ],
    });
    render(<ImportedNote request={request} />);
    const note = screen.getByTestId('imported-note');
    expect(note.textContent).not.toContain(INSTANT);
    const time = note.querySelector('time');
    expect(time?.getAttribute('title')).toBe(table.title);
    // The table shows the clock (with milliseconds); the note adds the date, as the hover does.
    expect(table.title.startsWith(`${time?.textContent} local`)).toBe(true);
    expect(table.text.startsWith(time?.textContent?.slice(-8) ?? '?')).toBe(true);
  });
});
