import type { DomainEvent } from '../shared/decider';
import { DATE, oneOf, shape, wholeNumber, type FieldValues } from '../shared/field-values';

/**
 * A body (Popolo Organization): a police authority, a Police and Crime Commissioner (a
 * corporation sole), a chief constable, a joint working group, an outside committee, a contractor.
 * Its posts (Popolo Post) and their office holders (Popolo Membership) live in its stream.
 */
export const BODY_CLASSIFICATIONS = [
  'police-authority',
  'police-and-crime-commissioner',
  'chief-constable',
  'joint-working-group',
  'committee',
  'contractor',
  'other',
] as const;
export type BodyClassification = (typeof BODY_CLASSIFICATIONS)[number];

/** Whether the body can decide, can only recommend, or neither (a contractor). */
export const BODY_POWERS = ['decides', 'advises', 'none'] as const;
export type BodyPowers = (typeof BODY_POWERS)[number];

/**
 * How many members must be present for the body to transact business, as its standing orders
 * say: a fraction of its members ("one quarter of the whole number", Local Government Act 1972
 * Sch 12 para 6), a number, or both ("a quarter, but not fewer than three"): the larger counts.
 */
export interface Quorum {
  fraction?: { numerator: number; denominator: number };
  minimum?: number;
}

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
        /**
         * When it was established, as precisely as the source gives it (a year, a month, a day or
         * a date-time, as `occurredAt`); absent when no source says. A body with no founding date
         * stated is taken to exist at any date before its abolition: no rule is invented for it.
         */
        foundingDate?: string;
        /** The founding date is a guess; only with a `foundingDate`. */
        foundingDateApproximate?: boolean;
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
  | DomainEvent<'QuorumSet', { bodyId: string } & Quorum>
  /**
   * The body numbers its decision records in a new form from the event's `occurredAt` on (a new
   * term's register, a new scheme): decisions dated from then are checked against it, earlier
   * ones against the form in force on their own date.
   */
  | DomainEvent<'DecisionReferenceFormatSet', { bodyId: string; format: string }>
  | DomainEvent<
      'BodyAbolished',
      { bodyId: string; dissolutionDate: string; successorId?: string; reason: string }
    >;

/** What fields of a body's events may hold beyond their kind (checked on a correction: shared/field-values.ts). */
export const BODY_FIELD_VALUES: FieldValues<BodyEvent> = {
  BodyRegistered: {
    classification: oneOf(BODY_CLASSIFICATIONS),
    // foundingDate is optional: shared/corrections.ts says what it may hold.
    powers: oneOf(BODY_POWERS),
  },
  OfficeHolderAppointed: { startDate: DATE, endDate: DATE },
  OfficeHolderLeft: { endDate: DATE },
  QuorumSet: {
    fraction: shape({ numerator: wholeNumber(1, 1000), denominator: wholeNumber(1, 1000) }, [
      'numerator',
      'denominator',
    ]),
    minimum: wholeNumber(1, 1000),
  },
  BodyAbolished: { dissolutionDate: DATE },
};
