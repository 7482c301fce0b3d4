// Mapping Matomo's bulk answer back onto the entries that were sent.
//
// Matomo numbers bulk entries after it has silently dropped the string items that carry no
// query part (`"idsite=1&rec=1"`, `""`, `"matomo.php"`): those get no index at all, so
// `invalid_indices: [1]` names the second *surviving* entry, which is not the second item of
// the `requests` array whenever an earlier item was dropped (docs/tracking-protocol.md#bulk-request, #bulk-isolation, #open-questions item 6).
// Items that are not strings (parameter objects, and even numbers or null) are kept and
// counted, the latter as empty requests. `invalid_indices` is only sent for a Super User
// token (docs/tracking-protocol.md#bulk-response); without it the invalid entries cannot be told apart. An error answer
// means one entry stopped the bulk and Matomo rolled all of it back (docs/tracking-protocol.md#bulk-isolation): every entry
// is then `aborted`, whatever it held.

import { queryOfUrl } from './bulk';

/** The index Matomo gives each item of a `requests` array, or null when it drops the item. */
export function matomoBulkIndices(items: readonly unknown[]): (number | null)[] {
  let next = 0;
  return items.map((item) => (isDroppedBulkItem(item) ? null : next++));
}

/**
 * A string item is kept only if it has a query part that is not PHP-`empty()`: the parser's
 * own reading (queryOfUrl), so the indices always match the entries it keeps.
 */
export function isDroppedBulkItem(item: unknown): boolean {
  return typeof item === 'string' && queryOfUrl(item) === null;
}

/**
 * What the answer says of one entry. `aborted`: the answer is an error, so the entry is not
 * stored (rolled back, refused, or never processed: the answer does not tell which).
 */
export type BulkEntryStatus = 'tracked' | 'invalid' | 'dropped' | 'aborted' | 'unknown';

export interface BulkEntryResult {
  /** Position in the sent `requests` array. */
  position: number;
  /** Matomo's index for it (null when dropped). */
  index: number | null;
  status: BulkEntryStatus;
}

export interface BulkAnswerMapping {
  entries: BulkEntryResult[];
  /** The answer's own numbers, when it had them. */
  tracked: number | null;
  invalid: number | null;
  /** The answer is an error: Matomo stopped the bulk and stored none of it (docs/tracking-protocol.md#bulk-isolation). */
  aborted: boolean;
  /** Why some or all entries are `unknown`, or what is odd about the answer. */
  notes: string[];
}

interface BulkAnswerJson {
  status?: unknown;
  tracked?: unknown;
  invalid?: unknown;
  invalid_indices?: unknown;
  message?: unknown;
}

/**
 * Maps a bulk answer body (the JSON text Matomo or Hitscope sent back, possibly empty for a
 * 204) onto the sent items. Never throws: an unreadable answer leaves every entry `unknown`
 * with a note saying why.
 */
export function mapBulkAnswer(items: readonly unknown[], answerBody: string): BulkAnswerMapping {
  const indices = matomoBulkIndices(items);
  const kept = indices.filter((i) => i !== null).length;
  const result = (
    status: (index: number) => BulkEntryStatus,
    notes: string[],
    t = null as number | null,
    inv = null as number | null,
    aborted = false,
  ): BulkAnswerMapping => ({
    entries: indices.map((index, position) => ({
      position,
      index,
      status: index === null ? 'dropped' : status(index),
    })),
    tracked: t,
    invalid: inv,
    aborted,
    notes,
  });

  if (answerBody.trim() === '') {
    return result(
      () => 'unknown',
      [
        'The answer has no body (send_image=0 gives 204), so it does not say which entries were tracked.',
      ],
    );
  }
  let answer: BulkAnswerJson;
  try {
    const parsed: unknown = JSON.parse(answerBody);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
    answer = parsed as BulkAnswerJson;
  } catch {
    return result(() => 'unknown', ['The answer is not the bulk JSON object Matomo sends.']);
  }
  const tracked = typeof answer.tracked === 'number' ? answer.tracked : null;
  const invalid = typeof answer.invalid === 'number' ? answer.invalid : null;
  const notes: string[] = [];
  if (answer.status === 'error') {
    return result(() => 'aborted', [abortNote(tracked, answer.message)], tracked, invalid, true);
  }
  const list = Array.isArray(answer.invalid_indices)
    ? answer.invalid_indices.filter((i): i is number => Number.isInteger(i))
    : null;
  if (list !== null) {
    const invalidSet = new Set(list);
    const outside = list.filter((i) => i < 0 || i >= kept);
    if (outside.length > 0) {
      notes.push(`invalid_indices ${outside.join(', ')} match no entry that was sent.`);
    }
    return result((i) => (invalidSet.has(i) ? 'invalid' : 'tracked'), notes, tracked, invalid);
  }
  if (invalid === 0) return result(() => 'tracked', notes, tracked, invalid);
  notes.push(
    invalid === null
      ? 'The answer does not count invalid entries.'
      : `Matomo counted ${invalid} invalid entr${invalid === 1 ? 'y' : 'ies'} but only lists which ones (invalid_indices) for a Super User token_auth.`,
  );
  return result(() => 'unknown', notes, tracked, invalid);
}

/**
 * What an error answer tells (docs/tracking-protocol.md#bulk-isolation, #bulk-response): with the default bulk_requests_use_transaction
 * = 1 nothing of the bulk is kept. `tracked` counts the entries processed without error before
 * the failure, so the failing entry is that index or a later one (later when invalid entries
 * came first: the error answer does not count them).
 */
function abortNote(tracked: number | null, message: unknown): string {
  const where =
    tracked === null
      ? ''
      : ` It counted ${tracked} entr${tracked === 1 ? 'y' : 'ies'} processed before the failure, so the entry that failed is #${tracked} or a later one.`;
  const said = typeof message === 'string' ? ` Its message: ${message}` : '';
  return `Matomo stopped the bulk with an error and rolled it back: none of these entries is stored.${where}${said}`;
}
