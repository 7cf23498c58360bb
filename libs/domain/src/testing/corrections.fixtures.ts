import { proposalDecider } from '../proposals/proposal.decider';
import type { ProposalEvent } from '../proposals/proposal.events';
import type { CorrectionEvent } from '../shared/corrections';
import { decisionRecorded, proposalTabled, type Dated } from './builders';
import { spec } from './given-when-then';

/**
 * What the correction specs share: a correction and what it records, and a proposal's record to
 * correct. Given events are ids 'given-0', 'given-1', … in order (see spec()).
 */

export const correct = (eventId: string, changes: Record<string, unknown>, reason = 'Found in the minutes') =>
  ({ type: 'CorrectEvent', data: { eventId, reason, changes } }) as const;

/** What `correct(...)` records when it is taken. */
export const corrected = (eventId: string, changes: Record<string, unknown>, reason?: string) => [
  { type: 'EventCorrected' as const, data: correct(eventId, changes, reason).data },
];

/** A retraction of an entry, and what it records when it is taken. */
export const retract = (eventId: string, reason = 'Entered in error') =>
  ({ type: 'RetractEvent', data: { eventId, reason } }) as const;
export const retracted = (eventId: string, reason?: string) => [
  { type: 'EventRetracted' as const, data: retract(eventId, reason).data },
];

/** A claim entered with a typing error: the report says £73m, the entry £37m. */
export const typoClaim: Extract<ProposalEvent, { type: 'ClaimRecorded' }> = {
  type: 'ClaimRecorded',
  data: {
    proposalId: 'proposal',
    claimId: 'gap',
    subject: 'funding-gap',
    amount: 37_000_000,
    unit: 'GBP',
    qualifier: 'exactly',
    claimant: 'news report',
    statement: 'a £73million funding shortfall',
  },
};
export const CLAIM_ID = 'given-1';
export const DECISION_ID = 'given-2';

type DecisionData = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];

/**
 * A proposal's record to correct: its tabling, the claim (1 April 2012) and a decision of the
 * police authority ('d', with `decision`'s fields), then `more`.
 */
export const correctable = (
  decision: Partial<DecisionData> = {},
  ...more: Array<Dated<ProposalEvent | CorrectionEvent>>
) =>
  spec(proposalDecider).given([
    proposalTabled(),
    { ...typoClaim, occurredAt: '2012-04-01T00:00:00.000Z' },
    decisionRecorded({ decisionId: 'd', bodyId: 'pa', ...decision }),
    ...more,
  ]);
