import { DEFAULT_LIMITS } from '../../shared/api/settings-rules';
import type { SettingsDto } from '../../shared/api/types';

/** Settings as the server sends them, with no site profile; `overrides` replace fields. */
export function makeSettings(overrides: Partial<SettingsDto> = {}): SettingsDto {
  return {
    debugMode: 'off',
    sites: [],
    upstreamUrl: '',
    maxHits: 100_000,
    extraTrackingPaths: [],
    limits: DEFAULT_LIMITS,
    dataDir: '/home/ada/.hitscope',
    trackerUrl: 'http://127.0.0.1:8765/matomo.php',
    version: '0.1.0',
    ...overrides,
  };
}

/** The text of the elements an element's aria-describedby points at, joined by " | ". */
export function describedBy(element: Element): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `(missing ${id})`)
    .join(' | ');
}
