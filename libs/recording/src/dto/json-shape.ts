import { textProblem } from './text-hygiene';

/**
 * The shape every request body, query string and command payload is held to before class-validator
 * sees it: class-transformer drops prototype names silently (so whitelisting never sees them) and
 * trips over absurd nesting; and every string in it, key or value, is held to text-hygiene.ts
 * whatever field it is (a correction's free-form changes included). One module, used by the HTTP
 * layer and by command validation.
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

/** The problem of a string at `field` that may not be stored (text-hygiene.ts), or undefined. */
export function textFieldProblem(text: string, field: string): FieldProblem | undefined {
  const problem = textProblem(text);
  return problem === undefined ? undefined : { field, messages: [`${field || 'the text'} ${problem}`] };
}

/** The problem of an object key that may not be stored, named at the field it would make, or undefined. */
export function keyProblem(key: string, field: string): FieldProblem | undefined {
  const problem = textProblem(key);
  return problem === undefined
    ? undefined
    : { field, messages: [`the key ${JSON.stringify(key)} ${problem}`] };
}

/**
 * Problems of shape in a parsed JSON value (a body, a query string): forbidden keys, nesting
 * deeper than MAX_DEPTH and text that may not be stored, each with its dotted path.
 */
export function jsonShapeProblems(value: unknown, path = '', depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textFieldProblem(value, path);
    return problem ? [problem] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (depth > MAX_DEPTH)
    return [
      { field: path, messages: [`${path || 'the body'} is nested more than ${MAX_DEPTH} levels deep`] },
    ];
  if (Array.isArray(value))
    return value.flatMap((child, i) => jsonShapeProblems(child, `${path}[${i}]`, depth + 1));
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return [{ field, messages: [`property ${key} should not exist`] }];
    const badKey = keyProblem(key, field);
    if (badKey) return [badKey];
    return jsonShapeProblems((value as Record<string, unknown>)[key], field, depth + 1);
  });
}
