import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewHistoryEntryDto, SendRequestDto } from '../../../shared/api/types';
import { warmDeviceDetector } from '../../../shared/matomo/user-agent';
import { ApiClient } from '../../api/client';
import { ServicesContext } from '../../services-context';
import { createAppStore } from '../../store/app-store';
import { StoreProvider } from '../../store/store-provider';
import { ComposerView } from './composer-view';

interface Recorded {
  sent: SendRequestDto[];
  history: NewHistoryEntryDto[];
}

function client(recorded: Recorded): ApiClient {
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
        recorded.sent.push(body as SendRequestDto);
        return json(200, {
          url: 'http://hitscope.test/matomo.php',
          status: 204,
          statusText: 'No Content',
          headers: {},
          body: '',
          bodyEncoding: 'utf8',
          durationMs: 7,
          requestId: 'r1',
        });
      }
      if (path === '/api/history') {
        recorded.history.push(body as NewHistoryEntryDto);
        return json(201, {
          ...(body as object),
          id: 'h1',
          createdAt: new Date().toISOString(),
          name: null,
        });
      }
      return json(404, { error: { code: 'not_found', message: path } });
    },
  });
}

function renderComposer() {
  const recorded: Recorded = { sent: [], history: [] };
  const store = createAppStore();
  render(
    <StoreProvider store={store}>
      <ServicesContext.Provider value={{ client: client(recorded), retryNow: () => undefined }}>
        <ComposerView />
      </ServicesContext.Provider>
    </StoreProvider>,
  );
  return { store, recorded };
}

const raw = () =>
  screen.getByRole('textbox', { name: 'URL / query string' }) as HTMLTextAreaElement;

// The live check's device detector compiles its patterns on first use: pay that once here,
// not inside the first test's time limit.
beforeAll(() => warmDeviceDetector(), 60_000);
beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('ComposerView', () => {
  it('follows the form in the raw text and shows issues next to their field as typed', () => {
    renderComposer();
    fireEvent.change(screen.getByRole('combobox', { name: 'Hit type' }), {
      target: { value: 'event' },
    });
    fireEvent.change(screen.getByLabelText(/Event category/), { target: { value: 'Vidéo & co' } });
    expect(raw().value).toContain('e_c=Vid%C3%A9o%20%26%20co');
    const action = screen.getByTestId('field-e_a');
    expect(within(action).getByText('event.incomplete')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Event action/), { target: { value: 'Play' } });
    expect(within(action).queryByText('event.incomplete')).toBeNull();
    expect(screen.getByTestId('composer-verdict').textContent).toMatch(/record this event/);
  });

  it('says what the raw text takes, read with the box as its description', () => {
    renderComposer();
    expect(raw().getAttribute('aria-describedby')).toBeTruthy();
    const hint = document.getElementById(raw().getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toBe(
      'Paste a URL, a query string, a curl command (bash, cmd) or a PowerShell request.',
    );
  });

  it('fills the form from a pasted curl command', () => {
    renderComposer();
    fireEvent.paste(raw());
    fireEvent.change(raw(), {
      target: {
        value: `curl 'http://127.0.0.1:8765/matomo.php' -H 'User-Agent: Test/1' --data-raw 'idsite=5&rec=1&search=red%20shoes'`,
      },
    });
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Hit type' }).value).toBe(
      'site_search',
    );
    expect(screen.getByLabelText<HTMLInputElement>(/Search keyword/).value).toBe('red shoes');
    expect(screen.getByRole('button', { name: 'POST' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Header user-agent').value).toBe('Test/1');
  });

  it('sends with the send-time values, keeps it in the history and shows the answer', async () => {
    const { recorded, store } = renderComposer();
    fireEvent.change(screen.getByLabelText(/Page title/), { target: { value: 'Home' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    await screen.findByTestId('composer-result-status');
    expect(screen.getByTestId('composer-result-status').textContent).toContain('204');
    const query = new URLSearchParams(recorded.sent[0]!.query);
    expect(query.get('action_name')).toBe('Home');
    expect(query.get('r')).toMatch(/^\d{6}$/);
    expect(query.get('h')).toMatch(/^\d{1,2}$/);
    expect(recorded.history[0]).toMatchObject({
      kind: 'single',
      origin: 'composer',
      summary: 'Page view: Home (site 1)',
    });
    expect(store.getState().historyEntries).toHaveLength(1);
  });
});

describe('ComposerView paste', () => {
  it('shows a pasted page view as a page view, while typing keeps the chosen kind', () => {
    renderComposer();
    const kind = () => screen.getByRole<HTMLSelectElement>('combobox', { name: 'Hit type' }).value;
    fireEvent.change(screen.getByRole('combobox', { name: 'Hit type' }), {
      target: { value: 'event' },
    });
    fireEvent.change(raw(), {
      target: { value: '?idsite=1&rec=1&url=https%3A%2F%2Fa.example%2F' },
    });
    expect(kind()).toBe('event');
    fireEvent.paste(raw());
    fireEvent.change(raw(), {
      target: { value: '?idsite=1&rec=1&url=https%3A%2F%2Fb.example%2F' },
    });
    expect(kind()).toBe('pageview');
  });
});

describe('ComposerView sends what the raw editor shows', () => {
  const BULK =
    '{"requests":["?idsite=1&rec=1&action_name=A","?idsite=1&rec=1&e_c=Video&e_a=Play"]}';

  it('sends a pasted bulk body as that bulk and checks each of its entries', async () => {
    const { recorded } = renderComposer();
    fireEvent.paste(raw());
    fireEvent.change(raw(), { target: { value: BULK } });
    expect(screen.getByTestId('raw-bulk-note').textContent).toMatch(/Send sends it as it is/);
    const entries = screen.getByTestId('composer-bulk-verdicts');
    expect(within(entries).getAllByRole('listitem')).toHaveLength(2);
    expect(entries.textContent).toMatch(/Entry 2: .*event/i);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    expect(recorded.sent).toHaveLength(1);
    expect(recorded.sent[0]).toMatchObject({ method: 'POST', body: BULK });
    expect(recorded.sent[0]!.headers?.['content-type']).toBe('application/json');
    expect(recorded.history[0]).toMatchObject({ kind: 'bulk', summary: 'Bulk of 2 requests' });
  });

  it('sends a bulk curl with its headers, not the stale form', async () => {
    const { recorded } = renderComposer();
    fireEvent.paste(raw());
    fireEvent.change(raw(), {
      target: {
        value: `curl 'http://127.0.0.1:8765/matomo.php' -H 'User-Agent: Googlebot/2.1' -H 'Content-Type: application/json' --data-raw '${BULK}'`,
      },
    });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    expect(recorded.sent[0]).toMatchObject({ method: 'POST', path: '/matomo.php', body: BULK });
    expect(recorded.sent[0]!.headers).toMatchObject({
      'user-agent': 'Googlebot/2.1',
      'content-type': 'application/json',
    });
  });

  it('sends nothing while the raw text cannot be read, and says why', async () => {
    const { recorded, store } = renderComposer();
    fireEvent.change(raw(), {
      target: { value: `curl 'http://127.0.0.1:8765/matomo.php?idsite=1` },
    });
    expect(screen.getByRole('alert').textContent).toMatch(/Send is held/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    });
    expect(recorded.sent).toHaveLength(0);
    expect(store.getState().toast?.text).toMatch(/Not sent/);
  });

  it("fills the form from Chrome's Windows copy (cmd) without carets", () => {
    // The raw text itself keeps its carets; the notes below it must not.
    renderComposer();
    fireEvent.paste(raw());
    fireEvent.change(raw(), {
      target: {
        value:
          'curl ^"http://127.0.0.1:8765/matomo.php?idsite=1^&rec=1^&action_name=Home^" ^\n  -H ^"user-agent: Test/1^"',
      },
    });
    expect(screen.getByLabelText<HTMLInputElement>(/Page title/).value).toBe('Home');
    expect(screen.getByLabelText<HTMLInputElement>('Header user-agent').value).toBe('Test/1');
    const notes = [...document.querySelectorAll('.cmp-note')].map((note) => note.textContent);
    expect(notes.join(' ')).not.toMatch(/\^/);
  });
});

describe('ComposerView templates', () => {
  const kind = () => screen.getByRole('combobox', { name: 'Hit type' });

  it('brings back the values a template switch removed', () => {
    renderComposer();
    fireEvent.change(kind(), { target: { value: 'event' } });
    fireEvent.change(screen.getByLabelText(/Event category/), { target: { value: 'Video' } });
    fireEvent.change(screen.getByLabelText(/Event action/), { target: { value: 'Play' } });
    fireEvent.change(kind(), { target: { value: 'site_search' } });
    const note = screen.getByTestId('template-undo');
    expect(note.textContent).toMatch(/removed what you typed in Event category \(e_c\)/);
    fireEvent.click(within(note).getByRole('button', { name: 'Undo' }));
    expect((kind() as HTMLSelectElement).value).toBe('event');
    expect(screen.getByLabelText<HTMLInputElement>(/Event category/).value).toBe('Video');
    expect(screen.getByLabelText<HTMLInputElement>(/Event action/).value).toBe('Play');
    expect(screen.queryByTestId('template-undo')).toBeNull();
  });

  it('starts without a red verdict and lists the empty required fields', () => {
    renderComposer();
    fireEvent.change(kind(), { target: { value: 'event' } });
    expect(screen.getByTestId('composer-verdict').textContent).toMatch(/Fill in the required/);
    expect(document.querySelector('.cmp-validation [data-outcome="rejected"]')).toBeNull();
    expect(document.querySelector('[aria-invalid="true"]')).toBeNull();
    expect(screen.getByTestId('composer-missing').textContent).toBe(
      'Required and still empty: Event category (e_c), Event action (e_a).',
    );
    const action = screen.getByLabelText<HTMLInputElement>(/Event action/);
    expect(action.getAttribute('aria-describedby')).toBeTruthy();
    // Once something is typed, the verdict is Matomo's, and what is still missing is listed.
    fireEvent.change(screen.getByLabelText(/Event category/), { target: { value: 'Video' } });
    expect(screen.getByTestId('composer-verdict').textContent).toMatch(/reject/);
    expect(screen.getByTestId('composer-missing').textContent).toMatch(/Event action \(e_a\)\.$/);
  });
});
