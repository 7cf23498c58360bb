import fc from 'fast-check';
import { PROTOTYPE_NAMES } from './contract-rules';
import { invalidValue } from './invalid-values';
import type { Operation, Schema } from './openapi-document';
import { isObjectJson, objectPaths, Raw, throwsAsJson, type Injection, type Value } from './raw-json';
import { deepValue, hugeValue, jsonish, unknownKey } from './value-arbitraries';

/*
 * What makes a POST body one the server must refuse: a defect in one field of the document's
 * example (kept as data until the request is built, so fast-check prints it readably), or a
 * whole body that cannot be a command.
 */

/** One change to an otherwise well-formed body that the server must refuse. */
export type BodyDefect =
  | { kind: 'set'; field: string; value: Value }
  | { kind: 'delete'; field: string }
  | { kind: 'unknown'; key: string; value: Value }
  | { kind: 'prototype-key'; at: 'top' | 'nested' | 'source'; key: string; raw: string };

export function bodyDefect(op: Operation, resolve: (s?: Schema) => Schema): fc.Arbitrary<BodyDefect> {
  const schema = resolve(op.body);
  const properties = schema.properties ?? {};
  const known = new Set([...Object.keys(properties), ...op.pathParams.map((p) => p.name)]);
  const options: Array<fc.Arbitrary<BodyDefect>> = [];
  for (const [field, prop] of Object.entries(properties)) {
    const bad = invalidValue(prop, resolve, field === 'occurredAt' || field === 'source');
    if (bad) options.push(bad.map((value) => ({ kind: 'set', field, value })));
  }
  for (const field of schema.required ?? []) options.push(fc.constant({ kind: 'delete', field }));
  options.push(
    fc
      .tuple(
        unknownKey(known),
        fc.oneof(
          { weight: 3, arbitrary: jsonish },
          { weight: 1, arbitrary: deepValue(5000) },
          { weight: 1, arbitrary: hugeValue },
        ),
      )
      .map(([key, value]) => ({ kind: 'unknown', key, value })),
  );
  // Keys that reach the prototype. Any of them at the top or inside a command field is refused;
  // inside `source` only __proto__ and constructor.prototype are (the others are a bug, pinned in
  // test/e2e/fuzz-regressions.e2e-spec.ts).
  const pollution = fc.constantFrom(
    '{"polluted":true}',
    '{"prototype":{"polluted":true}}',
    '1',
    '"x"',
    'null',
    '[]',
  );
  options.push(
    fc
      .tuple(
        fc.constantFrom<'top' | 'nested'>('top', 'nested'),
        fc.constantFrom(...PROTOTYPE_NAMES),
        pollution,
      )
      .map(([at, key, raw]) => ({ kind: 'prototype-key', at, key, raw })),
  );
  options.push(
    fc
      .oneof(
        fc.constant({ key: '__proto__', raw: '{"polluted":true}' }),
        fc.constant({ key: 'constructor', raw: '{"prototype":{"polluted":true}}' }),
      )
      .map(({ key, raw }) => ({ kind: 'prototype-key', at: 'source', key, raw })),
  );
  return fc.oneof(...options);
}

/** A whole body that cannot be a command: not JSON, not an object, empty, too deep, too large. */
export function rawBody(example: string): fc.Arbitrary<{ label: string; body: Raw | Buffer | undefined }> {
  const cut = fc.nat({ max: example.length - 1 }).map((n) => ({
    label: `truncated at ${n}`,
    body: new Raw(`<truncated at ${n}>`, () => example.slice(0, n)),
  }));
  const bytes = fc
    .uint8Array({ maxLength: 600 })
    .map((b) => Buffer.from(b))
    .filter((b) => throwsAsJson(b.toString('utf8')) || !isObjectJson(b.toString('utf8')))
    .map((b) => ({ label: 'random bytes', body: b }));
  const broken = fc
    .constantFrom<[string, (t: string) => string]>(
      ['trailing comma', (t) => `${t.slice(0, -1)},}`],
      ['single quotes', (t) => t.replace(/"/g, "'")],
      ['a comment', (t) => `/* c */${t}`],
      ['an unquoted key', (t) => t.replace(/"(\w+)":/, '$1:')],
      ['two documents', (t) => t + t],
      ['trailing garbage', (t) => `${t}x`],
      ['NaN', (t) => t.replace(/:("[^"]*"|\d+|true|false)/, ':NaN')],
    )
    .map(([label, f]) => ({ label, body: new Raw(`<example with ${label}>`, () => f(example)) }))
    .filter(({ body }) => throwsAsJson(body.text));
  const notObject = fc.oneof(
    fc.constant({ label: 'an array of the example', body: new Raw('<[example]>', () => `[${example}]`) }),
    jsonish
      .filter((v) => v === null || typeof v !== 'object' || Array.isArray(v))
      .map((v) => ({ label: 'not an object', body: new Raw(JSON.stringify(v), () => JSON.stringify(v)) })),
    fc
      .constantFrom('', '   ', '\n')
      .map((t) => ({ label: 'empty', body: new Raw(JSON.stringify(t), () => t) })),
    fc.constant({ label: 'no body', body: undefined }),
  );
  const big = fc.oneof(
    hugeValue.map((h) => ({ label: 'a huge string', body: h })),
    deepValue(20_000).map((d) => ({ label: 'deeply nested', body: d })),
  );
  return fc.oneof(cut, bytes, broken, notObject, big);
}

export function applyBodyDefects(
  example: Value,
  defects: BodyDefect[],
): { value: Value; injections: Injection[] } {
  const value = structuredCloneValue(example) as Record<string, Value>;
  const pending: BodyDefect[] = [];
  for (const d of defects) {
    if (d.kind === 'set') value[d.field] = d.value;
    else if (d.kind === 'delete') delete value[d.field];
    else if (d.kind === 'unknown') value[d.key] = d.value;
    else pending.push(d);
  }
  // Prototype keys are placed last, in an object that is still there (else at the top).
  const paths = objectPaths(value);
  const nested = paths.filter((p) => p.length > 0 && p[0] !== 'source');
  const injections = pending.map((d) => {
    if (d.kind !== 'prototype-key') throw new Error('unreachable');
    const wanted = d.at === 'source' ? ['source'] : d.at === 'nested' ? nested[0] : [];
    const at = wanted && paths.some((p) => p.join('\u0000') === wanted.join('\u0000')) ? wanted : [];
    return { at, key: d.key, raw: d.raw };
  });
  return { value, injections };
}

export function structuredCloneValue(v: Value): Value {
  if (v instanceof Raw || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(structuredCloneValue);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, structuredCloneValue(x)]));
}
