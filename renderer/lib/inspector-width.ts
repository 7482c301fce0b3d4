// Width of the inspector beside the table, remembered in localStorage.
export const INSPECTOR_WIDTH_KEY = 'hitscope.inspectorWidth.v1';
export const MIN_INSPECTOR_WIDTH = 320;
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
  const fallback = defaultInspectorWidth(windowWidth);
  try {
    const value = Number(localStorage.getItem(INSPECTOR_WIDTH_KEY));
    return Number.isFinite(value) && value >= MIN_INSPECTOR_WIDTH ? value : fallback;
  } catch {
    return fallback;
  }
}

export function saveInspectorWidth(width: number): void {
  try {
    localStorage.setItem(INSPECTOR_WIDTH_KEY, String(width));
  } catch {
    // Not remembered when storage is unavailable.
  }
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
