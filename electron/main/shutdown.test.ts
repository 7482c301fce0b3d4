import type { App } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installShutdown } from './shutdown';
import { FakeEmitter, fakeEvent } from './testing/fake-electron';

function fakeApp() {
  return Object.assign(new FakeEmitter(), { exit: vi.fn(), quit: vi.fn() });
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

// installShutdown adds process signal listeners: remove only the ones the tests added.
const before = {
  SIGINT: new Set(process.listeners('SIGINT')),
  SIGTERM: new Set(process.listeners('SIGTERM')),
};
afterEach(() => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    for (const listener of process.listeners(signal))
      if (!before[signal].has(listener)) process.removeListener(signal, listener);
});

describe('installShutdown', () => {
  it('holds the quit until the server has closed, then exits', async () => {
    const app = fakeApp();
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    installShutdown(app as unknown as App, { close });

    const event = fakeEvent();
    app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    await flush();
    expect(app.exit).not.toHaveBeenCalled();

    closing.resolve();
    await flush();
    expect(app.exit).toHaveBeenCalledWith(0);
  });

  it('closes once even when quit is asked again while closing', async () => {
    const app = fakeApp();
    const closing = deferred();
    const close = vi.fn(() => closing.promise);
    installShutdown(app as unknown as App, { close });
    app.emit('before-quit', fakeEvent());
    const again = fakeEvent();
    app.emit('before-quit', again);
    expect(again.defaultPrevented).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    closing.resolve();
    await flush();
    expect(app.exit).toHaveBeenCalledTimes(1);
  });

  it('lets the quit through once closed', async () => {
    const app = fakeApp();
    installShutdown(app as unknown as App, { close: async () => {} });
    app.emit('before-quit', fakeEvent());
    await flush();
    const later = fakeEvent();
    app.emit('before-quit', later);
    expect(later.defaultPrevented).toBe(false);
  });

  it('reports a failed close and exits with code 1', async () => {
    const app = fakeApp();
    const onError = vi.fn();
    installShutdown(app as unknown as App, {
      close: async () => {
        throw new Error('flush failed');
      },
      onError,
    });
    app.emit('before-quit', fakeEvent());
    await flush();
    expect(onError).toHaveBeenCalledWith(new Error('flush failed'));
    expect(app.exit).toHaveBeenCalledWith(1);
  });

  it('quits when the last window closes and on SIGTERM', () => {
    const app = fakeApp();
    installShutdown(app as unknown as App, { close: async () => {} });
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(1);
    process.emit('SIGTERM');
    expect(app.quit).toHaveBeenCalledTimes(2);
  });
});
