// The send history over HTTP (`/api/history`), and the one function every send of the app
// goes through: it sends with `/api/send` and then keeps the request, its answer or its
// error in the history, so composer, bulk builder and replay sends are all recorded.
import type { ApiClient } from '../api/client';
import { API_ROUTES } from '../../shared/api/routes';
import type {
  HistoryEntryDto,
  HistoryListDto,
  NewHistoryEntryDto,
  SendRequestDto,
  SendResponseDto,
} from '../../shared/api/types';
import { errorMessage } from '../lib/error-message';
import type { AppStore } from '../store/app-store';

const entryPath = (id: string) => API_ROUTES.historyEntry.replace(':id', encodeURIComponent(id));

export function listHistory(client: ApiClient): Promise<HistoryListDto> {
  return client.request('GET', API_ROUTES.history);
}

export function renameHistory(
  client: ApiClient,
  id: string,
  name: string | null,
): Promise<HistoryEntryDto> {
  return client.request('PATCH', entryPath(id), { name });
}

export function deleteHistory(client: ApiClient, id: string): Promise<unknown> {
  return client.request('DELETE', entryPath(id));
}

export interface SendOutcome {
  request: SendRequestDto;
  response: SendResponseDto | null;
  error: string | null;
  sentAt: string;
  history: HistoryEntryDto | null;
}

/** Sends through the server and records the send in the history (and in the store's copy). */
export async function sendAndRecord(
  client: ApiClient,
  store: AppStore,
  request: SendRequestDto,
  meta: Pick<NewHistoryEntryDto, 'kind' | 'origin' | 'summary'>,
): Promise<SendOutcome> {
  const sentAt = new Date().toISOString();
  let response: SendResponseDto | null = null;
  let error: string | null = null;
  try {
    response = await client.send(request);
  } catch (cause) {
    error = errorMessage(cause);
  }
  let history: HistoryEntryDto | null = null;
  try {
    const entry: NewHistoryEntryDto = { ...meta, request, response };
    if (error !== null) entry.error = error;
    history = await client.request<HistoryEntryDto>('POST', API_ROUTES.history, entry);
    store.getState().putHistoryEntry(history);
  } catch (cause) {
    store.getState().notify(`Sent, but not kept in the history: ${errorMessage(cause)}`, 'error');
  }
  return { request, response, error, sentAt, history };
}
