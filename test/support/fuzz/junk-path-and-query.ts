import fc from 'fast-check';
import { ID, MAX_PATH_PARAM, STRING_QUERY_PATTERNS } from './contract-rules';
import type { Param, Schema } from './openapi-document';
import { anyText, NOT_DATE_TIMES, notDateTime, withBadChar } from './value-arbitraries';

/*
 * Path and query values the server must refuse, and the query values it accepts (noise beside a
 * defect), read from each parameter's schema and the patterns in contract-rules.
 */

/** A path parameter the server must refuse (or not find): not an id, URL-encoded, at most Fastify's param length. */
export const junkPathValue = fc
  .oneof(
    withBadChar,
    anyText(30).filter((v) => v !== '' && !ID.test(v)),
    withBadChar.map((v) => encodeURIComponent(v)),
    fc.constantFrom(
      '-x',
      '_x',
      '.x',
      ':x',
      'a b',
      'ä',
      '%',
      '%25',
      '..%2F..',
      '<script>',
      "x' OR '1'='1",
      'null',
      '\u0000',
    ),
  )
  .filter(
    (v) => v !== '' && !ID.test(v) && !/^\.+$/.test(v) && encodeURIComponent(v).length <= MAX_PATH_PARAM,
  );

/** A query-parameter value the server must refuse for this parameter. */
export function junkQueryValue(p: Param, resolve: (s?: Schema) => Schema): fc.Arbitrary<string | string[]> {
  const s = resolve(p.schema);
  const repeated = fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('1', '2013-01-01', 'x')), {
    minLength: 2,
    maxLength: 3,
  });
  let single: fc.Arbitrary<string>;
  if (s.type === 'number' || s.type === 'integer') {
    const min = s.minimum ?? -Infinity;
    const max = s.maximum ?? Infinity;
    // The server reads Number(text), then wants an integer within the limits.
    const accepted = (v: string) => Number.isInteger(Number(v)) && Number(v) >= min && Number(v) <= max;
    single = fc
      .oneof(
        fc.integer({ min: -1e9, max: -1 }).map(String),
        fc.integer({ min: 0, max: 1e6 }).map((n) => `${n}.5`),
        ...(Number.isFinite(max) ? [fc.integer({ min: max + 1, max: max + 1e9 }).map(String)] : []),
        fc.constantFrom(
          'abc',
          'NaN',
          'Infinity',
          '-Infinity',
          '1e400',
          '--1',
          '1,5',
          'one',
          '1 2',
          'null',
          'true',
          '[]',
          '{}',
          '-0.1',
        ),
        anyText(12),
      )
      .filter((v) => !accepted(v));
  } else if (s.format === 'date-time') {
    single = notDateTime(['', 'yesterday', 'last-week', ...NOT_DATE_TIMES.slice(2), '-1']);
  } else if (s.enum) {
    single = fc
      .oneof(anyText(), fc.constantFrom('', ...s.enum.map((e) => e.toUpperCase())))
      .filter((v) => !s.enum?.includes(v));
  } else {
    single = fc
      .oneof(
        fc.constant(''),
        withBadChar,
        fc.integer({ min: 257, max: 400 }).map((n) => 'a'.repeat(n)),
      )
      .filter((v) => !STRING_QUERY_PATTERNS.some((re) => re.test(v)));
  }
  return fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: repeated });
}

/** A value the server accepts for this query parameter (noise beside a defect). */
export function safeQueryValue(p: Param, resolve: (s?: Schema) => Schema): string | undefined {
  const s = resolve(p.schema);
  if (s.type === 'number' || s.type === 'integer')
    return String(Math.max(s.minimum ?? 0, Math.min(5, s.maximum ?? 5)));
  if (s.format === 'date-time') return '2013-01-31';
  if (s.enum) return s.enum[0];
  return undefined;
}
