import { isISO8601, isURL } from 'class-validator';
import { InvalidInput } from './errors';
import type { EventMetadata, SourceRef, StoredSource } from './event-store.port';

/**
 * Sources and dates as the ledger keeps them (issue 16). An entry cites one or more sources;
 * they are stored in the one `metadata.source` JSON value every store already keeps and hashes
 * (the first source, then `more`), so events written before keep their hashes and read back
 * as citing their one source.
 */

/** Every source an entry cites, first to last; an event written before issue 16 has one. */
export function sourcesOf(metadata: { source: StoredSource }): SourceRef[] {
  const { more, occurredAtApproximate: _approximate, ...first } = metadata.source;
  return [first, ...(more ?? [])];
}

/** Whether the entry's `occurredAt` was given as approximate ("early 2013"). */
export function isApproximate(metadata: Pick<EventMetadata, 'source'>): boolean {
  return metadata.source.occurredAtApproximate === true;
}

/** The stored form of an entry's sources and the approximation of its date. */
export function storedSource(sources: readonly SourceRef[], occurredAtApproximate = false): StoredSource {
  if (sources.length === 0)
    throw new InvalidInput('invalid-metadata', 'source', 'An entry cites at least one source');
  const [first, ...more] = sources;
  return {
    ...first,
    ...(more.length > 0 ? { more } : {}),
    ...(occurredAtApproximate ? { occurredAtApproximate: true as const } : {}),
  };
}

const HASH = /^[0-9a-f]{64}$/;

function text(value: unknown, field: string, max: number, optional = false): string | undefined {
  if (optional && value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw new InvalidInput(
      'invalid-metadata',
      field,
      `${field} must be a non-empty string of at most ${max} characters`,
    );
  return value;
}

/** One source checked and copied field by field (nothing unknown is kept). */
export function normaliseSourceRef(value: unknown, at: string): SourceRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new InvalidInput(
      'invalid-metadata',
      at,
      `${at} must be an object { kind, reference, url?, quote?, accessedAt?, contentHash? }`,
    );
  const s = value as Record<string, unknown>;
  const url = s.url;
  if (url !== undefined && (typeof url !== 'string' || !isURL(url, { require_protocol: true })))
    throw new InvalidInput('invalid-metadata', `${at}.url`, `${at}.url is not an absolute URL`);
  const accessedAt = s.accessedAt;
  if (
    accessedAt !== undefined &&
    (typeof accessedAt !== 'string' || !isISO8601(accessedAt, { strict: true }))
  )
    throw new InvalidInput(
      'invalid-metadata',
      `${at}.accessedAt`,
      `${at}.accessedAt must be an ISO 8601 date or timestamp`,
    );
  const contentHash = s.contentHash;
  if (contentHash !== undefined && (typeof contentHash !== 'string' || !HASH.test(contentHash)))
    throw new InvalidInput(
      'invalid-metadata',
      `${at}.contentHash`,
      `${at}.contentHash must be a SHA-256 in 64 lower-case hex digits`,
    );
  const quote = text(s.quote, `${at}.quote`, 10_000, true);
  return {
    kind: text(s.kind, `${at}.kind`, 64)!,
    reference: text(s.reference, `${at}.reference`, 1024)!,
    ...(url !== undefined ? { url } : {}),
    ...(quote !== undefined ? { quote } : {}),
    ...(accessedAt !== undefined ? { accessedAt } : {}),
    ...(contentHash !== undefined ? { contentHash } : {}),
  };
}

/** The stored source of an appended event, checked: each source, at most 32, and the flag. */
export function normaliseStoredSource(value: unknown, at: string): StoredSource {
  const first = normaliseSourceRef(value, at);
  const s = value as Record<string, unknown>;
  const more = s.more;
  if (more !== undefined && (!Array.isArray(more) || more.length === 0 || more.length > 31))
    throw new InvalidInput(
      'invalid-metadata',
      `${at}.more`,
      `${at}.more must be a list of 1 to 31 further sources`,
    );
  const approximate = s.occurredAtApproximate;
  if (approximate !== undefined && approximate !== true)
    throw new InvalidInput(
      'invalid-metadata',
      `${at}.occurredAtApproximate`,
      `${at}.occurredAtApproximate is true or absent`,
    );
  return {
    ...first,
    ...(more !== undefined ? { more: more.map((m, i) => normaliseSourceRef(m, `${at}.more[${i}]`)) } : {}),
    ...(approximate === true ? { occurredAtApproximate: true as const } : {}),
  };
}
