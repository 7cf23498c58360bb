import fc from 'fast-check';
import type { TestApp } from '../test-app';
import { idempotencyKeyAccepted, ifMatchAccepted } from './contract-rules';
import { printable } from './value-arbitraries';

/*
 * Header values the server must refuse, each filtered through the rule it accepts (contract-rules),
 * so that a junk value is never accidentally a valid one.
 */

export const junkContentType = fc
  .oneof(
    fc.constantFrom(
      'text/plain',
      'text/html',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/jsonx',
      'application/json-patch+json',
      'application/problem+json',
      'json',
      '*/*',
      'application/*',
      'text/json',
      'x/y; charset=utf-8',
      ';;;',
      'application /json',
      'application\\json',
    ),
    printable(1, 60),
  )
  .filter((v) => v.trim() !== '' && !/^application\/json\s*(;|$)/i.test(v.trim()));
export const junkIfMatch = fc
  .oneof(
    fc.constantFrom(
      '"abc"',
      'W/"x"',
      '-1',
      '"-1"',
      '1.5',
      '"1", "2"',
      '**',
      'W/',
      '""',
      '"1234567890123456"',
      'null',
      '0x1',
      'W/ "1"',
    ),
    printable(1, 40),
  )
  .filter((v) => v.trim() !== '' && !ifMatchAccepted(v));
export const junkIdempotencyKey = fc
  .oneof(
    printable(1, 60),
    fc.constantFrom('a b', 'key/1', '#', '{}', 'k\u00e9y'),
    fc.integer({ min: 129, max: 400 }).map((n) => 'k'.repeat(n)),
  )
  .filter((v) => v.trim() !== '' && !idempotencyKeyAccepted(v));
export const validIdempotencyKey = fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/);

export function junkAuthorization(tokens: TestApp['tokens']): fc.Arbitrary<string> {
  const tokenChars = fc.string({
    unit: fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~+/=-'.split(''),
    ),
    minLength: 16,
    maxLength: 120,
  });
  const accepted = new Set([`Bearer ${tokens.clerk}`, `Bearer ${tokens.auditor}`]);
  return fc
    .oneof(
      fc.constantFrom(
        'Bearer',
        'Bearer x',
        'Basic dXNlcjpwYXNz',
        'Token abc',
        'null',
        'undefined',
        '{}',
        'Bearer lk_clerk_',
        `Bearer ${tokens.clerk}x`,
        `Bearer ${tokens.clerk.slice(0, -1)}`,
        `Bearer ${tokens.clerk},Bearer ${tokens.clerk}`,
        `${tokens.clerk}`,
      ),
      tokenChars.map((t) => `Bearer ${t}`),
      printable(1, 30).map((t) => `Bearer ${t}`),
      printable(1, 80),
      fc.integer({ min: 4097, max: 6000 }).map((n) => `Bearer ${'a'.repeat(n)}`),
      fc
        .tuple(fc.nat({ max: tokens.clerk.length - 1 }), fc.constantFrom('0', 'x', '_', '!'))
        .map(([i, c]) => `Bearer ${tokens.clerk.slice(0, i)}${c}${tokens.clerk.slice(i + 1)}`),
    )
    .filter((v) => v.trim() !== '' && !accepted.has(v.trim()));
}
