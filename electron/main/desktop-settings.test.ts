import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DESKTOP_SETTINGS_FILE,
  loadDesktopSettings,
  parsePort,
  saveDesktopSettings,
} from './desktop-settings';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hitscope-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (text: string) => writeFile(join(dir, DESKTOP_SETTINGS_FILE), text, 'utf8');

describe('parsePort', () => {
  it('accepts 0–65535 as numbers or decimal strings', () => {
    expect(parsePort(8765)).toBe(8765);
    expect(parsePort(' 9000 ')).toBe(9000);
    expect(parsePort(0)).toBe(0);
    expect(parsePort(65_535)).toBe(65_535);
  });

  it('refuses everything else', () => {
    for (const value of [65_536, -1, 80.5, '0x50', '', 'abc', null, undefined, '123456']) {
      expect(parsePort(value), String(value)).toBeNull();
    }
  });
});

describe('loadDesktopSettings', () => {
  it('uses port 8765 when there is no file', async () => {
    expect(await loadDesktopSettings(dir)).toEqual({ settings: { port: 8765 }, warnings: [] });
  });

  it('reads the saved port', async () => {
    await write('{"port": 9100}');
    expect((await loadDesktopSettings(dir)).settings.port).toBe(9100);
  });

  it('keeps going on a damaged file and says why', async () => {
    await write('{"port": ');
    const loaded = await loadDesktopSettings(dir);
    expect(loaded.settings.port).toBe(8765);
    expect(loaded.warnings[0]).toMatch(/not valid JSON/);
  });

  it('ignores an invalid port with a warning', async () => {
    await write('{"port": 70000}');
    const loaded = await loadDesktopSettings(dir);
    expect(loaded.settings.port).toBe(8765);
    expect(loaded.warnings[0]).toMatch(/"port" must be a number from 0 to 65535/);
  });

  it('lets HITSCOPE_PORT override the file for one run', async () => {
    await write('{"port": 9100}');
    expect((await loadDesktopSettings(dir, { HITSCOPE_PORT: '0' })).settings.port).toBe(0);
    const bad = await loadDesktopSettings(dir, { HITSCOPE_PORT: 'eighty' });
    expect(bad.settings.port).toBe(9100);
    expect(bad.warnings[0]).toMatch(/HITSCOPE_PORT/);
  });
});

describe('saveDesktopSettings', () => {
  it('writes a file that loads back, leaving no temporary file', async () => {
    const nested = join(dir, 'new', 'folder');
    await saveDesktopSettings(nested, { port: 9200 });
    expect((await loadDesktopSettings(nested)).settings.port).toBe(9200);
    expect(await readdir(nested)).toEqual([DESKTOP_SETTINGS_FILE]);
    expect(JSON.parse(await readFile(join(nested, DESKTOP_SETTINGS_FILE), 'utf8'))).toEqual({
      port: 9200,
    });
  });
});
