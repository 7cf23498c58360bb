import type { Recorded } from '../shared/decider';
import { within } from '../shared/time';
import type { BodyClassification, BodyEvent, BodyPowers } from './body.events';

/** A term of office (Popolo Membership), as the appointment recorded it. */
export type Membership = Omit<Extract<BodyEvent, { type: 'OfficeHolderAppointed' }>['data'], 'bodyId'>;

export interface BodyState {
  exists: boolean;
  bodyId: string;
  name: string;
  classification: BodyClassification;
  area?: string;
  powers: BodyPowers;
  foundingDate: string;
  dissolutionDate?: string;
  successorId?: string;
  decisionReferenceFormat?: string;
  posts: Record<string, { label: string; role: string }>;
  memberships: Membership[];
}

export const initialBodyState = (): BodyState => ({
  exists: false,
  bodyId: '',
  name: '',
  classification: 'other',
  powers: 'none',
  foundingDate: '',
  posts: {},
  memberships: [],
});

export function evolveBody(state: BodyState, event: Recorded<BodyEvent>): BodyState {
  switch (event.type) {
    case 'BodyRegistered':
      return { ...state, ...event.data, exists: true };
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
