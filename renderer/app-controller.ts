// Wires the store to the server: the live stream (batched per frame), the first load and
// resync of stored hits, settings, and the desktop menu when there is one.
import { isMenuCommand } from '../shared/api/desktop-bridge';
import type { ApiClient } from './api/client';
import { desktopBridge } from './api/desktop';
import { exportHits } from './api/export-hits';
import { forgetHitDetails } from './api/hit-detail-cache';
import { loadStoredHits } from './api/hit-loader';
import { startHitWindow } from './api/hit-window';
import { importHits } from './api/import-hits';
import { LiveStream, type EventSourceLike } from './api/live-stream';
import { refreshVisitsOfRows } from './api/visit-refresh';
import { errorMessage } from './lib/error-message';
import { toFailedRow } from './lib/failed-row';
import type { AppStore } from './store/app-store';
import { StreamBatcher } from './store/stream-batcher';

/** Failed requests loaded with the stored hits (newest first; the stream adds later ones). */
export const FAILED_LOAD_LIMIT = 1_000;

export interface ControllerOptions {
  createSource?: (url: string) => EventSourceLike;
}

export function startApp(store: AppStore, client: ApiClient, options: ControllerOptions = {}) {
  const batcher = new StreamBatcher(store);
  let syncing = false;
  let resyncAgain = false;
  let stopped = false;

  // Failed requests have no hit, so /api/hits does not bring them back after a reload.
  const loadFailed = async () => {
    try {
      const page = await client.failedRequests(FAILED_LOAD_LIMIT);
      store.getState().loadFailed(page.requests.map(toFailedRow));
    } catch (error) {
      store
        .getState()
        .notify(`Could not load the failed requests: ${errorMessage(error)}`, 'error');
    }
  };

  const resync = async () => {
    if (syncing) {
      resyncAgain = true;
      return;
    }
    syncing = true;
    try {
      do {
        resyncAgain = false;
        store.getState().setSummary(await client.summary());
        await loadStoredHits(client, store, { shouldStop: () => stopped });
        await loadFailed();
      } while (resyncAgain && !stopped);
      store.getState().setLoaded(true);
    } catch (error) {
      store.getState().notify(`Could not load the captured hits: ${errorMessage(error)}`, 'error');
    } finally {
      syncing = false;
    }
  };

  const stream = new LiveStream({
    onEvent: (event) => {
      if (event.type === 'reset') forgetHitDetails();
      batcher.push(event);
      if (event.type === 'visits') {
        // Hits streamed before the event are rows first, then every row is read again.
        batcher.flush();
        forgetHitDetails();
        store.getState().visitsReformed();
        refreshVisitsOfRows(client, store, { shouldStop: () => stopped }).catch((error) => {
          store.getState().notify(`Could not read the new visits: ${errorMessage(error)}`, 'error');
        });
      }
    },
    onState: (state) => {
      store.getState().setConnection(state);
      if (state.status === 'open') void resync();
    },
    ...(options.createSource ? { createSource: options.createSource } : {}),
  });

  client
    .settings()
    .then((settings) => store.getState().setSettings(settings))
    .catch((error) => {
      store.getState().notify(`Could not load the settings: ${errorMessage(error)}`, 'error');
    });

  stream.start();
  const stopWindow = startHitWindow(client, store);

  const bridge = desktopBridge();
  const unsubscribeMenu = bridge.onMenuCommand?.((command) => {
    if (!isMenuCommand(command)) return;
    if (command === 'clear-hits') store.getState().setClearConfirmOpen(true);
    else if (command === 'export-hits') void exportHits(client, store, 'ndjson');
    else if (command === 'import-hits') void importHits(client, store);
    else if (command === 'toggle-log-pane') store.getState().setLogOpen(!store.getState().logOpen);
  });

  return {
    retryNow: () => stream.retryNow(),
    stop() {
      stopped = true;
      stream.stop();
      stopWindow();
      unsubscribeMenu?.();
    },
  };
}
