import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as electron from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { DESKTOP_INVOKE_CHANNELS } from '../../shared/api/desktop-bridge';
import { registerBridgeHandlers, removeBridgeHandlers } from './bridge-handlers';
import { asFake } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).createFakeElectron());

const fake = asFake(electron);
const APP = 'http://127.0.0.1:8765';
const INFO = { version: '1.2.3', dataDir: '/data/dir', trackerUrl: `${APP}/matomo.php` };

interface FrameSpec {
  origin?: string;
  url?: string;
  parent?: object | null;
  gone?: boolean;
  throws?: boolean;
}

function eventFrom(spec: FrameSpec) {
  if (spec.gone) return { senderFrame: null };
  const frame = {
    origin: spec.origin ?? APP,
    url: spec.url ?? `${APP}/`,
    parent: spec.parent ?? null,
  };
  if (spec.throws)
    return {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
  return { senderFrame: frame };
}

function invoke(name: keyof typeof DESKTOP_INVOKE_CHANNELS, arg?: unknown, spec: FrameSpec = {}) {
  const handler = fake.ipcMain.handlers.get(DESKTOP_INVOKE_CHANNELS[name]);
  if (!handler) throw new Error(`no handler for ${name}`);
  return handler(eventFrom(spec), arg) as Promise<unknown>;
}

let dir: string;
let origin: string | null;
const refused: string[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hitscope-bridge-'));
  origin = APP;
  refused.length = 0;
  vi.clearAllMocks();
  removeBridgeHandlers();
  registerBridgeHandlers({
    appOrigin: () => origin,
    window: () => null,
    appInfo: () => INFO,
    onRefused: (_channel, reason) => refused.push(reason),
  });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('registerBridgeHandlers', () => {
  it('registers one handler per invoke channel of the contract', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(
      Object.values(DESKTOP_INVOKE_CHANNELS).sort(),
    );
  });
});

describe('sender checks', () => {
  const untrusted: [string, FrameSpec][] = [
    ['another origin', { origin: 'https://evil.test', url: 'https://evil.test/' }],
    ['a look-alike origin', { origin: 'http://127.0.0.1:87650', url: 'http://127.0.0.1:87650/' }],
    ['an opaque origin', { origin: 'null', url: 'data:text/html,x' }],
    ['a subframe of the app', { parent: {} }],
    ['a frame that is gone', { gone: true }],
    ['a destroyed frame', { throws: true }],
  ];

  for (const [label, spec] of untrusted) {
    it(`refuses ${label} on every channel without acting`, async () => {
      for (const name of Object.keys(
        DESKTOP_INVOKE_CHANNELS,
      ) as (keyof typeof DESKTOP_INVOKE_CHANNELS)[]) {
        await expect(
          invoke(name, { suggestedName: 'a.txt', content: 'x' }, spec),
          `${name} from ${label}`,
        ).rejects.toThrow(/refused/);
      }
      expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
      expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled();
      expect(fake.shell.showItemInFolder).not.toHaveBeenCalled();
      expect(refused).toHaveLength(4);
    });
  }

  it('refuses every call before the app origin is known', async () => {
    origin = null;
    await expect(invoke('appInfo')).rejects.toThrow(/not ready/);
  });

  it('serves the app top frame', async () => {
    await expect(invoke('appInfo')).resolves.toEqual(INFO);
    expect(refused).toEqual([]);
  });
});

describe('saveFile', () => {
  it('writes the content where the user chose and returns the file name', async () => {
    const target = join(dir, 'chosen.ndjson');
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: false, filePath: target });
    const result = await invoke('saveFile', {
      suggestedName: '../../etc/hits.ndjson',
      content: '{"id":"1"}\n',
      filters: [{ name: 'NDJSON', extensions: ['ndjson'] }],
    });
    expect(result).toEqual({ name: 'chosen.ndjson' });
    expect(await readFile(target, 'utf8')).toBe('{"id":"1"}\n');
    const options = fake.dialog.showSaveDialog.mock.calls[0]?.[0];
    // The suggested name only seeds the dialog, reduced to a plain name in the downloads folder.
    expect(options.defaultPath).toBe(join('/fake/downloads', 'hits.ndjson'));
    expect(options.filters).toEqual([{ name: 'NDJSON', extensions: ['ndjson'] }]);
  });

  it('returns null and writes nothing when the user cancels', async () => {
    fake.dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    await expect(invoke('saveFile', { suggestedName: 'a.csv', content: 'x' })).resolves.toBeNull();
  });

  it('rejects malformed requests before showing a dialog', async () => {
    await expect(invoke('saveFile', { suggestedName: 'a', content: 42 })).rejects.toThrow(
      /content must be a string/,
    );
    await expect(invoke('saveFile', 'nope')).rejects.toThrow(/expects/);
    await expect(
      invoke('saveFile', {
        suggestedName: 'a',
        content: '',
        filters: [{ name: 'x', extensions: ['../x'] }],
      }),
    ).rejects.toThrow(/not a file extension/);
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('openFile', () => {
  it('reads the file the user picked', async () => {
    const source = join(dir, 'hits.har');
    await writeFile(source, '{"log":{}}', 'utf8');
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: [source] });
    await expect(
      invoke('openFile', { filters: [{ name: 'HAR', extensions: ['har'] }] }),
    ).resolves.toEqual({
      name: 'hits.har',
      content: '{"log":{}}',
    });
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[0].properties).toEqual(['openFile']);
  });

  it('returns null when the user cancels', async () => {
    fake.dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    await expect(invoke('openFile', {})).resolves.toBeNull();
  });

  it('says clearly when the picked file cannot be read', async () => {
    fake.dialog.showOpenDialog.mockResolvedValue({
      canceled: false,
      filePaths: [join(dir, 'missing')],
    });
    await expect(invoke('openFile', {})).rejects.toThrow(/ENOENT/);
  });
});

describe('revealDataFolder and appInfo', () => {
  it('reveals the fixed data folder whatever the renderer passes', async () => {
    await invoke('revealDataFolder', '/somewhere/else');
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith('/data/dir');
  });

  it('answers the app info', async () => {
    await expect(invoke('appInfo')).resolves.toEqual(INFO);
  });
});
