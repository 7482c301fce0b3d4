// From the occurrences of a request to the values Matomo uses (docs/tracking-protocol.md#parameter-sources): within one source
// the last duplicate wins (PHP overwrites the key); across sources the URL query wins over the
// form body (`$_GET + $_POST` keeps the left operand's keys). Every overwrite is reported.
import { makeIssue } from './issue-codes';
import { SOURCE_WORDS } from './query-string';
import { lastShapedRecordOf, noteShape, shapedRecord } from './record-shapes';
import type { Issue, ParamOccurrence, ParamSource, ParamValue } from './types';
import { jsonTextStart } from './json-text-start';

/**
 * Sets `params[name]` as an own property even for names such as `__proto__`, which a plain
 * assignment would swallow (the parameter must still be seen, reported and shown).
 */
export function setParam<T>(params: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') {
    Object.defineProperty(params, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    params[name] = value;
  }
}

/** Effective parameter values; pushes one `param.duplicate` issue per repeated name. */
export function effectiveParams(
  occurrences: readonly ParamOccurrence[],
  issues: Issue[],
): Record<string, ParamValue> {
  let mixed = false;
  for (const occ of occurrences) {
    if (occ.source === 'body') mixed = true;
  }
  // One source and a list of names seen before as distinct: nothing to merge or report.
  const again = mixed ? null : lastShapedRecordOf<ParamValue>(occurrences);
  if (again !== null) return again;
  const names = mixed ? null : occurrences.map((occ) => occ.name);
  const shaped = names === null ? null : shapedRecord<ParamValue>(names);
  if (shaped !== null) {
    for (const occ of occurrences) shaped[occ.name] = occ.value;
    return shaped;
  }
  const params: Record<string, ParamValue> = {};
  let repeated: Set<string> | null = null;
  // PHP: `$_GET + $_POST`. Apply the body first so that query values overwrite it.
  const passes: (ParamSource | null)[] = mixed ? ['body', null] : [null];
  for (const only of passes) {
    for (const occ of occurrences) {
      if (only === null ? mixed && occ.source === 'body' : occ.source !== only) continue;
      const name = occ.name;
      if (name === '') continue; // PHP ignores parameters whose name is empty.
      // The cheap lookup first; hasOwn only when something (maybe inherited) is there.
      if (params[name] !== undefined && Object.hasOwn(params, name) && !name.endsWith('[]')) {
        repeated ??= new Set();
        repeated.add(name);
      }
      setParam(params, name, occ.value);
    }
  }
  if (repeated !== null) {
    for (const name of repeated) {
      issues.push(duplicateIssue(name, occurrences, params[name] as ParamValue));
    }
  }
  // Every name present once and not empty: the list can become a template.
  if (names !== null && Object.keys(params).length === names.length) noteShape(names);
  return params;
}

function duplicateIssue(
  name: string,
  occurrences: readonly ParamOccurrence[],
  winner: ParamValue,
): Issue {
  const sent = { query: 0, body: 0, bulk: 0 };
  for (const occ of occurrences) if (occ.name === name) sent[occ.source]++;
  const shown = showValue(winner);
  const sources = (Object.keys(sent) as ParamSource[]).filter((s) => sent[s] > 0);
  if (sources.length > 1) {
    const detail = sources.map((s) => `${sent[s]}× in ${SOURCE_WORDS[s]}`).join(' and ');
    return makeIssue('param.duplicate', {
      param: name,
      message: `${name} was sent ${detail}; Matomo uses the URL query's last value ${shown}.`,
    });
  }
  const source = sources[0] ?? 'query';
  return makeIssue('param.duplicate', {
    param: name,
    message: `${name} was sent ${sent[source]} times in ${SOURCE_WORDS[source]}; Matomo keeps the last value ${shown}.`,
  });
}

function showValue(value: ParamValue): string {
  const text = typeof value === 'string' ? value : jsonTextStart(value, 81);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}
