import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SettingsDto } from '../../shared/api/types';
import { createSettingsStore, readSitesFile, SETTINGS_FILE_NAME } from './settings-store';
import { DEFAULT_LIMITS, SettingsError, type EditableSettings } from './settings-validation';

let dir: string;
const initial: EditableSettings = {
  debugMode: 'on-demand',
  sites: [],
  upstreamUrl: '',
  maxHits: 100,
  extraTrackingPaths: [],
  limits: DEFAULT_LIMITS,
};
const facts = { trackerUrl: 'http://127.0.0.1:1/matomo.php', version: '9.9.9' };
const open = (explicit: (keyof EditableSettings)[] = [], warnings: string[] = []) =>
  createSettingsStore({
    dataDir: dir,
    initial,
    explicit: new Set(explicit),
    facts,
    warn: (m) => warnings.push(m),
  });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hitscope-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('starts from the given values and read-only facts', () => {
    expect(open().get()).toEqual({ ...initial, dataDir: dir, ...facts });
  });

  it('validates, saves and announces updates; saved settings come back on restart', () => {
    const store = open();
    const seen: SettingsDto[] = [];
    store.subscribe((s) => seen.push(s));
    const updated = store.update({
      debugMode: 'always',
      sites: [{ idsite: 3, name: 'Shop', urls: ['https://shop.example'] } as never],
      limits: { ...DEFAULT_LIMITS, maxBulkEntries: 5 },
      extraTrackingPaths: ['/collect'],
    });
    expect(updated.sites).toEqual([
      {
        idsite: 3,
        name: 'Shop',
        urls: ['https://shop.example'],
        goals: [],
        dimensions: [],
        siteSearch: true,
        tokens: [],
      },
    ]);
    expect(seen).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, SETTINGS_FILE_NAME), 'utf8'))).toMatchObject({
      debugMode: 'always',
    });
    const again = open().get();
    expect(again.debugMode).toBe('always');
    expect(again.limits.maxBulkEntries).toBe(5);
    expect(again.extraTrackingPaths).toEqual(['/collect']);
  });

  it('lets explicit options win over saved settings', () => {
    open().update({ debugMode: 'always', maxHits: 7 });
    const store = open(['debugMode']);
    expect(store.get().debugMode).toBe('on-demand');
    expect(store.get().maxHits).toBe(7);
  });

  it.each([
    [{ debugMode: 'loud' }, /debugMode must be one of off, on-demand, always/],
    [{ maxHits: -1 }, /maxHits must be an integer from 1/],
    [{ limits: { maxBodyBytes: 'big' } }, /limits.maxBodyBytes must be an integer/],
    [{ limits: { maxSize: 1 } }, /Unknown limit "maxSize"/],
    [{ upstreamUrl: 'ftp://example.org' }, /must use http or https/],
    [{ upstreamUrl: 'not a url' }, /is not a URL/],
    [{ extraTrackingPaths: ['collect'] }, /must start with "\/"/],
    [{ extraTrackingPaths: ['/api/x'] }, /reserved/],
    [{ sites: [{ idsite: 0 }] }, /sites\[0\].idsite must be an integer from 1/],
    [{ sites: [{ idsite: 1 }, { idsite: 1 }] }, /lists idsite 1 twice/],
    [{ sites: [{ idsite: 1, urls: ['shop'] }] }, /not an http\(s\) URL/],
    [{ colour: 'red' }, /Unknown setting "colour"/],
  ])('refuses %j', (patch, message) => {
    const store = open();
    expect(() => store.update(patch as never)).toThrow(SettingsError);
    expect(() => store.update(patch as never)).toThrow(message);
    expect(store.get()).toMatchObject(initial);
  });

  it('ignores read-only facts sent back by a UI that PUTs the whole object', () => {
    const store = open();
    const settings = store.get();
    expect(store.update({ ...settings, dataDir: '/elsewhere', debugMode: 'off' }).dataDir).toBe(
      dir,
    );
  });

  it('keeps going with a corrupt saved file, says so and keeps a copy of it', () => {
    writeFileSync(join(dir, SETTINGS_FILE_NAME), '{not json');
    const warnings: string[] = [];
    const store = open([], warnings);
    expect(store.get().debugMode).toBe('on-demand');
    expect(warnings[0]).toMatch(/Saved settings in .* had invalid values, which were ignored/);
    const [backup] = readdirSync(dir).filter((name) => name.includes('.invalid-'));
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('{not json');
    expect(store.alerts()).toEqual([
      { kind: 'settings-invalid', message: warnings[0], file: join(dir, backup!) },
    ]);
  });

  it('keeps every valid saved field when one value is invalid, and names the invalid one', () => {
    const saved = {
      debugMode: 'always',
      maxHits: -5,
      upstreamUrl: 'https://matomo.example/',
      limits: { maxBodyBytes: 2048, maxBulkEntries: 'many' },
    };
    writeFileSync(join(dir, SETTINGS_FILE_NAME), JSON.stringify(saved));
    const warnings: string[] = [];
    const store = open([], warnings);
    expect(store.get()).toMatchObject({
      debugMode: 'always',
      maxHits: initial.maxHits,
      upstreamUrl: 'https://matomo.example/',
      limits: { ...DEFAULT_LIMITS, maxBodyBytes: 2048 },
    });
    expect(warnings[0]).toContain('maxHits must be an integer from 1 to 5000000, got -5.');
    expect(warnings[0]).toContain('limits.maxBulkEntries must be an integer');
    // The next save replaces the file; the copy keeps what was there.
    store.update({ debugMode: 'off' });
    const [backup] = readdirSync(dir).filter((name) => name.includes('.invalid-'));
    expect(JSON.parse(readFileSync(join(dir, backup!), 'utf8'))).toEqual(saved);
    expect(statSync(join(dir, SETTINGS_FILE_NAME)).mode & 0o777).toBe(0o600);
  });

  it('reads site profile files, as a list or as {sites: […]}', () => {
    const file = join(dir, 'sites.json');
    writeFileSync(file, JSON.stringify({ sites: [{ idsite: 2, name: 'Blog', goals: [1, 2] }] }));
    expect(readSitesFile(file)).toMatchObject([{ idsite: 2, name: 'Blog', goals: [1, 2] }]);
    writeFileSync(file, '[{"idsite":"two"}]');
    expect(() => readSitesFile(file)).toThrow(/sites file .* is invalid: sites\[0\].idsite/);
    writeFileSync(file, '[');
    expect(() => readSitesFile(file)).toThrow(/is not valid JSON/);
    expect(() => readSitesFile(join(dir, 'missing.json'))).toThrow(/Cannot read the sites file/);
  });
});
