// Settings of a running server: what the user may change (debug mode, site profiles,
// upstream Matomo, memory cap, extra tracking paths, limits) plus read-only facts. Changes
// are validated, saved to the data dir (so the desktop app keeps them across restarts) and
// announced to subscribers (the server applies them, the UI stream shows them).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsDto } from '../../shared/api/types';
import type { SettingsStore } from './contracts';
import {
  applySettingsPatch,
  SettingsError,
  validateSites,
  type EditableSettings,
} from './settings-validation';

export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsStoreOptions {
  dataDir: string;
  /** Starting values (flags or defaults). */
  initial: EditableSettings;
  /** Settings given explicitly (command-line flags): they win over the saved ones. */
  explicit: ReadonlySet<keyof EditableSettings>;
  facts: Pick<SettingsDto, 'trackerUrl' | 'version'>;
  /** Told about a saved file that could not be read or written (the server keeps going). */
  warn?: (message: string) => void;
}

export interface SettingsStoreWithFacts extends SettingsStore {
  setFacts(facts: Partial<Pick<SettingsDto, 'trackerUrl'>>): void;
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStoreWithFacts {
  const file = join(options.dataDir, SETTINGS_FILE_NAME);
  const warn = options.warn ?? (() => undefined);
  let facts = { ...options.facts };
  let editable = loadSaved(file, options.initial, warn);
  for (const key of options.explicit) {
    editable = { ...editable, [key]: options.initial[key] };
  }
  const listeners = new Set<(settings: SettingsDto) => void>();

  const snapshot = (): SettingsDto => ({
    ...structuredClone(editable),
    dataDir: options.dataDir,
    trackerUrl: facts.trackerUrl,
    version: facts.version,
  });

  return {
    get: snapshot,
    update(patch) {
      editable = applySettingsPatch(editable, patch);
      try {
        save(file, editable);
      } catch (error) {
        warn(`Settings could not be saved to ${file}: ${(error as Error).message}`);
      }
      const settings = snapshot();
      for (const listener of listeners) listener(settings);
      return settings;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setFacts(next) {
      facts = { ...facts, ...next };
    },
  };
}

function loadSaved(
  file: string,
  initial: EditableSettings,
  warn: (message: string) => void,
): EditableSettings {
  if (!existsSync(file)) return initial;
  try {
    return applySettingsPatch(initial, JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    warn(`Saved settings in ${file} were ignored: ${(error as Error).message}`);
    return initial;
  }
}

/** Written to a temporary file then renamed, so a crash never leaves half a settings file. */
function save(file: string, settings: EditableSettings): void {
  mkdirSync(join(file, '..'), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temp, file);
}

/** Reads a `--sites FILE`; throws a SettingsError naming the file and the problem. */
export function readSitesFile(path: string): EditableSettings['sites'] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(`Cannot read the sites file ${path}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SettingsError(
      `The sites file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  try {
    return validateSites(value, 'sites');
  } catch (error) {
    throw new SettingsError(`The sites file ${path} is invalid: ${(error as Error).message}`);
  }
}
