// Checks what the renderer sends through the desktop bridge before main acts on it.
// The sender is already known to be the app's own top frame (see bridge-handlers.ts), but
// that frame renders captured, hostile values: treat its arguments as untrusted input.
// A file name is reduced to a plain name (no folders, no "..") so it can only seed the
// save dialog, never choose where to write; sizes are capped so a request cannot exhaust
// memory; filters are checked field by field.
import type { FileFilter, OpenFileRequest, SaveFileRequest } from '../../shared/api/desktop-bridge';

/** Largest text the bridge writes or reads (an export of many hits stays well below). */
export const MAX_BRIDGE_FILE_BYTES = 256 * 1024 * 1024;
const MAX_NAME_LENGTH = 200;
const MAX_FILTERS = 20;
const MAX_EXTENSIONS = 20;
/** Characters Windows forbids in file names. */
const RESERVED = '<>:"|?*';
const EXTENSION = /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,31})$/;

export class BridgeInputError extends Error {
  override name = 'BridgeInputError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A safe file name for the save dialog: the last path segment, without control characters
 * or characters Windows forbids, never empty or a dot name.
 */
export function safeFileName(name: string, fallback = 'hitscope-export.txt'): string {
  const lastSegment = name.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(lastSegment, (char) =>
    char.charCodeAt(0) < 0x20 || char === '\u007f' || RESERVED.includes(char) ? '_' : char,
  )
    .join('')
    .trim()
    .slice(0, MAX_NAME_LENGTH);
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallback;
  return cleaned;
}

export function parseFilters(value: unknown): FileFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new BridgeInputError('filters must be an array');
  if (value.length > MAX_FILTERS) throw new BridgeInputError(`at most ${MAX_FILTERS} filters`);
  return value.map((filter, i) => {
    if (!isRecord(filter) || typeof filter.name !== 'string' || !Array.isArray(filter.extensions))
      throw new BridgeInputError(`filters[${i}] must be {name, extensions}`);
    if (filter.extensions.length === 0 || filter.extensions.length > MAX_EXTENSIONS)
      throw new BridgeInputError(`filters[${i}].extensions must hold 1 to ${MAX_EXTENSIONS} items`);
    const extensions = filter.extensions.map((ext, j) => {
      if (typeof ext !== 'string' || !EXTENSION.test(ext))
        throw new BridgeInputError(`filters[${i}].extensions[${j}] is not a file extension`);
      return ext;
    });
    return { name: filter.name.slice(0, 100), extensions };
  });
}

export function parseSaveFileRequest(
  value: unknown,
  maxBytes = MAX_BRIDGE_FILE_BYTES,
): Required<SaveFileRequest> {
  if (!isRecord(value)) throw new BridgeInputError('saveFile expects {suggestedName, content}');
  if (typeof value.suggestedName !== 'string')
    throw new BridgeInputError('suggestedName must be a string');
  if (typeof value.content !== 'string') throw new BridgeInputError('content must be a string');
  const bytes = Buffer.byteLength(value.content, 'utf8');
  if (bytes > maxBytes)
    throw new BridgeInputError(
      `content is ${bytes} bytes (${formatMiB(bytes)}); the desktop app saves at most ${formatMiB(maxBytes)}`,
    );
  return {
    suggestedName: safeFileName(value.suggestedName),
    content: value.content,
    filters: parseFilters(value.filters),
  };
}

export function parseOpenFileRequest(value: unknown): Required<OpenFileRequest> {
  if (value === undefined) return { filters: [] };
  if (!isRecord(value)) throw new BridgeInputError('openFile expects {filters}');
  return { filters: parseFilters(value.filters) };
}

export function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
