import fc from 'fast-check';
import { isURL } from 'class-validator';
import { SAFE_ENVELOPE_DEPTH, UUID } from './contract-rules';
import { exampleOf, kindOf, type Kind, type Schema } from './openapi-document';
import type { Value } from './raw-json';
import {
  anyText,
  deepValue,
  hugeValue,
  jsonish,
  NOT_DATE_TIMES,
  notDateTime,
  scalar,
  unknownKey,
  withBadChar,
} from './value-arbitraries';

/*
 * Values a field's schema refuses, read from the schema itself (type, enum, pattern, format,
 * limits), so a new field or a new constraint in the document is fuzzed without teaching the fuzz.
 */

/** A value of another JSON type than `kind` (never null: an absent optional field is not a defect). */
export function wrongType(kind: Kind): fc.Arbitrary<Value> {
  const byKind: Record<string, fc.Arbitrary<Value>> = {
    string: fc.string({ maxLength: 12 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    array: fc.array(scalar, { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }),
  };
  const same = kind === 'integer' ? 'number' : kind;
  return fc.oneof(
    ...Object.entries(byKind)
      .filter(([k]) => k !== same)
      .map(([, arb]) => arb),
  );
}

/**
 * Values the server must refuse for a field of this schema: another type, or a value of the right
 * type outside its enum, pattern, format or limits; for lists and objects, one bad member.
 * `envelope` marks occurredAt and source, whose nesting is kept shallow (see the bugs pinned in
 * test/e2e/fuzz-regressions.e2e-spec.ts).
 */
export function invalidValue(
  schema: Schema,
  resolve: (s?: Schema) => Schema,
  envelope: boolean,
  depth = 0,
): fc.Arbitrary<Value> | undefined {
  const s = resolve(schema);
  const kind = kindOf(s);
  if (!kind) return undefined;
  const options: Array<fc.Arbitrary<Value>> = [
    wrongType(kind),
    deepValue(envelope ? SAFE_ENVELOPE_DEPTH : 3000),
  ];
  if (kind === 'string') {
    if (s.enum)
      options.push(
        fc
          .oneof(
            anyText(),
            fc.constantFrom(...s.enum.map((e) => e.toUpperCase()), ...s.enum.map((e) => ` ${e}`)),
          )
          .filter((v) => !s.enum?.includes(v)),
      );
    if (s.pattern) {
      const re = new RegExp(s.pattern);
      options.push(
        fc
          .oneof(
            withBadChar,
            anyText(),
            fc.constantFrom('', '2013-02-30x', '13-01-2013', '2013-01-01T10:00', '-x', '.x'),
          )
          .filter((v) => !re.test(v)),
      );
    }
    if (s.format === 'date-time') options.push(notDateTime(NOT_DATE_TIMES));
    if (s.format === 'uuid') options.push(anyText(40).filter((v) => !UUID.test(v)));
    if (s.format === 'uri')
      options.push(
        fc
          .oneof(anyText(), fc.constantFrom('', 'not a url', 'example.org/x', 'http//x', '//x.org'))
          .filter((v) => !isURL(v, { require_protocol: true })),
      );
    if (s.maxLength !== undefined)
      options.push(
        fc.oneof(
          fc.integer({ min: 1, max: 50 }).map((n) => 'x'.repeat(s.maxLength! + n)),
          hugeValue,
        ),
      );
    if ((s.minLength ?? 0) >= 1) options.push(fc.constant(''));
  }
  if (kind === 'number' || kind === 'integer') {
    const below = s.minimum === undefined ? undefined : Math.ceil(s.minimum) - 1;
    const above = s.maximum === undefined ? undefined : Math.floor(s.maximum) + 1;
    if (below !== undefined)
      options.push(fc.oneof(fc.integer({ min: below - 1e9, max: below }), fc.constant(below + 0.5)));
    if (above !== undefined)
      options.push(
        fc.oneof(fc.integer({ min: above, max: above + 1e9 }), fc.constant(above - 0.5), fc.constant(1e300)),
      );
    if (kind === 'integer') options.push(fc.integer({ min: -1000, max: 1000 }).map((n) => n + 0.5));
  }
  if (kind === 'array') {
    const items = s.items ? resolve(s.items) : undefined;
    const item = items ? exampleOf(items, resolve) : 'x';
    const badItem = items && depth < 2 ? invalidValue(items, resolve, envelope, depth + 1) : undefined;
    if (badItem)
      options.push(
        fc
          .tuple(badItem, fc.nat({ max: 2 }))
          .map(([bad, at]) => [...Array.from({ length: at }, () => item), bad]),
      );
    if (s.maxItems !== undefined)
      options.push(
        fc.constant(
          Array.from({ length: s.maxItems + 1 }, (_, i) =>
            typeof item === 'string' ? `${item}-${i}` : item,
          ),
        ),
      );
    if (s.uniqueItems) options.push(fc.constant([item, item]));
    if ((s.minItems ?? 0) >= 1) options.push(fc.constant([]));
  }
  if (kind === 'object' && s.properties && s.additionalProperties === undefined && depth < 2) {
    const base = exampleOf(s, resolve) as Record<string, Value>;
    const known = new Set(Object.keys(s.properties));
    options.push(fc.tuple(unknownKey(known), jsonish).map(([k, v]) => ({ ...base, [k]: v })));
    for (const required of s.required ?? [])
      options.push(fc.constant(Object.fromEntries(Object.entries(base).filter(([k]) => k !== required))));
    for (const [name, prop] of Object.entries(s.properties)) {
      const bad = invalidValue(prop, resolve, envelope, depth + 1);
      if (bad) options.push(bad.map((v) => ({ ...base, [name]: v })));
    }
  }
  if (kind === 'object' && (s.minProperties ?? 0) >= 1) options.push(fc.constant({}));
  return fc.oneof(...options);
}
