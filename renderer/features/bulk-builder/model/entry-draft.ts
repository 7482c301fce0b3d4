// A bulk entry opened in the composer for editing: its parameters, whatever its form
// (`?query`, full URL, or JSON object with non-string values).
import { templateForParams } from '../../../../shared/matomo/templates';
import { draftFromPairs, type ComposerDraft } from '../../../requests/draft';
import type { ParamPair } from '../../../requests/query-codec';
import { parseRawInput } from '../../../requests/raw-input';
import { bulkItem } from '../../../requests/bulk-body';

function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function entryPairs(text: string): ParamPair[] {
  const item = bulkItem(text);
  if (typeof item === 'object' && item !== null) {
    return Object.entries(item).map(([name, value]) => ({ name, value: valueText(value) }));
  }
  return parseRawInput(String(item)).pairs;
}

export function draftFromBulkEntry(text: string): ComposerDraft {
  const pairs = entryPairs(text);
  const params = Object.fromEntries(pairs.map((p) => [p.name, p.value]));
  return draftFromPairs(pairs, { template: templateForParams(params) });
}
