import type { AuditEntity, TimeCut } from '@ledger/projections';
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

export const AUDIT_ENTITIES: readonly AuditEntity[] = [
  'proposal',
  'body',
  'meeting',
  'person',
  'alliance',
  'vote',
];

/** An audit trail's entity, or a 400 naming the ones there are. */
export function auditEntity(entity: string): AuditEntity {
  if (!(AUDIT_ENTITIES as readonly string[]).includes(entity)) {
    throw new ProblemException('validation-failed', `Unknown entity ${entity}`, {
      errors: [{ field: 'entity', messages: ['must be proposal, body, meeting, person, alliance or vote'] }],
    });
  }
  return entity as AuditEntity;
}
