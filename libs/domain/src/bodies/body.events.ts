import type { DomainEvent } from '../shared/decider';

/**
 * A body (Popolo Organization): a police authority, a Police and Crime Commissioner (a
 * corporation sole), a chief constable, a joint working group, an outside committee, a contractor.
 * Its posts (Popolo Post) and their office holders (Popolo Membership) live in its stream.
 */
export type BodyClassification =
  | 'police-authority'
  | 'police-and-crime-commissioner'
  | 'chief-constable'
  | 'joint-working-group'
  | 'committee'
  | 'contractor'
  | 'other';

/** Whether the body can decide, can only recommend, or neither (a contractor). */
export type BodyPowers = 'decides' | 'advises' | 'none';

export type BodyEvent =
  | DomainEvent<
      'BodyRegistered',
      {
        bodyId: string;
        name: string;
        classification: BodyClassification;
        /** The force or area it serves. */
        area?: string;
        powers: BodyPowers;
        foundingDate: string;
        parentId?: string;
        /** How its decision records are numbered: `PCC/D/{seq:3}` gives PCC/D/001 (see decision.rules.ts). */
        decisionReferenceFormat?: string;
      }
    >
  | DomainEvent<'PostCreated', { bodyId: string; postId: string; label: string; role: string }>
  | DomainEvent<
      'OfficeHolderAppointed',
      {
        bodyId: string;
        membershipId: string;
        postId: string;
        personId: string;
        startDate: string;
        endDate?: string;
      }
    >
  | DomainEvent<'OfficeHolderLeft', { bodyId: string; membershipId: string; endDate: string }>
  | DomainEvent<
      'BodyAbolished',
      { bodyId: string; dissolutionDate: string; successorId?: string; reason: string }
    >;
