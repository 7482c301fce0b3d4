// Request bodies as the raw view shows them: bulk JSON pretty-printed one entry per line
// with this hit's entry marked, other JSON pretty-printed, form bodies one field per line.
import { matomoBulkIndices } from '../../shared/matomo/bulk-answer';
import { decodeComponent } from '../../shared/matomo/query-string';

export interface BodySegment {
  text: string;
  /** True for the bulk entry of the hit being inspected. */
  highlight: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bulkSegments(
  json: Record<string, unknown>,
  items: unknown[],
  hitIndex: number | null,
): BodySegment[] {
  const indices = matomoBulkIndices(items);
  const segments: BodySegment[] = [{ text: '{\n  "requests": [\n', highlight: false }];
  items.forEach((item, position) => {
    const last = position === items.length - 1;
    const dropped = indices[position] === null ? '   ← dropped: no query part' : '';
    segments.push({
      text: `    ${JSON.stringify(item)}${last ? '' : ','}${dropped}\n`,
      highlight: hitIndex !== null && indices[position] === hitIndex,
    });
  });
  const rest = Object.entries(json).filter(([key]) => key !== 'requests');
  segments.push({ text: `  ]${rest.length ? ',' : ''}\n`, highlight: false });
  rest.forEach(([key, value], i) => {
    segments.push({
      text: `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${i < rest.length - 1 ? ',' : ''}\n`,
      highlight: false,
    });
  });
  segments.push({ text: '}', highlight: false });
  return segments;
}

function formSegments(body: string): BodySegment[] {
  return [
    {
      text: body
        .split('&')
        .map((pair) => {
          const eq = pair.indexOf('=');
          const name = eq >= 0 ? pair.slice(0, eq) : pair;
          const value = eq >= 0 ? pair.slice(eq + 1) : '';
          return `${decodeComponent(name).text} = ${decodeComponent(value).text}`;
        })
        .join('\n'),
      highlight: false,
    },
  ];
}

export function formatBody(
  body: string,
  options: { contentType?: string; bodyEncoding?: string; hitIndex?: number | null } = {},
): BodySegment[] {
  if (!body) return [];
  if (options.bodyEncoding === 'base64') {
    return [
      { text: `(binary body, ${Math.floor((body.length * 3) / 4)} bytes)`, highlight: false },
    ];
  }
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      // Matomo deletes every CR/LF of a bulk body before decoding it (docs/tracking-protocol.md#bulk-request).
      const json: unknown = JSON.parse(trimmed.replace(/[\r\n]/g, ''));
      if (isRecord(json) && Array.isArray(json.requests)) {
        return bulkSegments(json, json.requests, options.hitIndex ?? null);
      }
      return [{ text: JSON.stringify(json, null, 2), highlight: false }];
    } catch {
      return [{ text: body, highlight: false }];
    }
  }
  if (/^[^\s=&]+=/.test(trimmed) && !/\s/.test(trimmed)) return formSegments(trimmed);
  return [{ text: body, highlight: false }];
}
