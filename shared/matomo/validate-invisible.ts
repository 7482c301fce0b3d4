// docs/tracking-protocol.md#charsets: the values of a hit that hold bidirectional or invisible
// format characters, which make them display as something else.
import {
  formatControlsIn,
  formatControlsInValueSteps,
  hasFormatControl,
  type ShownControl,
} from './invisible-chars';
import { makeIssue, NO_ISSUES } from './issue-codes';
import { NAMES_PER_STEP } from './record-shapes';
import type { HitFacts } from './validate-context';
import type { Issue, ParamValue } from './types';

/**
 * The text values found free of format characters, by their place among a hit's values: the
 * hits of one tracker, and the entries of a bulk, repeat most values at the same place (the
 * very same strings when the query's pairs repeat, recent-pairs.ts), and comparing them costs
 * less than scanning them again.
 */
const cleanValues: (string | undefined)[] = [];
/** Places, and characters of a value, kept: the longer ones are scanned each time. */
const CLEAN_VALUES_KEPT = 128;
const CLEAN_VALUE_CHARS = 1024;

/**
 * docs/tracking-protocol.md#charsets: bidirectional and invisible format characters, stored as sent (core/Common.php,
 * sanitizeString, lines 401–421), make a value display as something else.
 */
export function* controlCharIssues({ params, names }: HitFacts): Generator<void, Issue[]> {
  const issues: Issue[] = [];
  // Values of megabytes, and lists and objects (read without writing them as JSON), are read
  // after the others, in slices; each finding keeps its place.
  const later: { at: number; name: string; value: ParamValue }[] = [];
  // A loop of its own rather than eachName's visitor: this check reads every value of every
  // hit, and a closure and a nested generator per hit cost more than most values' test.
  for (let place = 0; place < names.length; place++) {
    const name = names[place] as string;
    const value = params[name];
    if (readLater(value)) later.push({ at: issues.length, name, value });
    else {
      const issue = valueIssue(place, name, value);
      if (issue !== null) issues.push(issue);
    }
    if (place % NAMES_PER_STEP === NAMES_PER_STEP - 1) yield;
  }
  for (let i = later.length - 1; i >= 0; i--) {
    const { at, name, value } = later[i] as (typeof later)[number];
    const found = yield* formatControlsInValueSteps(value, FORMAT_SLICE_CHARS);
    if (found.length > 0) issues.splice(at, 0, controlCharIssue(name, found));
  }
  return issues;
}

/**
 * controlCharIssues of a hit read in one step (fewer than NAMES_PER_STEP names, no value read
 * later), without a generator and lists of its own when it finds nothing, as nearly every hit
 * of a bulk; null for the others.
 */
export function controlCharIssuesAtOnce({ params, names }: HitFacts): readonly Issue[] | null {
  if (names.length > NAMES_PER_STEP) return null;
  let issues: Issue[] | null = null;
  for (let place = 0; place < names.length; place++) {
    const name = names[place] as string;
    const value = params[name];
    if (readLater(value)) return null;
    const issue = valueIssue(place, name, value);
    if (issue !== null) (issues ??= []).push(issue);
  }
  return issues ?? NO_ISSUES;
}

/** Lists and objects, and texts of megabytes: read after the others, in slices. */
const readLater = (value: ParamValue | undefined): value is ParamValue =>
  (typeof value === 'object' && value !== null) ||
  (typeof value === 'string' && value.length > FORMAT_SLICE_CHARS);

/** The finding of one value read at once, or null. */
function valueIssue(place: number, name: string, value: ParamValue | undefined): Issue | null {
  // Numbers and booleans hold no character to show.
  if (typeof value !== 'string') return null;
  // Found free of them at this place before.
  if (place < CLEAN_VALUES_KEPT && cleanValues[place] === value) return null;
  // Almost no value holds such a character: the plain test keeps the common case cheap.
  if (hasFormatControl(value)) return controlCharIssue(name, formatControlsIn(value));
  if (place < CLEAN_VALUES_KEPT && value.length <= CLEAN_VALUE_CHARS) cleanValues[place] = value;
  return null;
}

/** Characters of one value read for invisible characters between two pauses. */
const FORMAT_SLICE_CHARS = 512 * 1024;

const controlCharIssue = (name: string, found: readonly ShownControl[]): Issue =>
  makeIssue('value.invisible_control', {
    param: name,
    message: `${name} holds ${found.map((control) => control.title).join(', ')}: it displays differently from what it holds.`,
  });
