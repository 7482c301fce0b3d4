// Quitting waits for the capture server: it stops accepting, finishes the requests in
// flight and flushes the hit file, so every hit a tracker saw acknowledged is on disk.
// `before-quit` is held (preventDefault) until close() settles, then app.exit() ends the
// process without firing before-quit again.
import type { App } from 'electron';

export interface ShutdownOptions {
  /** Stops the server and flushes storage. */
  close(): Promise<void>;
  /** Reports a failed close (the app still exits, with code 1). */
  onError?(error: unknown): void;
}

export function installShutdown(app: App, options: ShutdownOptions): void {
  let state: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'stopped') return;
    event.preventDefault();
    if (state === 'stopping') return;
    state = 'stopping';
    void options.close().then(
      () => {
        state = 'stopped';
        app.exit(0);
      },
      (error: unknown) => {
        state = 'stopped';
        options.onError?.(error);
        app.exit(1);
      },
    );
  });
  // Closing the last window quits on every platform: the capture server belongs to the
  // window, and a server nobody sees would keep swallowing hits.
  app.on('window-all-closed', () => app.quit());
  // Ctrl+C in the terminal that ran `npm start`, or a service manager's stop: same path.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}
