// PHP's json_decode refuses documents nested deeper than 512 levels (its default depth) and
// returns null, exactly as for a syntax error. Matomo decodes bulk bodies and JSON parameters
// that way, so deeper documents are "invalid JSON" for it — and refusing them here also keeps
// hostile input from exhausting the call stack of anything that walks the value recursively.

/** json_decode's default depth. */
export const PHP_JSON_DEPTH = 512;

/** True when arrays/objects nest more than `limit` levels (the outermost one is level 1). */
export function exceedsJsonDepth(root: unknown, limit: number = PHP_JSON_DEPTH): boolean {
  if (root === null || typeof root !== 'object') return false;
  // Iterative on purpose: the value may be nested far deeper than the call stack allows.
  const stack: [object, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [object, number];
    if (depth > limit) return true;
    const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}
