// Settings of the desktop shell itself (the capture port), kept in desktop-settings.json in
// the app's user-data folder. Everything the UI edits (site profiles, limits, debug mode)
// is the server's own settings file in the data folder. A damaged file never stops the app:
// it starts on the defaults and says why.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PORT } from '../../shared/api/routes';

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json';

export interface DesktopSettings {
  /** Capture port; 0 lets the system pick a free one. */
  port: number;
}

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { port: DEFAULT_PORT };

export interface LoadedSettings {
  settings: DesktopSettings;
  /** Why (part of) the file was ignored, for the log and a notice. */
  warnings: string[];
}

/** A TCP port number 0–65535 from a number or a decimal string, else null. */
export function parsePort(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port <= 65_535 ? port : null;
}

export async function loadDesktopSettings(
  userDataDir: string,
  env: Record<string, string | undefined> = {},
): Promise<LoadedSettings> {
  const warnings: string[] = [];
  const settings = { ...DEFAULT_DESKTOP_SETTINGS };
  const file = join(userDataDir, DESKTOP_SETTINGS_FILE);
  let raw: string | null = null;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      warnings.push(`Could not read ${file}: ${(error as Error).message}`);
  }
  if (raw !== null) {
    try {
      const parsed: unknown = JSON.parse(raw);
      const value =
        typeof parsed === 'object' && parsed !== null ? (parsed as { port?: unknown }).port : null;
      const port = parsePort(value);
      if (port !== null) settings.port = port;
      else if (value !== undefined)
        warnings.push(`${file}: "port" must be a number from 0 to 65535; using ${settings.port}`);
    } catch (error) {
      warnings.push(`${file} is not valid JSON (${(error as Error).message}); using defaults`);
    }
  }
  // HITSCOPE_PORT overrides the file for one run (scripts, tests) without changing it.
  if (env.HITSCOPE_PORT !== undefined) {
    const port = parsePort(env.HITSCOPE_PORT);
    if (port === null) warnings.push('HITSCOPE_PORT must be a number from 0 to 65535; ignored');
    else settings.port = port;
  }
  return { settings, warnings };
}

/** Writes the settings atomically (temporary file, then rename). */
export async function saveDesktopSettings(
  userDataDir: string,
  settings: DesktopSettings,
): Promise<void> {
  await mkdir(userDataDir, { recursive: true });
  const file = join(userDataDir, DESKTOP_SETTINGS_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  await rename(temporary, file);
}
