// Wires the store to the server: the live stream (batched per frame), the first load and
// resync of stored hits, settings, and the desktop menu when there is one.
import { isMenuCommand } from '../shared/api/desktop-bridge';
import type { ApiClient } from './api/client';
import { desktopBridge } from './api/desktop';
import { exportHits } from './api/export-hits';
import { forgetHitDetails } from './api/hit-detail-cache';
import { loadStoredHits } from './api/hit-loader';
import { LiveStream, type EventSourceLike } from './api/live-stream';
import { errorMessage } from './lib/error-message';
import type { AppStore } from './store/app-store';
import { StreamBatcher } from './store/stream-batcher';

export interface ControllerOptions {
  createSource?: (url: string) => EventSourceLike;
}

export function startApp(store: AppStore, client: ApiClient, options: ControllerOptions = {}) {
  const batcher = new StreamBatcher(store);
  let syncing = false;
  let resyncAgain = false;
  let stopped = false;

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

  const bridge = desktopBridge();
  const unsubscribeMenu = bridge.onMenuCommand?.((command) => {
    if (!isMenuCommand(command)) return;
    if (command === 'clear-hits') store.getState().setClearConfirmOpen(true);
    else if (command === 'export-hits') void exportHits(client, store, 'ndjson');
    else if (command === 'toggle-log-pane') store.getState().setLogOpen(!store.getState().logOpen);
  });

  return {
    retryNow: () => stream.retryNow(),
    stop() {
      stopped = true;
      stream.stop();
      unsubscribeMenu?.();
    },
  };
}
