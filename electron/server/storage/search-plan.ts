// Which hits a filter may match, as far as their search entries (search-text.ts) tell: the
// free text of `q`, the `param.NAME=value` filters, and the terms of the query language that
// read text or parameters. Terms the entries cannot decide (negated ones, hit fields, an OR
// with such a term) narrow nothing; the real hit decides in the end either way.
// Cross-hit findings are not in the entries (they change as hits arrive): only text terms read
// them, so a hit with findings is let through by a text term its findings hold, never by the
// mere fact it has findings (that let every such hit in memory through every search).
import type { HitsWithFindings } from '../../../shared/api/hit-filter';
import type { HitFilterDto } from '../../../shared/api/types';
import type { Issue } from '../../../shared/matomo/types';
import { parseQuery, type QueryTerm } from '../../../shared/query/parse-query';
import { NUMERIC } from '../../../shared/query/value-matcher';
import type { EntryMarks, Pause, SearchText } from './search-text';

/** One term's marks, and the lower-cased texts that satisfy it when a finding holds one. */
interface Group {
  marks: EntryMarks;
  /** Found in a finding's code or message (query text terms); empty for parameters. */
  findingTexts: string[];
  /** Found in a finding's code (free text of `q`, which reads no messages). */
  codeTexts: string[];
}

/** Free text reads findings (code and message); parameter terms do not. */
const findingTextsOf = (term: QueryTerm): string[] =>
  term.kind === 'text' && !term.negate ? [term.value.toLowerCase()] : [];

async function termMarks(texts: SearchText, term: QueryTerm, pause: Pause): Promise<EntryMarks> {
  if (term.negate || term.value === '') return null;
  if (term.kind === 'text') return texts.containing(term.value.toLowerCase(), pause);
  if (term.kind !== 'param') return null;
  if (term.value.includes('*') || NUMERIC.test(term.value)) {
    return texts.parameter(term.name, pause);
  }
  return texts.parameterHolding(term.name, term.value.toLowerCase(), pause);
}

function union(groups: EntryMarks[]): EntryMarks {
  if (groups.some((marks) => marks === null)) return null;
  const [first, ...rest] = groups as Uint8Array[];
  if (!first) return null;
  for (const marks of rest) {
    for (let i = 0; i < marks.length; i++) if (marks[i] === 1) first[i] = 1;
  }
  return first;
}

/** A group whose term the entries can narrow. */
type NarrowingGroup = Group & { marks: Uint8Array };

/** Groups of the query: a term with the OR-joined terms after it. */
function orGroups(terms: QueryTerm[]): QueryTerm[][] {
  const groups: QueryTerm[][] = [];
  for (const term of terms) {
    const last = groups[groups.length - 1];
    if (term.or && last) last.push(term);
    else groups.push([term]);
  }
  return groups;
}

/** Marks that every candidate hit has an entry of (one set per term), or none. */
async function entryGroups(
  texts: SearchText,
  filter: HitFilterDto,
  pause: Pause,
): Promise<NarrowingGroup[]> {
  const groups: Group[] = [];
  if (filter.q !== undefined) {
    for (const term of filter.q.toLowerCase().split(/\s+/).filter(Boolean)) {
      // A finding holding the whole term satisfies each of its parts.
      for (const marks of await texts.containingRaw(term, pause)) {
        groups.push({ marks, findingTexts: [], codeTexts: [term] });
      }
    }
  }
  for (const [name, value] of Object.entries(filter.params ?? {})) {
    const marks = await texts.parameterEqual(name, value, pause);
    groups.push({ marks, findingTexts: [], codeTexts: [] });
  }
  if (filter.query !== undefined) {
    for (const group of orGroups(parseQuery(filter.query))) {
      const marks: EntryMarks[] = [];
      for (const term of group) marks.push(await termMarks(texts, term, pause));
      groups.push({
        marks: union(marks),
        findingTexts: group.flatMap(findingTextsOf),
        codeTexts: [],
      });
    }
  }
  return groups.filter((group): group is NarrowingGroup => group.marks !== null);
}

/**
 * Which groups each code holds a text of (of the code's terms or the query's text terms):
 * codes are few and repeat over thousands of hits, so each is read once per search, not
 * once per hit with it (that was most of the time a search took over the findings).
 */
function codeReader(groups: readonly Group[]): (code: string) => readonly boolean[] {
  const held = new Map<string, readonly boolean[]>();
  return (code) => {
    let groupsHeld = held.get(code);
    if (groupsHeld === undefined) {
      const lower = code.toLowerCase();
      groupsHeld = groups.map(({ codeTexts, findingTexts }) =>
        [...codeTexts, ...findingTexts].some((term) => lower.includes(term)),
      );
      held.set(code, groupsHeld);
    }
    return groupsHeld;
  };
}

/** Which groups the findings satisfy ('0') or not ('1'): a code holds a term, or a message. */
function groupsLeft(
  groups: readonly Group[],
  heldByCode: (code: string) => readonly boolean[],
  coded: readonly { code: string }[],
  findings: () => readonly Issue[],
): string {
  let left = '';
  let messages: string[] | undefined;
  for (let g = 0; g < groups.length; g++) {
    let held = coded.some(({ code }) => heldByCode(code)[g] === true);
    const { findingTexts } = groups[g] as Group;
    if (!held && findingTexts.length > 0) {
      messages ??= findings().map(({ message }) => message.toLowerCase());
      held = messages.some((message) => findingTexts.some((term) => message.includes(term)));
    }
    left += held ? '0' : '1';
  }
  return left;
}

/**
 * A test of hit positions that leaves out hits the filter cannot match, or null.
 * `withFindings` lists the hits with cross-hit findings (`positionOf` places them): read once,
 * they let through the hits whose findings hold a text term, the rest decided by the entries.
 * `pause` gives the event loop back between slices of the work (it reads every stored hit).
 */
export async function textCandidates(
  texts: SearchText,
  filter: HitFilterDto,
  withFindings: HitsWithFindings = () => undefined,
  positionOf: (hitId: string) => number = () => -1,
  pause: Pause = () => Promise.resolve(),
): Promise<((position: number) => boolean) | null> {
  // Hits added while the marking gives the event loop back are candidates.
  const begun = texts.marksBegun();
  const groups = await entryGroups(texts, filter, pause);
  if (groups.length === 0) return null;
  const byEntries = await texts.candidates(
    groups.map((group) => group.marks),
    begun,
    pause,
  );
  if (groups.every((g) => g.findingTexts.length + g.codeTexts.length === 0)) return byEntries;
  /** Hits some of whose terms their findings hold: the test of the terms left (by entries). */
  const helped = new Map<number, (position: number) => boolean>();
  /** Those tests by the terms they leave ('1' per such group): each is made once. */
  const tests = new Map<string, (position: number) => boolean>();
  const heldByCode = codeReader(groups);
  const none = '1'.repeat(groups.length);
  withFindings((hitId, coded, findings) => {
    if (coded.length === 0) return;
    const left = groupsLeft(groups, heldByCode, coded, findings);
    if (left === none) return;
    const position = positionOf(hitId);
    if (position < 0) return;
    let test = tests.get(left);
    if (test === undefined) {
      const marks = groups.filter((_, g) => left[g] === '1').map((g) => g.marks);
      test = texts.candidateTest(marks, begun);
      tests.set(left, test);
    }
    helped.set(position, test);
  });
  return (position) => byEntries(position) || helped.get(position)?.(position) === true;
}
