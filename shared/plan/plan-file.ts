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
  const syntax = fileName.toLowerCase().endsWith('.json') ? jsonProblem(text) : null;
  if (syntax) throw new PlanError([syntax]);
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
