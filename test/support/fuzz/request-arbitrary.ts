import fc from 'fast-check';
import type { TestApp } from '../test-app';
import { bodyDefect, rawBody, type BodyDefect } from './body-defects';
import { PROTOTYPE_NAMES } from './contract-rules';
import {
  junkAuthorization,
  junkContentType,
  junkIdempotencyKey,
  junkIfMatch,
  validIdempotencyKey,
} from './junk-headers';
import { junkPathValue, junkQueryValue, safeQueryValue } from './junk-path-and-query';
import { exampleOf, type Operation, type Schema } from './openapi-document';
import { printable } from './value-arbitraries';
import { serialize, type Raw } from './raw-json';

/*
 * A whole generated request for one operation: the caller, the one defect it is built around, and
 * noise beside it. Kept as data (not yet a URL and headers) so a counterexample prints readably;
 * exchange.ts builds it.
 */

/** The one defect a request is built around; noise may add more. */
export type Defect =
  | { kind: 'body'; defects: BodyDefect[] }
  | { kind: 'raw-body'; label: string; body: Raw | Buffer | undefined }
  | { kind: 'if-match'; value: string }
  | { kind: 'idempotency-key'; value: string }
  | { kind: 'content-type'; value: string }
  | { kind: 'path'; name: string; value: string }
  | { kind: 'query'; pairs: Array<[string, string | string[]]> }
  | { kind: 'none' };

export interface Generated {
  caller: { kind: 'clerk' } | { kind: 'none' } | { kind: 'junk'; authorization: string };
  defect: Defect;
  noise: {
    bodyDefects: BodyDefect[];
    query: Array<[string, string | string[]]>;
    headers: Array<[string, string]>;
  };
}

export function requestArbitrary(
  op: Operation,
  resolve: (s?: Schema) => Schema,
  tokens: TestApp['tokens'],
): fc.Arbitrary<Generated> {
  const declared = new Set(op.queryParams.map((p) => p.name));
  const unknownParam = fc
    .tuple(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 16 }),
        fc.constantFrom(
          'colour',
          'LIMIT',
          'Limit',
          'as_of',
          'limit[]',
          'limit[a]',
          'a.b',
          'offset',
          'page',
          'sort',
        ),
      ),
      fc.string({ maxLength: 16 }),
    )
    .filter(([name]) => name.trim() !== '' && !declared.has(name) && !PROTOTYPE_NAMES.includes(name));
  const invalidDeclared = op.queryParams.length
    ? fc
        .constantFrom(...op.queryParams)
        .chain((p) => junkQueryValue(p, resolve).map((v) => [p.name, v] as [string, string | string[]]))
    : undefined;
  const safeDeclared = op.queryParams
    .map((p) => [p.name, safeQueryValue(p, resolve)] as const)
    .filter((pair): pair is readonly [string, string] => pair[1] !== undefined);

  const defects: Array<fc.Arbitrary<Defect>> = [];
  if (op.method === 'post') {
    const example = serialize(exampleOf(op.body ?? {}, resolve));
    defects.push(
      fc
        .array(bodyDefect(op, resolve), { minLength: 1, maxLength: 3 })
        .map((d) => ({ kind: 'body', defects: d })),
      rawBody(example).map((r) => ({ kind: 'raw-body', ...r })),
      junkIfMatch.map((value) => ({ kind: 'if-match', value })),
      junkIdempotencyKey.map((value) => ({ kind: 'idempotency-key', value })),
      junkContentType.map((value) => ({ kind: 'content-type', value })),
    );
  }
  if (op.pathParams.length)
    defects.push(
      fc
        .tuple(fc.constantFrom(...op.pathParams.map((p) => p.name)), junkPathValue)
        .map(([name, value]) => ({ kind: 'path', name, value })),
    );
  // Only operations with query parameters read the query (and refuse what they do not know).
  if (op.method === 'get' && invalidDeclared) {
    defects.push(
      fc
        .tuple(
          fc.oneof(unknownParam, invalidDeclared),
          fc.array(
            fc.oneof(
              unknownParam,
              invalidDeclared,
              ...(safeDeclared.length
                ? [fc.constantFrom(...safeDeclared.map(([k, v]) => [k, v] as [string, string]))]
                : []),
            ),
            { maxLength: 3 },
          ),
        )
        .map(([first, more]) => ({ kind: 'query', pairs: [first, ...more] })),
    );
  }
  // An operation nothing else can make invalid (GET /problems) is called with a junk token only.
  const defect = defects.length ? fc.oneof(...defects) : fc.constant<Defect>({ kind: 'none' });
  const junk = junkAuthorization(tokens).map((authorization): Generated['caller'] => ({
    kind: 'junk',
    authorization,
  }));
  const caller: fc.Arbitrary<Generated['caller']> = defects.length
    ? fc.oneof(
        { weight: 2, arbitrary: fc.constant({ kind: 'clerk' } as const) },
        { weight: 1, arbitrary: fc.constant({ kind: 'none' } as const) },
        { weight: 1, arbitrary: junk },
      )
    : junk;
  const header = fc.oneof(
    junkIfMatch.map((v) => ['if-match', v] as [string, string]),
    junkIdempotencyKey.map((v) => ['idempotency-key', v] as [string, string]),
    validIdempotencyKey.map((v) => ['idempotency-key', v] as [string, string]),
    fc.constantFrom<[string, string]>(
      ['if-match', '"0"'],
      ['if-match', '*'],
      ['accept', 'text/html'],
      ['accept', 'application/xml'],
      ['x-forwarded-for', 'junk'],
      ['x-correlation-id', '../../etc/passwd'],
      ['content-type', 'application/json; charset=utf-16'],
    ),
    fc.tuple(fc.stringMatching(/^x-[a-z]{1,10}$/), printable(0, 40)),
  );
  const noise = fc.record({
    bodyDefects:
      op.method === 'post'
        ? fc.array(bodyDefect(op, resolve), { maxLength: 2 })
        : fc.constant<BodyDefect[]>([]),
    query: fc.array(op.queryParams.length ? fc.oneof(unknownParam, invalidDeclared!) : unknownParam, {
      maxLength: 2,
    }),
    headers: fc.array(header, { maxLength: 2 }),
  });
  return fc.record({ caller, defect, noise });
}
