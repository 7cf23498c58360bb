import fc from 'fast-check';
import { isISO8601 } from 'class-validator';
import { BODY_LIMIT, PROTOTYPE_NAMES } from './contract-rules';
import { deep, huge, type Value } from './raw-json';

/*
 * The plain generators the others are made of: text, bad characters, JSON values, deep nesting,
 * huge strings and field names a schema does not have.
 */

export const printable = (minLength: number, maxLength: number) =>
  fc.string({
    unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
    minLength,
    maxLength,
  });
export const anyText = (maxLength = 24) => fc.string({ unit: 'binary', maxLength }).filter(encodable);
export const BAD_CHARS = [
  ' ',
  '"',
  "'",
  '<',
  '>',
  '%',
  '/',
  '\\',
  '?',
  '#',
  '&',
  '=',
  '!',
  '*',
  '(',
  ')',
  ',',
  ';',
  '@',
  '[',
  ']',
  '{',
  '}',
  '|',
  '^',
  '`',
  '~',
  '$',
  '\t',
  '\n',
  '\u0000',
  'é',
  '日',
  '😀',
  '\u202e',
];

export function encodable(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

/** A string with at least one character no id, date, enum value or cursor of the API has. */
export const withBadChar = fc
  .tuple(anyText(12), fc.constantFrom(...BAD_CHARS), anyText(12))
  .map(([a, b, c]) => a + b + c);

export const scalar: fc.Arbitrary<Value> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
export const jsonish: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 4 }) },
);
/** Date-times a strict ISO 8601 check refuses, beside random text; a list is passed to notDateTime. */
export const NOT_DATE_TIMES = [
  '',
  'yesterday',
  '2013-02-30',
  '2013-13-01',
  '2013-01-01T25:00:00Z',
  '31/01/2013',
  'now',
  '1e9',
];
/** Random text or one of `samples`, never a strict ISO 8601 date-time (what the server accepts). */
export const notDateTime = (samples: string[]) =>
  fc.oneof(anyText(), fc.constantFrom(...samples)).filter((v) => !isISO8601(v, { strict: true }));
/** Deep nesting, `maxDepth` levels at most. */
export const deepValue = (maxDepth: number) =>
  fc
    .tuple(fc.constantFrom<'object' | 'array'>('object', 'array'), fc.integer({ min: 2, max: maxDepth }))
    .map(([shape, depth]) => deep(shape, depth));
/** Strings far beyond any limit: some within the body limit, some over it (413). */
export const hugeValue = fc
  .oneof(fc.integer({ min: 10_001, max: 60_000 }), fc.constantFrom(200_000, BODY_LIMIT + 10_000))
  .map(huge);
/**
 * A field name the body schema does not have (and not one of the prototype's: see the bugs pinned
 * in test/e2e/fuzz-regressions.e2e-spec.ts).
 */
export const unknownKey = (known: Set<string>) =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 16 }),
      fc.constantFrom(
        'colour',
        'id',
        'type',
        'data',
        'metadata',
        'recordedAt',
        'actor',
        'hash',
        'position',
        'revision',
        'Source',
        'OCCURREDAT',
        '',
        ' ',
      ),
    )
    .filter((k) => !known.has(k) && !PROTOTYPE_NAMES.includes(k));
