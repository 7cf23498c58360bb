import type { Recorded } from '../shared/decider';
import { isOnOrBefore, within } from '../shared/time';
import type { BodyClassification, BodyEvent, BodyPowers, Quorum } from './body.events';

/** A term of office (Popolo Membership), as the appointment recorded it. */
export type Membership = Omit<Extract<BodyEvent, { type: 'OfficeHolderAppointed' }>['data'], 'bodyId'>;

export interface BodyState {
  exists: boolean;
  bodyId: string;
  name: string;
  classification: BodyClassification;
  area?: string;
  powers: BodyPowers;
  /** Absent: no source states it. */
  foundingDate?: string;
  foundingDateApproximate?: boolean;
  /**
   * When its registration happened (that entry's `occurredAt`): the date a register drawn "as of"
   * a cut lists it from when no founding date is stated, as a read of the body itself does.
   */
  registeredOn?: string;
  dissolutionDate?: string;
  successorId?: string;
  /** The form its decision records are numbered in now (the latest set). */
  decisionReferenceFormat?: string;
  /**
   * Every form it has numbered them in, each from a date on (the first from its founding when
   * registered with one), in order. Absent from states saved before it was kept.
   */
  decisionReferenceFormats?: ReferenceFormatPeriod[];
  posts: Record<string, { label: string; role: string }>;
  memberships: Membership[];
  quorum?: Quorum;
}

/** A form of decision reference, in force from `from` until the next one. */
export interface ReferenceFormatPeriod {
  format: string;
  from: string;
}

/**
 * The forms in force so far: the history, or for a state saved without it, the registered one,
 * in force from the founding date (every body had one when such states were saved; from the
 * earliest date otherwise).
 */
export function referenceFormatsOf(state: BodyState): ReferenceFormatPeriod[] {
  if (state.decisionReferenceFormats) return state.decisionReferenceFormats;
  if (!state.decisionReferenceFormat) return [];
  const from = state.foundingDate ?? state.registeredOn ?? EARLIEST_DATE;
  return [{ format: state.decisionReferenceFormat, from }];
}

/** A date before any the ledger records (year 0), for a period with no stated start. */
const EARLIEST_DATE = '0000';

/** The form the body's decision references follow on `date`, if it had one then. */
export function referenceFormatOn(body: BodyState, date: string): string | undefined {
  return referenceFormatsOf(body)
    .filter((f) => isOnOrBefore(f.from, date))
    .at(-1)?.format;
}

export const initialBodyState = (): BodyState => ({
  exists: false,
  bodyId: '',
  name: '',
  classification: 'other',
  powers: 'none',
  posts: {},
  memberships: [],
});

export function evolveBody(state: BodyState, event: Recorded<BodyEvent>): BodyState {
  switch (event.type) {
    case 'BodyRegistered': {
      // A format registered with the body is in force from its founding, or, when no source
      // states that, from the registration itself.
      const { decisionReferenceFormat: format, foundingDate } = event.data;
      return {
        ...state,
        ...event.data,
        exists: true,
        registeredOn: event.occurredAt,
        decisionReferenceFormats: format ? [{ format, from: foundingDate ?? event.occurredAt }] : [],
      };
    }
    case 'DecisionReferenceFormatSet':
      return {
        ...state,
        decisionReferenceFormat: event.data.format,
        decisionReferenceFormats: [
          ...referenceFormatsOf(state),
          { format: event.data.format, from: event.occurredAt },
        ],
      };
    case 'PostCreated':
      return {
        ...state,
        posts: { ...state.posts, [event.data.postId]: { label: event.data.label, role: event.data.role } },
      };
    case 'OfficeHolderAppointed': {
      const { membershipId, postId, personId, startDate, endDate } = event.data;
      return {
        ...state,
        memberships: [...state.memberships, { membershipId, postId, personId, startDate, endDate }],
      };
    }
    case 'OfficeHolderLeft':
      return {
        ...state,
        memberships: state.memberships.map((m) =>
          m.membershipId === event.data.membershipId ? { ...m, endDate: event.data.endDate } : m,
        ),
      };
    case 'QuorumSet': {
      const { fraction, minimum } = event.data;
      return { ...state, quorum: { ...(fraction ? { fraction } : {}), ...(minimum ? { minimum } : {}) } };
    }
    case 'BodyAbolished':
      return { ...state, dissolutionDate: event.data.dissolutionDate, successorId: event.data.successorId };
    default: {
      const never: never = event;
      return never;
    }
  }
}

/** The body existed on `date`: established, not yet abolished. */
export function isActiveOn(body: BodyState, date: string): boolean {
  return body.exists && within(date, body.foundingDate, body.dissolutionDate);
}

/** The post `personId` held on `body` on `date`, if any. */
export function officeHeldOn(body: BodyState, personId: string, date: string): Membership | undefined {
  return body.memberships.find((m) => m.personId === personId && within(date, m.startDate, m.endDate));
}

/** The people holding a post on `body` on `date`: its members then, each once. */
export function bodyMembersOn(body: BodyState, date: string): string[] {
  return [
    ...new Set(body.memberships.filter((m) => within(date, m.startDate, m.endDate)).map((m) => m.personId)),
  ];
}

/** How many members make a quorum of `body` on `date`, if its standing orders set one. */
export function quorumOn(body: BodyState, date: string): number | undefined {
  const { quorum } = body;
  if (!quorum) return undefined;
  const members = bodyMembersOn(body, date).length;
  const byFraction = quorum.fraction
    ? Math.ceil((members * quorum.fraction.numerator) / quorum.fraction.denominator)
    : 0;
  return Math.max(byFraction, quorum.minimum ?? 0);
}
