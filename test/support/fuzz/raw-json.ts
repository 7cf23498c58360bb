import fc from 'fast-check';

/*
 * JSON with parts written raw (deep nesting, huge strings, keys JSON.stringify cannot place).
 */

/** JSON text kept as is; `label` is what fast-check prints, so a counterexample stays readable. */
export class Raw {
  constructor(
    readonly label: string,
    private readonly make: () => string,
  ) {}
  get text(): string {
    return this.make();
  }
  [fc.toStringMethod](): string {
    return this.label;
  }
}
export type Value = null | boolean | number | string | Raw | Value[] | { [key: string]: Value };

export const deep = (shape: 'object' | 'array', depth: number) =>
  new Raw(`<${shape} nested ${depth} deep>`, () =>
    shape === 'object'
      ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`
      : `${'['.repeat(depth)}${']'.repeat(depth)}`,
  );
export const huge = (length: number) =>
  new Raw(`<string of ${length} chars>`, () => JSON.stringify('x'.repeat(length)));

/** A key written raw into the object at `at` (a path of keys), e.g. `"__proto__": {...}`. */
export interface Injection {
  at: string[];
  key: string;
  raw: string;
}

export function serialize(value: Value, injections: Injection[] = [], path: string[] = []): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value))
    return `[${value.map((v, i) => serialize(v, injections, [...path, String(i)])).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const here = injections
      .filter((j) => j.at.join('\u0000') === path.join('\u0000'))
      .map((j) => `${JSON.stringify(j.key)}:${j.raw}`);
    const own = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}:${serialize(v, injections, [...path, k])}`,
    );
    return `{${[...here, ...own].join(',')}}`;
  }
  return JSON.stringify(value);
}

export function objectPaths(value: Value, path: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || value instanceof Raw || Array.isArray(value)) return [];
  return [path, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...path, k]))];
}

export function throwsAsJson(text: string): boolean {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return false;
  } catch {
    return true;
  }
}

export function isObjectJson(text: string): boolean {
  try {
    const v = JSON.parse(text.replace(/^\uFEFF/, ''));
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
