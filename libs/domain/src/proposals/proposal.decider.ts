import { membersOn } from '../alliances/alliance.decider';
import { activeBody, officeHolder, standingBodyOn } from '../bodies/body.rules';
import { heldMeeting } from '../meetings/meeting.decider';
import { registeredPerson } from '../people/person.decider';
import type { Decider, DecideContext, DomainCommand, Reference } from '../shared/decider';
import { assertNever } from '../shared/decider';
import { ensure } from '../shared/rules';
import { toInstant } from '../shared/time';
import { PROPOSAL_FIELD_VALUES, type ProposalEvent } from './proposal.events';
import {
  checkCorrectedDecision,
  correctionAlongside,
  correctionReferencesOf,
  ensureMayBeInPublic,
  ensureMayDecide,
  ensureRecordFields,
  ensureReference,
  referenceKeyOf,
  reservationOf,
} from './decision.rules';
import { referenceRegisterId } from './decision-references';
import { proposalNamedElsewhere } from './proposal.dependents';
import { undoneBy } from './decision-standing';
import { ensureSpokenBy, spokenByReferences } from './spoken-by';
import { evolveProposal, initialProposalState, type ProposalState } from './proposal.state';

declare module '../shared/decider' {
  interface AggregateStates {
    proposal: ProposalState;
  }
}

type DataOf<T extends ProposalEvent['type']> = Extract<ProposalEvent, { type: T }>['data'];

export type ProposalCommand =
  | DomainCommand<'TableProposal', DataOf<'ProposalTabled'>>
  | DomainCommand<'AmendProposal', DataOf<'ProposalAmended'>>
  | DomainCommand<'ReferProposal', DataOf<'ProposalReferred'>>
  | DomainCommand<'DeferProposal', DataOf<'ProposalDeferred'>>
  | DomainCommand<'WithdrawProposal', DataOf<'ProposalWithdrawn'>>
  | DomainCommand<'DiscontinueProposal', DataOf<'ProposalDiscontinued'>>
  | DomainCommand<'SupersedeProposal', DataOf<'ProposalSuperseded'>>
  | DomainCommand<'TakeForwardByMember', DataOf<'ProposalTakenForwardByMember'>>
  | DomainCommand<'RecordClaim', DataOf<'ClaimRecorded'>>
  | DomainCommand<'IssueRecommendation', DataOf<'RecommendationIssued'>>
  | DomainCommand<'RecordDecision', DataOf<'DecisionRecorded'>>;

type CommandData<T extends ProposalCommand['type']> = Extract<ProposalCommand, { type: T }>['data'];

function ensureOpen(state: ProposalState): void {
  ensure(
    state.lifecycle === 'open',
    'proposal-closed',
    `${state.terms.title} was ${state.lifecycle} on ${state.closedAt}`,
    { proposalId: state.proposalId },
  );
  ensure(
    !state.takenForward,
    'proposal-closed',
    `${state.terms.title} was taken forward by ${state.takenForward?.memberBodyId} alone on ${state.takenForward?.date}`,
    { proposalId: state.proposalId },
  );
}

function ensureAfterTabling(state: ProposalState, date: string): void {
  ensure(
    toInstant(state.tabledAt) <= toInstant(date),
    'decision-before-tabled',
    `${state.terms.title} was tabled on ${state.tabledAt}, after ${date}`,
  );
}

/** The bodies whose decision counts on this proposal on `date`: its alliance's members, its own body, and those it was referred to. */
export function decidingBodiesOn(
  state: ProposalState,
  context: Pick<DecideContext, 'refs'>,
  date: string,
): string[] {
  const { refs } = context;
  const alliance = state.allianceId ? refs.get('alliance', state.allianceId) : undefined;
  const ids = [
    ...(alliance ? membersOn(alliance, refs, date) : []),
    ...(state.bodyId ? [state.bodyId] : []),
    ...state.referredTo,
  ].map((id) => standingBodyOn(refs, id, date));
  // A body that only advises may be consulted, but the proposal does not wait for its decision.
  return [...new Set(ids)].filter((id) => refs.get('body', id)?.powers !== 'advises');
}

function tableProposal(
  d: CommandData<'TableProposal'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensure(!state.exists, 'already-exists', `Proposal ${d.proposalId} is already recorded`);
  activeBody(refs, d.tabledBy, occurredAt);
  if (d.allianceId)
    ensure(
      refs.get('alliance', d.allianceId)?.exists,
      'not-found',
      `Alliance ${d.allianceId} is not recorded`,
    );
  if (d.bodyId) activeBody(refs, d.bodyId, occurredAt);
  ensure(d.allianceId || d.bodyId, 'invalid-value', 'A proposal is for an alliance or for one body');
  if (d.parentProposalId)
    ensure(
      refs.get('proposal', d.parentProposalId)?.exists,
      'not-found',
      `Proposal ${d.parentProposalId} is not recorded`,
    );
  return [{ type: 'ProposalTabled', data: d }];
}

function amendProposal(d: CommandData<'AmendProposal'>, state: ProposalState): ProposalEvent[] {
  ensureOpen(state);
  ensure(Object.keys(d.changes).length > 0, 'invalid-value', 'An amendment must change something');
  return [{ type: 'ProposalAmended', data: d }];
}

function referProposal(
  d: CommandData<'ReferProposal'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  activeBody(refs, d.byBodyId, occurredAt);
  for (const id of d.toBodyIds) activeBody(refs, id, occurredAt);
  return [{ type: 'ProposalReferred', data: d }];
}

function deferProposal(
  d: CommandData<'DeferProposal'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  ensure(
    activeBody(refs, d.byBodyId, occurredAt).powers !== 'none',
    'body-cannot-recommend',
    `${d.byBodyId} cannot defer a proposal`,
  );
  if (d.meetingId) heldMeeting(refs, d.meetingId, occurredAt, { bodyId: d.byBodyId });
  return [{ type: 'ProposalDeferred', data: d }];
}

function withdrawProposal(
  d: CommandData<'WithdrawProposal'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  activeBody(refs, d.byBodyId, occurredAt);
  return [{ type: 'ProposalWithdrawn', data: d }];
}

function discontinueProposal(
  d: CommandData<'DiscontinueProposal'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  ensure(d.decisionIds.length > 0, 'discontinuation-needs-decision', 'No decision to reject was named');
  for (const id of d.decisionIds) {
    const decision = state.decisions.find((x) => x.decisionId === id);
    ensure(
      decision?.outcome === 'reject' && !undoneBy(state.decisions, id),
      'discontinuation-needs-decision',
      `Decision ${id} is not a recorded decision to reject ${state.terms.title}`,
    );
  }
  if (d.meetingId) heldMeeting(refs, d.meetingId, occurredAt);
  return [{ type: 'ProposalDiscontinued', data: d }];
}

function supersedeProposal(
  d: CommandData<'SupersedeProposal'>,
  state: ProposalState,
  { refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  ensure(d.byProposalId !== state.proposalId, 'invalid-value', 'A proposal cannot supersede itself');
  ensure(
    refs.get('proposal', d.byProposalId)?.exists,
    'not-found',
    `Proposal ${d.byProposalId} is not recorded`,
  );
  return [{ type: 'ProposalSuperseded', data: d }];
}

function takeForwardByMember(
  d: CommandData<'TakeForwardByMember'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  const alliance = state.allianceId ? refs.get('alliance', state.allianceId) : undefined;
  ensure(alliance, 'invalid-value', `${state.terms.title} is not an alliance proposal`);
  ensure(
    membersOn(alliance, refs, occurredAt).includes(d.memberBodyId),
    'not-alliance-member',
    `${d.memberBodyId} is not a member of ${alliance.name} on ${occurredAt}`,
  );
  const child = refs.get('proposal', d.newProposalId);
  ensure(
    child?.exists && child.parentProposalId === state.proposalId,
    'not-found',
    `Proposal ${d.newProposalId} taking this one forward is not recorded`,
  );
  ensureSpokenBy(d.spokenBy, d.memberBodyId, refs, occurredAt);
  return [{ type: 'ProposalTakenForwardByMember', data: d }];
}

/** Claims are evidence: they may be recorded whatever the proposal's state, and never replace one another. */
function recordClaim(
  d: CommandData<'RecordClaim'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensure(Number.isFinite(d.amount) && d.amount >= 0, 'invalid-value', 'A claimed amount is a number >= 0');
  ensure(
    !state.claims.some((c) => c.claimId === d.claimId),
    'already-exists',
    `Claim ${d.claimId} is recorded`,
  );
  ensureSpokenBy(d.spokenBy, undefined, refs, occurredAt);
  return [{ type: 'ClaimRecorded', data: d }];
}

function issueRecommendation(
  d: CommandData<'IssueRecommendation'>,
  state: ProposalState,
  { occurredAt, refs }: DecideContext,
): ProposalEvent[] {
  ensureOpen(state);
  ensureAfterTabling(state, occurredAt);
  const body = activeBody(refs, d.byBodyId, occurredAt);
  ensure(body.powers !== 'none', 'body-cannot-recommend', `${body.name} neither decides nor advises`);
  for (const id of d.toBodyIds) activeBody(refs, id, occurredAt);
  if (d.meetingId) heldMeeting(refs, d.meetingId, occurredAt, { bodyId: d.byBodyId });
  ensure(
    !state.recommendations.some((r) => r.recommendationId === d.recommendationId),
    'already-exists',
    `Recommendation ${d.recommendationId} is recorded`,
  );
  return [{ type: 'RecommendationIssued', data: d }];
}

function recordDecision(
  d: CommandData<'RecordDecision'>,
  state: ProposalState,
  context: DecideContext,
): ProposalEvent[] {
  const { occurredAt, refs } = context;
  ensureOpen(state);
  ensureAfterTabling(state, occurredAt);
  const body = activeBody(refs, d.bodyId, occurredAt);
  ensure(body.powers === 'decides', 'advisory-body-cannot-decide', `${body.name} can only recommend`, {
    bodyId: d.bodyId,
  });
  ensure(
    decidingBodiesOn(state, context, occurredAt).includes(d.bodyId),
    'not-alliance-member',
    `${body.name} is neither a member of the alliance nor a body this proposal was referred to`,
  );
  ensureMayDecide(state, d, body.name);
  ensure(
    !state.decisions.some((x) => x.decisionId === d.decisionId),
    'already-exists',
    `Decision ${d.decisionId} is recorded`,
  );
  ensure(
    !d.postId || d.personId,
    'invalid-value',
    'A decision naming a post must name the person who held it',
  );
  if (d.personId) {
    registeredPerson(refs, d.personId);
    const office = officeHolder(body, d.personId, occurredAt);
    ensure(
      !d.postId || d.postId === office.postId,
      'not-office-holder',
      `${d.personId} did not hold post ${d.postId} on ${occurredAt}`,
    );
  }
  if (d.meetingId) heldMeeting(refs, d.meetingId, occurredAt, { bodyId: d.bodyId });
  ensureReference(state, d, body, context);
  ensureRecordFields(state, d, context);
  // After the vote is found recorded: a meeting (its own, or its vote's) whose publicity is not
  // stated is not private, so a decision at it may be public.
  ensureMayBeInPublic(d, refs);
  return [{ type: 'DecisionRecorded', data: d }];
}

/** Every command but the tabling needs a tabled proposal; each then has its own function. */
function decide(command: ProposalCommand, state: ProposalState, context: DecideContext): ProposalEvent[] {
  if (command.type === 'TableProposal') return tableProposal(command.data, state, context);
  ensure(state.exists, 'not-found', `Proposal ${command.data.proposalId} is not recorded`);
  switch (command.type) {
    case 'AmendProposal':
      return amendProposal(command.data, state);
    case 'ReferProposal':
      return referProposal(command.data, state, context);
    case 'DeferProposal':
      return deferProposal(command.data, state, context);
    case 'WithdrawProposal':
      return withdrawProposal(command.data, state, context);
    case 'DiscontinueProposal':
      return discontinueProposal(command.data, state, context);
    case 'SupersedeProposal':
      return supersedeProposal(command.data, state, context);
    case 'TakeForwardByMember':
      return takeForwardByMember(command.data, state, context);
    case 'RecordClaim':
      return recordClaim(command.data, state, context);
    case 'IssueRecommendation':
      return issueRecommendation(command.data, state, context);
    case 'RecordDecision':
      return recordDecision(command.data, state, context);
    default:
      return assertNever(command, 'proposal command');
  }
}

export const proposalDecider: Decider<ProposalState, ProposalCommand, ProposalEvent> = {
  category: 'proposal',
  fieldValues: PROPOSAL_FIELD_VALUES,
  recordedBy: {
    ProposalTabled: 'TableProposal',
    ProposalAmended: 'AmendProposal',
    ProposalReferred: 'ReferProposal',
    ProposalDeferred: 'DeferProposal',
    ProposalWithdrawn: 'WithdrawProposal',
    ProposalDiscontinued: 'DiscontinueProposal',
    ProposalSuperseded: 'SupersedeProposal',
    ProposalTakenForwardByMember: 'TakeForwardByMember',
    ClaimRecorded: 'RecordClaim',
    RecommendationIssued: 'IssueRecommendation',
    DecisionRecorded: 'RecordDecision',
  },
  checkCorrected: checkCorrectedDecision,
  // What other records say of its decisions rests on them (proposal.dependents.ts).
  namedElsewhere: proposalNamedElsewhere,
  initialState: initialProposalState,
  decide,
  evolve: evolveProposal,
  streamIdOf: (command) => command.data.proposalId,
  referencesOf(command): Reference[] {
    const d = command.data as Record<string, unknown>;
    const refs: Reference[] = [{ kind: 'proposal', id: command.data.proposalId }];
    for (const key of ['tabledBy', 'bodyId', 'byBodyId', 'memberBodyId'] as const)
      if (typeof d[key] === 'string') refs.push({ kind: 'body', id: d[key] });
    for (const id of (d.toBodyIds as string[] | undefined) ?? []) refs.push({ kind: 'body', id });
    if (typeof d.allianceId === 'string') refs.push({ kind: 'alliance', id: d.allianceId });
    if (typeof d.meetingId === 'string') refs.push({ kind: 'meeting', id: d.meetingId });
    if (typeof d.voteEventId === 'string') refs.push({ kind: 'vote', id: d.voteEventId });
    if (command.type === 'RecordDecision' && typeof d.personId === 'string')
      refs.push({ kind: 'person', id: d.personId });
    const delegation = d.delegation as { personId?: unknown } | undefined;
    if (typeof delegation?.personId === 'string') refs.push({ kind: 'person', id: delegation.personId });
    refs.push(...spokenByReferences(d.spokenBy));
    for (const key of ['parentProposalId', 'byProposalId', 'newProposalId'] as const)
      if (typeof d[key] === 'string') refs.push({ kind: 'proposal', id: d[key] });
    // The register of a decision's reference: who holds it already, on any proposal.
    if (command.type === 'RecordDecision' && typeof command.data.reference === 'string')
      refs.push({
        kind: 'decisionref',
        id: referenceRegisterId(referenceKeyOf({ ...command.data, reference: command.data.reference })),
      });
    return refs;
  },
  // A decision taking a reference reserves it in its register, in the same append; a correction
  // or retraction of a decision's reference takes the new one and frees the old (decision.rules.ts).
  alongside(command, decided, history, context) {
    if (command.type !== 'RecordDecision') return correctionAlongside(command, history, context);
    const recorded = decided.find((e) => e.type === 'DecisionRecorded') as
      Extract<ProposalEvent, { type: 'DecisionRecorded' }> | undefined;
    const d = recorded?.data;
    if (d?.reference === undefined) return [];
    return [
      reservationOf({ ...referenceKeyOf({ ...d, reference: d.reference }), ...d, date: context.occurredAt }),
    ];
  },
  alongsideReferencesOf: correctionReferencesOf,
  // Decisions by different bodies on one proposal race; re-deciding on the newer state is safe.
  retryOnConflict: (command) => command.type !== 'TableProposal',
};
