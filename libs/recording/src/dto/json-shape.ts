/**
 * The shape every request body, query string and command payload is held to before class-validator
 * sees it: class-transformer drops prototype names silently (so whitelisting never sees them) and
 * trips over absurd nesting. One module, used by the HTTP layer and by command validation.
 */

/** One bad field: its full path (`attendees[1].capacity`; `''` is the payload itself) and what is wrong with it. */
export interface FieldProblem {
  field: string;
  messages: string[];
}

/**
 * Keys that would reach an object's prototype or shadow one of its members (`__proto__`,
 * `constructor`, `hasOwnProperty`, `toString`, …): never a field of ours.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** Deeper than any of our DTOs nests, and shallow enough that no walk of it can exhaust the stack. */
export const MAX_DEPTH = 32;

/**
 * Problems of shape in a parsed JSON value (a body, a query string): forbidden keys and nesting
 * deeper than MAX_DEPTH, each with its dotted path.
 */
export function jsonShapeProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (value === null || typeof value !== 'object') return [];
  if (depth > MAX_DEPTH)
    return [
      { field: path, messages: [`${path || 'the body'} is nested more than ${MAX_DEPTH} levels deep`] },
    ];
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]);
  return entries.flatMap(([key, child]) => {
    const field = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
    if (!key.startsWith('[') && FORBIDDEN_KEYS.has(key))
      return [{ field, messages: [`property ${key} should not exist`] }];
    return jsonShapeProblems(child, field, depth + 1);
  });
}
