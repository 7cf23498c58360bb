/*
 * Rules of the contract the document does not carry (what the server accepts), so that the fuzz
 * knows what counts as a defect where the document cannot say it.
 */

export const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
/** The string query parameters: cursors, ids, a classification, a stream prefix. A value none accepts is refused. */
export const STRING_QUERY_PATTERNS = [
  /^[A-Za-z0-9_.:+-]{1,256}$/,
  ID,
  /^[a-z-]{1,64}$/,
  /^[a-z][A-Za-z0-9_.:-]{0,190}$/,
];
export const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const ifMatchAccepted = (v: string) => v.trim() === '*' || /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.test(v);
export const idempotencyKeyAccepted = (v: string) => /^[A-Za-z0-9._:-]{1,128}$/.test(v.trim());
/** Names no field may have: Object.prototype's members, and `prototype`. */
export const PROTOTYPE_NAMES = [
  ...new Set(['__proto__', 'prototype', 'constructor', ...Object.getOwnPropertyNames(Object.prototype)]),
];
/** Fastify's default maxParamLength: a longer path parameter meets the bug pinned in test/e2e/fuzz-regressions.e2e-spec.ts. */
export const MAX_PATH_PARAM = 100;
/** Nesting in `occurredAt`/`source` deeper than this meets the bug pinned in test/e2e/fuzz-regressions.e2e-spec.ts (a 500). */
export const SAFE_ENVELOPE_DEPTH = 200;
export const BODY_LIMIT = 1024 * 1024;

/** Ids the story records, so that path parameters left valid point at something real. */
export const KNOWN_PATH_VALUES: Record<string, string> = {
  proposalId: 'g4s-back-office',
  bodyId: 'pcc-hertfordshire',
  meetingId: 'pcc-g4s-meeting',
  allianceId: 'bch-alliance',
  membershipId: 'david-lloyd-2012',
  personId: 'david-lloyd',
  voteEventId: 'vote-1',
  entity: 'proposal',
  id: 'g4s-back-office',
  code: 'not-found',
};
