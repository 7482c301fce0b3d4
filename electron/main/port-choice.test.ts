import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  choosePort,
  findNextFreePort,
  isAddressInUse,
  isPortFree,
  portBusyDialog,
  readPortAnswer,
  startOnChosenPort,
} from './port-choice';

const HOST = '127.0.0.1';
const servers: Server[] = [];

async function occupy(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return (server.address() as { port: number }).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** isFree backed by a set of busy ports, with a record of the questions asked. */
function deps(busy: number[], answer = { response: 0, checkboxChecked: false }) {
  return {
    host: HOST,
    isFree: vi.fn(async (_host: string, port: number) => !busy.includes(port)),
    ask: vi.fn(async () => answer),
  };
}

describe('isPortFree', () => {
  it('sees a port another program listens on as busy, and free once it stops', async () => {
    const port = await occupy();
    expect(await isPortFree(HOST, port)).toBe(false);
    await new Promise((r) => servers.pop()?.close(r));
    expect(await isPortFree(HOST, port)).toBe(true);
  });
});

describe('findNextFreePort', () => {
  it('skips busy ports after the busy one', async () => {
    const { isFree } = deps([8765, 8766, 8767]);
    expect(await findNextFreePort(HOST, 8765, isFree)).toBe(8768);
  });

  it('gives up after the given attempts and never passes 65535', async () => {
    expect(await findNextFreePort(HOST, 100, async () => false, 5)).toBeNull();
    const isFree = vi.fn(async () => false);
    expect(await findNextFreePort(HOST, 65_534, isFree)).toBeNull();
    expect(isFree).toHaveBeenCalledTimes(1);
  });
});

describe('portBusyDialog', () => {
  it('names the busy port and offers the free one with a remember checkbox', () => {
    const box = portBusyDialog(HOST, 8765, 8766);
    expect(box.message).toBe('Port 8765 is already in use');
    expect(box.detail).toContain('http://127.0.0.1:8766/matomo.php');
    expect(box.buttons).toEqual(['Use Port 8766', 'Quit']);
    expect(box.cancelId).toBe(1);
    expect(box.checkboxLabel).toBe('Always use port 8766');
  });

  it('offers only Quit when no port is free', () => {
    const box = portBusyDialog(HOST, 8765, null);
    expect(box.buttons).toEqual(['Quit']);
    expect(box.type).toBe('error');
  });
});

describe('readPortAnswer', () => {
  it('maps the buttons and the checkbox', () => {
    expect(readPortAnswer(8766, { response: 0, checkboxChecked: false })).toEqual({
      port: 8766,
      remember: false,
    });
    expect(readPortAnswer(8766, { response: 0, checkboxChecked: true })).toEqual({
      port: 8766,
      remember: true,
    });
    expect(readPortAnswer(8766, { response: 1, checkboxChecked: true })).toEqual({
      port: null,
      remember: false,
    });
    expect(readPortAnswer(null, { response: 0, checkboxChecked: false })).toEqual({
      port: null,
      remember: false,
    });
  });
});

describe('choosePort', () => {
  it('uses a free configured port without asking', async () => {
    const d = deps([]);
    expect(await choosePort(8765, d)).toEqual({ port: 8765, remember: false });
    expect(d.ask).not.toHaveBeenCalled();
  });

  it('uses port 0 (any free port) without checking', async () => {
    const d = deps([0]);
    expect(await choosePort(0, d)).toEqual({ port: 0, remember: false });
    expect(d.isFree).not.toHaveBeenCalled();
  });

  it('asks when the configured port is busy and follows the answer', async () => {
    const d = deps([8765], { response: 0, checkboxChecked: true });
    expect(await choosePort(8765, d)).toEqual({ port: 8766, remember: true });
    expect(d.ask).toHaveBeenCalledWith(portBusyDialog(HOST, 8765, 8766));
  });

  it('quits when the user says so', async () => {
    const d = deps([8765], { response: 1, checkboxChecked: false });
    expect(await choosePort(8765, d)).toEqual({ port: null, remember: false });
  });
});

describe('startOnChosenPort', () => {
  it('starts on the chosen port and saves it when asked to remember', async () => {
    const remember = vi.fn(async () => {});
    const start = vi.fn(async (port: number) => `server on ${port}`);
    const result = await startOnChosenPort(8765, {
      ...deps([8765], { response: 0, checkboxChecked: true }),
      start,
      remember,
    });
    expect(result).toBe('server on 8766');
    expect(remember).toHaveBeenCalledWith(8766);
  });

  it('returns null without starting when the user quits', async () => {
    const start = vi.fn();
    const result = await startOnChosenPort(8765, {
      ...deps([8765], { response: 1, checkboxChecked: false }),
      start,
      remember: vi.fn(),
    });
    expect(result).toBeNull();
    expect(start).not.toHaveBeenCalled();
  });

  it('asks again when the port is taken between the check and the listen', async () => {
    const d = deps([]);
    const start = vi
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }))
      .mockResolvedValueOnce('second');
    d.isFree.mockImplementation(async (_h, port) => port !== 8765 || start.mock.calls.length === 0);
    const result = await startOnChosenPort(8765, { ...d, start, remember: vi.fn() });
    expect(result).toBe('second');
    expect(start.mock.calls.map((c) => c[0])).toEqual([8765, 8766]);
    expect(d.ask).toHaveBeenCalledTimes(1);
  });

  it('passes other start errors through', async () => {
    const start = vi.fn().mockRejectedValue(new Error('disk full'));
    await expect(
      startOnChosenPort(8765, { ...deps([]), start, remember: vi.fn() }),
    ).rejects.toThrow('disk full');
  });
});

describe('isAddressInUse', () => {
  it('recognizes only EADDRINUSE', () => {
    expect(isAddressInUse(Object.assign(new Error('x'), { code: 'EADDRINUSE' }))).toBe(true);
    expect(isAddressInUse(Object.assign(new Error('x'), { code: 'EACCES' }))).toBe(false);
    expect(isAddressInUse('EADDRINUSE')).toBe(false);
  });
});
