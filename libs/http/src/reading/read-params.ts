import { AUDIT_ENTITIES, isAuditEntity, type AuditEntity, type TimeCut } from '@ledger/projections';
import { ProblemException } from '../problems/problem';
import type { CutQueryDto } from './reading-query.dto';

/** The cut a read's query string asks for. */
export const cut = (q: CutQueryDto): TimeCut => ({ asOf: q.asOf, knownAt: q.knownAt });

/** An audit trail's cursor is a global position. */
export function afterPosition(after: string | undefined): number | undefined {
  if (after === undefined) return undefined;
  if (!/^\d{1,15}$/.test(after))
    throw new ProblemException('validation-failed', 'after must be a position here', {
      errors: [{ field: 'after', messages: ['must be a whole number (a position)'] }],
    });
  return Number(after);
}

/** The kinds an audit trail is read of, in words: "body, person, … or review". */
export const AUDIT_ENTITIES_IN_WORDS = `${AUDIT_ENTITIES.slice(0, -1).join(', ')} or ${AUDIT_ENTITIES[AUDIT_ENTITIES.length - 1]}`;

/** An audit trail's entity (every kind of record the ledger keeps), or a 400 naming the ones there are. */
export function auditEntity(entity: string): AuditEntity {
  if (!isAuditEntity(entity)) {
    // Not echoed: a path parameter may be as long as the URL (the router bounds only that).
    throw new ProblemException('validation-failed', 'entity is not a kind of record the ledger keeps', {
      errors: [{ field: 'entity', messages: [`must be ${AUDIT_ENTITIES_IN_WORDS}`] }],
    });
  }
  return entity;
}

/** The `entity` path parameter of the audit trail's routes (JSON and CSV), as the OpenAPI document describes it. */
export const AUDIT_ENTITY_PARAM = {
  name: 'entity',
  enum: [...AUDIT_ENTITIES],
  description: `The kind of record: every kind the ledger keeps (${AUDIT_ENTITIES_IN_WORDS}). Its trail is the events of its own stream and those that name it, each with who recorded it, when, on what source, and the corrections and retractions beside what they correct. A record the caller may not see (an exempt document, a question or review at a private meeting) answers 404, as one never recorded does.`,
};
