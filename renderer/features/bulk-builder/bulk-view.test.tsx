import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SendRequestDto } from '../../../shared/api/types';
import { analyzeRequest } from '../../../shared/matomo/analyze';
import { ApiClient } from '../../api/client';
import { ServicesContext } from '../../services-context';
import { createAppStore } from '../../store/app-store';
import { StoreProvider } from '../../store/store-provider';
import { BulkView } from './bulk-view';

// The bulk builder maps the answer to a sent bulk back onto its entries. The verdict sentences
// themselves are covered in shared/matomo (verdict.test.ts, bulk-abort.test.ts).

/** A server that answers a sent bulk the way the capture server does: with the predicted answer. */
function client(): ApiClient {
  return new ApiClient({
    fetch: async (input, init) => {
      const path = new URL(input, 'http://hitscope.test').pathname;
      const json = (status: number, body: unknown) =>
        new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      const body = JSON.parse(String(init?.body ?? '{}')) as unknown;
      if (path === '/api/send') {
        const sent = body as SendRequestDto;
        const headers = { 'content-type': 'application/json' };
        const { response } = analyzeRequest(
          {
            method: 'POST',
            path: sent.path ?? '/matomo.php',
            query: '',
            headers,
            // Copied into this realm's Uint8Array: jsdom's TextEncoder returns another realm's
            // array, which the parser does not take for body bytes.
            body: new Uint8Array(new TextEncoder().encode(sent.body ?? '')),
          },
          { now: Date.now(), sites: [] },
        );
        return json(200, {
          url: 'http://hitscope.test/matomo.php',
          status: response.status,
          statusText: response.status === 500 ? 'Internal Server Error' : 'OK',
          headers: { 'content-type': 'application/json' },
          body: response.body ?? '',
          bodyEncoding: 'utf8',
          durationMs: 3,
          requestId: 'r1',
        });
      }
      if (path === '/api/history') {
        return json(201, { ...(body as object), id: 'h1', createdAt: '', name: null });
      }
      return json(404, { error: { code: 'not_found', message: path } });
    },
  });
}

function renderBulk(lines: string[]) {
  const store = createAppStore();
  store.getState().addBulkEntries(lines);
  render(
    <StoreProvider store={store}>
      <ServicesContext.Provider value={{ client: client(), retryNow: () => undefined }}>
        <BulkView />
      </ServicesContext.Provider>
    </StoreProvider>,
  );
  return store;
}

const page = (title: string, extra = '') =>
  `?idsite=1&rec=1&url=https%3A%2F%2Fshop.example%2F&action_name=${title}${extra}`;

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('BulkView with an entry that aborts the bulk', () => {
  it('marks every entry aborted from the error answer and says nothing is stored', async () => {
    renderBulk([page('First'), page('Broken', '&ca=1'), page('Third')]);
    const entries = screen.getAllByTestId('bulk-entry');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Send bulk/ }));
    });
    await screen.findByTestId('bulk-result-status');
    expect(screen.getByTestId('bulk-result-status').textContent).toContain('500');
    expect(entries.map((entry) => entry.getAttribute('data-status'))).toEqual([
      'aborted',
      'aborted',
      'aborted',
    ]);
    expect(within(entries[0]!).getByTestId('bulk-entry-status').textContent).toBe(
      'not stored: bulk aborted',
    );
    const result = screen.getByRole('region', { name: 'Bulk result' });
    expect(result.textContent).toContain('none of these entries is stored');
    expect(result.textContent).toContain('Bulk answer: error, tracked 1, invalid 0');
  });

  it('keeps the tracked and invalid marks for a bulk that goes through', async () => {
    renderBulk([page('First'), page('Bad', '&cid=abc')]);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^Send bulk/ }));
    });
    await screen.findByTestId('bulk-result-status');
    const statuses = screen
      .getAllByTestId('bulk-entry')
      .map((entry) => entry.getAttribute('data-status'));
    expect(statuses).toEqual(['tracked', 'invalid']);
  });
});
