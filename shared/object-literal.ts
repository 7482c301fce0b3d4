// Objects made by one object literal compiled per list of names, for records made again and
// again with the same names (a bulk's parameters, the hits the live stream sends): a literal
// gets one hidden class per list and keeps its properties inside the object, where an object
// filled a name at a time may become a slower table of properties past a dozen names.

/**
 * Whether code may be compiled from text here. The UI's pages may not: their content security
 * policy leaves out 'unsafe-eval', and the engine runs there too (the composer's live
 * verdict). Node, the capture server and Electron's main process may.
 */
export const mayCompileCode =
  typeof (globalThis as { document?: unknown }).document === 'undefined';

/**
 * A function of `params` (parameter names) returning one object literal of `names`, in order,
 * the value of the n-th written by `valueAt(n, key)`, `key` being the name as a JSON text. The
 * names are written as JSON texts, which are JavaScript string literals too, so no name can
 * inject code. `__proto__` is refused: a literal would take it for the prototype.
 */
export function compileLiteral<F>(
  params: readonly string[],
  names: readonly string[],
  valueAt: (n: number, key: string) => string,
): F {
  if (names.includes('__proto__')) throw new Error('__proto__ cannot be a literal name');
  const members = names.map((name, n) => {
    const key = JSON.stringify(name);
    return `${key}: ${valueAt(n, key)}`;
  });
  return new Function(...params, `return { ${members.join(', ')} };`) as F;
}
