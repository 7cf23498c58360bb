import { allianceDecider } from './alliances/alliance.decider';
import { bodyDecider } from './bodies/body.decider';
import { documentDecider } from './documents/document.decider';
import { meetingDecider } from './meetings/meeting.decider';
import { personDecider } from './people/person.decider';
import { referenceRegister } from './proposals/decision-references';
import { proposalDecider } from './proposals/proposal.decider';
import { questionDecider } from './scrutiny/question.decider';
import { reviewDecider } from './scrutiny/review.decider';
import type { Decider, DomainCommand, DomainEvent } from './shared/decider';
import { voteDecider } from './votes/vote.decider';

/** Every aggregate of the ledger, by stream category. */
export const DECIDERS = {
  body: bodyDecider,
  person: personDecider,
  alliance: allianceDecider,
  proposal: proposalDecider,
  meeting: meetingDecider,
  vote: voteDecider,
  document: documentDecider,
  question: questionDecider,
  review: reviewDecider,
} as const;

export type AggregateKind = keyof typeof DECIDERS;

/**
 * Streams kept beside the aggregates: registers that keep a value unique across streams. They
 * take no command of their own (their entries are written beside the decisions that take a
 * value) but are read like aggregates, through References.
 */
export const REGISTERS = { decisionref: referenceRegister } as const;
export type RegisterKind = keyof typeof REGISTERS;
/** Every kind of stream a decision can read: the aggregates and the registers. */
export type StateKind = AggregateKind | RegisterKind;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDecider = Decider<any, DomainCommand, DomainEvent>;

export const folderOf = (kind: StateKind) =>
  (kind in REGISTERS ? REGISTERS[kind as RegisterKind] : DECIDERS[kind as AggregateKind]) as AnyDecider;

/** The aggregate a stream is of (`vote-v` is a vote's), or undefined for a register or a stream of no aggregate. */
export function aggregateKindOf(stream: string): AggregateKind | undefined {
  const at = stream.indexOf('-');
  const kind = at < 0 ? '' : stream.slice(0, at);
  return Object.hasOwn(DECIDERS, kind) ? (kind as AggregateKind) : undefined;
}
