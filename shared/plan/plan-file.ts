// Plan files: YAML (read with the `yaml` package, YAML 1.2: `yes` stays a string, duplicate
// keys are errors, aliases are bounded) or JSON. Every problem names its line, so a plan
// that does not check points at the place to fix.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { parsePlan, PlanError, type PlanProblem, type TrackingPlan } from './plan';

function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | null {
  // A missing field has no node: point at the nearest enclosing one that exists.
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true) as { range?: [number, number] } | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

function located(problem: PlanProblem, line: number | null): PlanProblem {
  return line === null ? problem : { ...problem, place: `line ${line}: ${problem.place}` };
}

/**
 * Reads a plan from the text of a file: JSON when the name ends in `.json`, YAML otherwise
 * (JSON is valid YAML too). Throws PlanError naming each problem with its line.
 */
export function readPlanText(text: string, fileName = 'plan.yml'): TrackingPlan {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, uniqueKeys: true });
  const json = fileName.toLowerCase().endsWith('.json');
  const syntax = json ? jsonProblem(text) : null;
  if (syntax) throw new PlanError([syntax]);
  const unquoted = json ? [] : unquotedComparisons(text);
  if (unquoted.length > 0) throw new PlanError(unquoted);
  if (doc.errors.length > 0) {
    throw new PlanError(
      doc.errors.map((error) => ({
        path: [],
        place: error.linePos ? `line ${error.linePos[0].line}` : '',
        message: `not valid YAML: ${error.message.split('\n')[0] ?? error.message}`,
      })),
    );
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new PlanError([{ path: [], place: '', message: (error as Error).message }]);
  }
  try {
    return parsePlan(value);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    throw new PlanError(error.details.map((p) => located(p, lineOf(doc, lines, p.path))));
  }
}

function jsonProblem(text: string): PlanProblem | null {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return null;
  } catch (error) {
    return { path: [], place: '', message: `not valid JSON: ${(error as Error).message}` };
  }
}

/**
 * `count: >=1` without quotes is not the text ">=1" in YAML: `>` opens a folded block, so the
 * count would silently become empty (`>1`) or a syntax error. Said plainly, with the fix.
 */
function unquotedComparisons(text: string): PlanProblem[] {
  const problems: PlanProblem[] = [];
  text.split('\n').forEach((line, i) => {
    const found = /^\s*(?:-\s+)?count:\s*(>\S*)\s*(?:#.*)?$/.exec(line);
    if (found) {
      problems.push({
        path: [],
        place: `line ${i + 1}`,
        message: `count: ${found[1]} must be quoted in YAML (count: '${found[1]}'): a bare > starts a block of text.`,
      });
    }
  });
  return problems;
}
