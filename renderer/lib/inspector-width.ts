// Width of the inspector beside the table, remembered in localStorage.
import { storedPref } from './stored-pref';

export const MIN_INSPECTOR_WIDTH = 320;

const inspectorWidth = storedPref<number>({
  name: 'inspectorWidth',
  version: 1,
  decode: (value) =>
    typeof value === 'number' && Number.isFinite(value) && value >= MIN_INSPECTOR_WIDTH
      ? value
      : null,
});

export const INSPECTOR_WIDTH_KEY = inspectorWidth.key;
export const DEFAULT_INSPECTOR_WIDTH = 460;

export function clampInspectorWidth(width: number, total: number): number {
  const max = Math.max(MIN_INSPECTOR_WIDTH, total - 420);
  return Math.round(Math.min(max, Math.max(MIN_INSPECTOR_WIDTH, width)));
}

/** Until the user drags it: at most 36% of the window, so a small window keeps the table's columns. */
export function defaultInspectorWidth(windowWidth: number): number {
  return Math.max(
    MIN_INSPECTOR_WIDTH,
    Math.min(DEFAULT_INSPECTOR_WIDTH, Math.round(windowWidth * 0.36)),
  );
}

export function loadInspectorWidth(windowWidth = window.innerWidth): number {
  return inspectorWidth.load() ?? defaultInspectorWidth(windowWidth);
}

export function saveInspectorWidth(width: number): void {
  inspectorWidth.save(width);
}

/** Whether the inspector is shown beside the table (a small window may hide it). */
export const INSPECTOR_OPEN_KEY = 'hitscope.inspectorOpen.v1';

export function loadInspectorOpen(): boolean {
  try {
    return globalThis.localStorage?.getItem(INSPECTOR_OPEN_KEY) !== 'false';
  } catch {
    return true;
  }
}

export function saveInspectorOpen(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(INSPECTOR_OPEN_KEY, String(open));
  } catch {
    // Not remembered when storage is unavailable.
  }
}
