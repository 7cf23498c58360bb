import { allianceDecider, type AllianceEvent, type AllianceState } from '../alliances/alliance.decider';
import type { DecisionRule } from '../alliances/decision-rule';
import { bodyDecider } from '../bodies/body.decider';
import type { BodyClassification, BodyEvent, BodyPowers } from '../bodies/body.events';
import type { BodyState } from '../bodies/body.state';
import { meetingDecider, type MeetingState } from '../meetings/meeting.decider';
import type { Attendee, MeetingEvent } from '../meetings/meeting.events';
import { personDecider, type PersonState } from '../people/person.decider';
import { proposalDecider } from '../proposals/proposal.decider';
import type { ProposalEvent } from '../proposals/proposal.events';
import type { ProposalState } from '../proposals/proposal.state';
import { fold } from '../shared/aggregate';
import type { Decider, DomainCommand, DomainEvent, Recorded } from '../shared/decider';
import { toInstant } from '../shared/time';

/**
 * Small builders for the states of other aggregates, which decisions read through `refs`.
 * Each state is folded from the events its decider would have written, so a builder can never
 * produce a state the ledger could not reach.
 */

/** When a given event happened, unless it says otherwise. */
export const DEFAULT_AT = '2012-01-01T00:00:00.000Z';

export type Dated<E> = E & { occurredAt?: string; id?: string };
type DataOf<E extends DomainEvent, T extends E['type']> = Extract<E, { type: T }>['data'];

/** The state a decider folds from `events` (each dated DEFAULT_AT unless it says otherwise). */
export function folded<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  events: ReadonlyArray<Dated<E>>,
): S {
  const recorded = events.map((e, i) => ({
    ...e,
    id: e.id ?? `${decider.category}-${i}`,
    occurredAt: toInstant(e.occurredAt ?? DEFAULT_AT),
  }));
  return fold(decider, recorded as unknown as Recorded[]).state;
}

// ---------------------------------------------------------------- bodies

export function bodyRegistered(
  bodyId: string,
  overrides: Partial<DataOf<BodyEvent, 'BodyRegistered'>> = {},
): Extract<BodyEvent, { type: 'BodyRegistered' }> {
  return {
    type: 'BodyRegistered',
    data: {
      bodyId,
      name: `Body ${bodyId}`,
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '1995-04-01',
      ...overrides,
    },
  };
}

export interface OfficeHolderSpec {
  personId: string;
  postId?: string;
  membershipId?: string;
  startDate?: string;
  endDate?: string;
}

export interface BodySpec {
  bodyId?: string;
  name?: string;
  classification?: BodyClassification;
  powers?: BodyPowers;
  foundingDate?: string;
  parentId?: string;
  decisionReferenceFormat?: string;
  holders?: OfficeHolderSpec[];
  abolished?: { on: string; successorId?: string };
}

/** `membershipId` of a holder built without one. */
export const membershipIdOf = (h: OfficeHolderSpec) =>
  h.membershipId ?? `${h.personId}-${h.postId ?? 'member'}`;

/** The events of a body: registered, one post per distinct postId of its holders, their appointments, its abolition. */
export function bodyEvents(spec: BodySpec = {}): BodyEvent[] {
  const bodyId = spec.bodyId ?? 'body';
  const { holders = [], abolished, bodyId: _b, ...registered } = spec;
  const events: BodyEvent[] = [
    bodyRegistered(bodyId, Object.fromEntries(Object.entries(registered).filter(([, v]) => v !== undefined))),
  ];
  for (const postId of [...new Set(holders.map((h) => h.postId ?? 'member'))]) {
    events.push({ type: 'PostCreated', data: { bodyId, postId, label: `Post ${postId}`, role: postId } });
  }
  for (const h of holders) {
    events.push({
      type: 'OfficeHolderAppointed',
      data: {
        bodyId,
        membershipId: membershipIdOf(h),
        postId: h.postId ?? 'member',
        personId: h.personId,
        startDate: h.startDate ?? spec.foundingDate ?? '1995-04-01',
        ...(h.endDate ? { endDate: h.endDate } : {}),
      },
    });
  }
  if (abolished) {
    events.push({
      type: 'BodyAbolished',
      data: {
        bodyId,
        dissolutionDate: abolished.on,
        reason: 'abolished by statute',
        ...(abolished.successorId ? { successorId: abolished.successorId } : {}),
      },
    });
  }
  return events;
}

/** A body's state: `aBody({ bodyId: 'jwg', powers: 'advises' })`. */
export function aBody(spec: BodySpec = {}): BodyState {
  return folded(bodyDecider, bodyEvents(spec));
}

/** `{ [bodyId]: state }` for `refsOf({ body: bodiesById(...) })`. */
export function bodiesById(...bodies: BodyState[]): Record<string, BodyState> {
  return Object.fromEntries(bodies.map((b) => [b.bodyId, b]));
}

// ---------------------------------------------------------------- people

export function aPerson(
  personId: string,
  name = `Person ${personId}`,
  honorificPrefix?: string,
): PersonState {
  return folded(personDecider, [
    { type: 'PersonRegistered', data: { personId, name, ...(honorificPrefix ? { honorificPrefix } : {}) } },
  ]);
}

// ---------------------------------------------------------------- alliances

export interface AllianceSpec {
  allianceId?: string;
  name?: string;
  decisionRule?: DecisionRule;
  foundingDate?: string;
  memberIds: string[];
  /** Members who left, with the date. */
  left?: Array<{ bodyId: string; endDate: string }>;
  joined?: Array<{ bodyId: string; startDate: string }>;
}

export function allianceFormed(spec: AllianceSpec): Extract<AllianceEvent, { type: 'AllianceFormed' }> {
  return {
    type: 'AllianceFormed',
    data: {
      allianceId: spec.allianceId ?? 'alliance',
      name: spec.name ?? 'The alliance',
      decisionRule: spec.decisionRule ?? { kind: 'unanimity' },
      foundingDate: spec.foundingDate ?? '2012-01-01',
      memberIds: spec.memberIds,
    },
  };
}

export function anAlliance(spec: AllianceSpec): AllianceState {
  const allianceId = spec.allianceId ?? 'alliance';
  return folded(allianceDecider, [
    allianceFormed(spec),
    ...(spec.joined ?? []).map((j): AllianceEvent => ({
      type: 'AllianceMemberJoined',
      data: { allianceId, bodyId: j.bodyId, startDate: j.startDate, reason: 'joined' },
    })),
    ...(spec.left ?? []).map((l): AllianceEvent => ({
      type: 'AllianceMemberLeft',
      data: { allianceId, bodyId: l.bodyId, endDate: l.endDate, reason: 'left' },
    })),
  ]);
}

// ---------------------------------------------------------------- meetings

export interface MeetingSpec {
  meetingId?: string;
  title?: string;
  bodyIds: string[];
  public?: boolean;
  scheduledAt?: string;
  /** When it was held; not held when absent. */
  heldOn?: string;
  /** When a meeting held ran to, past midnight say; its business may be dated up to that day. */
  endedAt?: string;
  chair?: Attendee;
  cancelled?: boolean;
}

export function meetingScheduled(
  spec: MeetingSpec,
): Dated<Extract<MeetingEvent, { type: 'MeetingScheduled' }>> {
  return {
    type: 'MeetingScheduled',
    data: {
      meetingId: spec.meetingId ?? 'meeting',
      title: spec.title ?? 'The meeting',
      bodyIds: spec.bodyIds,
      scheduledFor: spec.heldOn ?? '2012-08-01',
      public: spec.public ?? true,
    },
    occurredAt: spec.scheduledAt ?? DEFAULT_AT,
  };
}

export function aMeeting(spec: MeetingSpec): MeetingState {
  const meetingId = spec.meetingId ?? 'meeting';
  const events: Array<Dated<MeetingEvent>> = [meetingScheduled(spec)];
  if (spec.cancelled) events.push({ type: 'MeetingCancelled', data: { meetingId, reason: 'called off' } });
  if (spec.heldOn)
    events.push({
      type: 'MeetingHeld',
      data: {
        meetingId,
        attendees: [],
        ...(spec.chair ? { chair: spec.chair } : {}),
        ...(spec.endedAt ? { endedAt: spec.endedAt } : {}),
      },
      occurredAt: spec.heldOn,
    });
  return folded(meetingDecider, events);
}

// ---------------------------------------------------------------- proposals

export type ProposalTabledData = DataOf<ProposalEvent, 'ProposalTabled'>;

export function proposalTabled(
  overrides: Partial<ProposalTabledData> = {},
  occurredAt = '2012-03-01T00:00:00.000Z',
): Dated<Extract<ProposalEvent, { type: 'ProposalTabled' }>> {
  return {
    type: 'ProposalTabled',
    data: {
      proposalId: 'proposal',
      title: 'Outsource the back office',
      description: 'Support services to a contractor.',
      scope: ['HR', 'finance'],
      tabledBy: 'pa',
      bodyId: 'pa',
      ...overrides,
    },
    occurredAt,
  };
}

export function decisionRecorded(
  overrides: Partial<DataOf<ProposalEvent, 'DecisionRecorded'>> & { decisionId: string; bodyId: string },
  occurredAt = '2012-06-01T00:00:00.000Z',
): Dated<Extract<ProposalEvent, { type: 'DecisionRecorded' }>> {
  return {
    type: 'DecisionRecorded',
    data: { proposalId: 'proposal', outcome: 'approve', inPublic: true, rationale: 'Because.', ...overrides },
    occurredAt,
  };
}

export function recommendationIssued(
  overrides: Partial<DataOf<ProposalEvent, 'RecommendationIssued'>> & {
    recommendationId: string;
    byBodyId: string;
  },
  occurredAt = '2012-05-01T00:00:00.000Z',
): Dated<Extract<ProposalEvent, { type: 'RecommendationIssued' }>> {
  return {
    type: 'RecommendationIssued',
    data: { proposalId: 'proposal', toBodyIds: [], content: 'proceed', rationale: 'Advice.', ...overrides },
    occurredAt,
  };
}

/** A proposal's state from its tabling and what followed: `aProposal(proposalTabled({ allianceId: 'a' }), decisionRecorded(...))`. */
export function aProposal(...events: Array<Dated<ProposalEvent>>): ProposalState {
  return folded(proposalDecider, events.length > 0 ? events : [proposalTabled()]);
}
