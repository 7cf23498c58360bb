import { DATE, oneOf, shape, TEXT } from './field-values';

/**
 * A declaration of interest, as a member makes it at a meeting or on a decision (the Localism Act
 * 2011 s.31 and the authority's code of conduct): whose interest, of what type, what it is, and any
 * dispensation that lets them take part all the same. One shape for meeting-level declarations and
 * declarations on decisions.
 */
export type InterestType = 'pecuniary' | 'other';

export const INTEREST_TYPES: readonly InterestType[] = ['pecuniary', 'other'];

export interface Dispensation {
  /** Who granted it: the standards committee, the monitoring officer. */
  grantedBy: string;
  /** When it was granted, where the record says. */
  grantedOn?: string;
  reason: string;
}

export interface InterestDeclaration {
  personId: string;
  type: InterestType;
  description: string;
  dispensation?: Dispensation;
}

/** What a dispensation and a declaration may hold (checked on a correction: field-values.ts). */
export const DISPENSATION_VALUE = shape({ grantedBy: TEXT, grantedOn: DATE, reason: TEXT }, [
  'grantedBy',
  'reason',
]);
export const INTEREST_TYPE_VALUE = oneOf(INTEREST_TYPES);
export const INTEREST_DECLARATION_VALUE = shape(
  { personId: TEXT, type: INTEREST_TYPE_VALUE, description: TEXT, dispensation: DISPENSATION_VALUE },
  ['personId', 'type', 'description'],
);

/**
 * A pecuniary interest without a dispensation bars the member from taking part in the item
 * (s.31(4)): they withdraw, and are not counted towards its quorum.
 */
export function barsParticipation(declaration: Pick<InterestDeclaration, 'type' | 'dispensation'>): boolean {
  return declaration.type === 'pecuniary' && declaration.dispensation === undefined;
}
