/**
 * Cache values must survive a JSON round trip unchanged. JSON.stringify alone would silently turn a Date into
 * a string, a Map into {}, NaN into null and drop functions, so values are checked before they are stored.
 */
function describe(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `the number ${value}`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'bigint':
      return 'a bigint';
    default:
      if (value === null || Array.isArray(value)) return undefined;
      {
        const proto = Object.getPrototypeOf(value);
        if (proto === Object.prototype || proto === null) return undefined;
        return `an instance of ${(value as object).constructor?.name ?? 'a class'}`;
      }
  }
}

/** The path and kind of the first value in `root` that is not plain JSON, or undefined when all of it is. */
export function findNonJson(root: unknown): { path: string; problem: string } | undefined {
  const seen = new Set<object>();
  const visit = (value: unknown, path: string): { path: string; problem: string } | undefined => {
    const problem = describe(value);
    if (problem) return { path, problem };
    if (typeof value !== 'object' || value === null) return undefined;
    if (seen.has(value)) return { path, problem: 'a circular reference' };
    seen.add(value);
    const entries: Array<[string, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [`${path}[${index}]`, item])
      : Object.entries(value).map(([key, item]) => [`${path}.${key}`, item]);
    for (const [childPath, child] of entries) {
      const found = visit(child, childPath);
      if (found) return found;
    }
    seen.delete(value);
    return undefined;
  };
  return visit(root, 'value');
}
