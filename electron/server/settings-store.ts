// Settings of a running server: what the user may change (debug mode, site profiles,
// upstream Matomo, memory cap, extra tracking paths, limits) plus read-only facts. Changes
// are validated, saved to the data dir (so the desktop app keeps them across restarts) and
// announced to subscribers (the server applies them, the UI stream shows them). A saved file
// with an invalid value keeps every valid field; the invalid ones are reported (log and UI
// banner) and the file is copied aside before the next save replaces it.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataAlertDto, SettingsDto } from '../../shared/api/types';
import type { SettingsStore } from './contracts';
import { ensurePrivateDir, FILE_MODE } from './storage/data-dir';
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
  /** What was wrong with the saved file at start (shown until the server restarts). */
  alerts(): DataAlertDto[];
}

export function createSettingsStore(options: SettingsStoreOptions): SettingsStoreWithFacts {
  const file = join(options.dataDir, SETTINGS_FILE_NAME);
  const warn = options.warn ?? (() => undefined);
  let facts = { ...options.facts };
  const saved = loadSaved(file, options.initial);
  let editable = saved.settings;
  if (saved.alert) warn(saved.alert.message);
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
    alerts: () => (saved.alert ? [saved.alert] : []),
  };
}

/** A copy of the saved file as it was, named with the time, before anything overwrites it. */
function backUp(file: string): string {
  const backup = `${file}.invalid-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  copyFileSync(file, backup);
  return backup;
}

/** Applies each saved field on its own (each limit too), so one bad value costs only itself. */
function applyEachField(
  initial: EditableSettings,
  saved: Record<string, unknown>,
): { settings: EditableSettings; problems: string[] } {
  let settings = initial;
  const problems: string[] = [];
  const apply = (patch: Record<string, unknown>) => {
    try {
      settings = applySettingsPatch(settings, patch);
    } catch (error) {
      problems.push((error as Error).message);
    }
  };
  for (const [key, value] of Object.entries(saved)) {
    if (key === 'limits' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [limit, number] of Object.entries(value)) apply({ limits: { [limit]: number } });
    } else {
      apply({ [key]: value });
    }
  }
  return { settings, problems };
}

function loadSaved(
  file: string,
  initial: EditableSettings,
): { settings: EditableSettings; alert?: DataAlertDto } {
  if (!existsSync(file)) return { settings: initial };
  let parsed: unknown;
  let problems: string[];
  let settings = initial;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('it is not a JSON object');
    }
    ({ settings, problems } = applyEachField(initial, parsed as Record<string, unknown>));
  } catch (error) {
    problems = [`the file could not be read: ${(error as Error).message}`];
  }
  if (problems.length === 0) return { settings };
  let kept: string;
  let backup: string | undefined;
  try {
    backup = backUp(file);
    kept = `a copy of the file is kept in ${backup}`;
  } catch (error) {
    kept = `no copy could be made (${(error as Error).message})`;
  }
  return {
    settings,
    alert: {
      kind: 'settings-invalid',
      message:
        `Saved settings in ${file} had invalid values, which were ignored (the other settings ` +
        `apply): ${problems.join(' ')} ${kept.charAt(0).toUpperCase()}${kept.slice(1)}.`,
      ...(backup ? { file: backup } : {}),
    },
  };
}

/** Written to a temporary file then renamed, so a crash never leaves half a settings file. */
function save(file: string, settings: EditableSettings): void {
  ensurePrivateDir(join(file, '..'));
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: FILE_MODE });
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
