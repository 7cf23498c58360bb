import { DECIDERS, type AggregateKind } from '@ledger/domain';

/**
 * The kinds of record an audit trail is read of: every aggregate of the domain's registry
 * (DECIDERS), each kept in its own stream and indexed under its own kind (rm_entity_events), so
 * a kind added to the domain has its trail with no second list to keep. The registers
 * (`decisionref`) are the command side's bookkeeping, no record of their own, and withheld whole.
 */
export type AuditEntity = AggregateKind;

export const AUDIT_ENTITIES: readonly AuditEntity[] = Object.freeze(Object.keys(DECIDERS) as AuditEntity[]);

export const isAuditEntity = (kind: string): kind is AuditEntity => Object.hasOwn(DECIDERS, kind);
