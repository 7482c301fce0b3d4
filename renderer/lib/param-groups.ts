// The inspector's parameter list: decoded parameters grouped as in the catalogue (in
// catalogue order), each with the issues that name it; unknown parameters last, each with
// the parameter it most likely meant.
import {
  PARAM_GROUPS,
  findParamSpec,
  suggestParam,
  type ParamSpec,
} from '../../shared/matomo/params';
import type { DecodedParam, Issue } from '../../shared/matomo/types';
import { issuesByParam } from './issues';

export interface ParamEntry {
  name: string;
  decoded: DecodedParam;
  spec: ParamSpec | undefined;
  issues: Issue[];
  /** For unknown parameters: the known name it most likely meant. */
  suggestion: string | null;
}

export interface ParamGroupView {
  group: string;
  entries: ParamEntry[];
}

export const UNKNOWN_GROUP = 'Unknown parameters';

export function groupParams(
  decoded: Record<string, DecodedParam>,
  issues: readonly Issue[],
): ParamGroupView[] {
  const byGroup = new Map<string, ParamEntry[]>();
  const issuesOf = issuesByParam(issues);
  for (const name of Object.keys(decoded)) {
    const spec = findParamSpec(name);
    const group = spec ? spec.group : UNKNOWN_GROUP;
    const entry: ParamEntry = {
      name,
      decoded: decoded[name] as DecodedParam,
      spec,
      issues: issuesOf.get(name) ?? [],
      suggestion: spec ? null : suggestParam(name),
    };
    byGroup.set(group, [...(byGroup.get(group) ?? []), entry]);
  }
  const order: string[] = [...PARAM_GROUPS, UNKNOWN_GROUP];
  return order
    .filter((group) => byGroup.has(group))
    .map((group) => ({ group, entries: byGroup.get(group) ?? [] }));
}
