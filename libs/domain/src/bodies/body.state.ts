import type { Recorded } from '../shared/decider';
import { within } from '../shared/time';
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
  decisionReferenceFormat?: string;
  posts: Record<string, { label: string; role: string }>;
  memberships: Membership[];
  quorum?: Quorum;
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
    case 'BodyRegistered':
      return { ...state, ...event.data, exists: true, registeredOn: event.occurredAt };
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
