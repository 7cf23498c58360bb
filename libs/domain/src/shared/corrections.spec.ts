import { proposalDecider } from '../proposals/proposal.decider';
import type { ProposalEvent } from '../proposals/proposal.events';
import { aBody, proposalTabled, type Dated } from '../testing/builders';
import { CLAIM_ID, correctable, DECISION_ID, typoClaim as claim } from '../testing/corrections.fixtures';
import { refsOf } from '../testing/given-when-then';
import { fold } from './aggregate';
import {
  decideCorrection,
  effectiveEvents,
  isCorrectionCommand,
  isCorrectionEvent,
  type CorrectionEvent,
} from './corrections';
import type { Recorded } from './decider';

/*
 * Corrections go through decideOn for any stream; the proposal stream stands for all of them.
 * Given events are ids 'given-0', 'given-1', … in order (see spec()).
 */
const stream = (...more: Array<Dated<ProposalEvent | CorrectionEvent>>) => correctable({}, ...more);
const corrected = (changes: Record<string, unknown>, eventId = CLAIM_ID): CorrectionEvent => ({
  type: 'EventCorrected',
  data: { eventId, reason: 'Typing error', changes },
});
const retracted = (eventId: string): CorrectionEvent => ({
  type: 'EventRetracted',
  data: { eventId, reason: 'Entered in the wrong record' },
});

describe('corrections', () => {
  describe('CorrectEvent', () => {
    it('corrects a field of an earlier event, with its reason', () => {
      stream()
        .when({
          type: 'CorrectEvent',
          data: { eventId: CLAIM_ID, reason: 'Typing error', changes: { amount: 73_000_000 } },
        })
        .then([corrected({ amount: 73_000_000 })]);
    });

    it('may add an optional field the original left out (a decision record’s reference)', () => {
      stream()
        .when(
          {
            type: 'CorrectEvent',
            data: { eventId: DECISION_ID, reason: 'Reference found', changes: { reference: 'PA/D/001' } },
          },
          // A reference taken checks the body's form and register (decision.rules.ts).
          { refs: refsOf({ body: { pa: aBody({ bodyId: 'pa' }) } }) },
        )
        .then([
          {
            type: 'EventCorrected',
            data: { eventId: DECISION_ID, reason: 'Reference found', changes: { reference: 'PA/D/001' } },
          },
        ]);
    });

    it('may correct an event that was corrected before', () => {
      stream(corrected({ amount: 1 }))
        .when({ type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: 'Again', changes: { amount: 2 } } })
        .then([
          { type: 'EventCorrected', data: { eventId: CLAIM_ID, reason: 'Again', changes: { amount: 2 } } },
        ]);
    });

    it('ignores the rules of the aggregate: a closed proposal’s record can still be corrected', () => {
      stream({
        type: 'ProposalWithdrawn',
        data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'x' },
        occurredAt: '2012-07-01T00:00:00.000Z',
      })
        .when({
          type: 'CorrectEvent',
          data: { eventId: CLAIM_ID, reason: 'Typing error', changes: { amount: 73_000_000 } },
        })
        .then([corrected({ amount: 73_000_000 })]);
    });

    it('refuses a field the event does not have (correction-changes-unknown-field)', () => {
      stream()
        .when({
          type: 'CorrectEvent',
          data: { eventId: CLAIM_ID, reason: 'x', changes: { amount: 1, colour: 'red' } },
        })
        .thenFails('correction-changes-unknown-field', /ClaimRecorded has no field colour/);
    });

    it('given a change of the entry’s date, then it is refused, saying how a date is mended', () => {
      stream()
        .when({
          type: 'CorrectEvent',
          data: { eventId: CLAIM_ID, reason: 'x', changes: { occurredAt: '2012-06-01' } },
        })
        .thenFails(
          'correction-changes-unknown-field',
          /cannot change when ClaimRecorded .* happened \(occurredAt\): retract it and record it again with its right date/,
        );
    });

    it('refuses a name every object inherits as a field (correction-changes-unknown-field)', () => {
      stream()
        .when({ type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: 'x', changes: { toString: 'x' } } })
        .thenFails('correction-changes-unknown-field', /ClaimRecorded has no field toString/);
    });

    it.each(['proposalId', 'claimId'])('refuses to change the identity field %s (invalid-value)', (field) => {
      stream()
        .when({
          type: 'CorrectEvent',
          data: { eventId: CLAIM_ID, reason: 'x', changes: { [field]: 'elsewhere' } },
        })
        .thenFails('invalid-value', new RegExp(`${field} identifies the record`));
    });

    it('refuses a correction that changes nothing (invalid-value)', () => {
      stream()
        .when({ type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: 'x', changes: {} } })
        .thenFails('invalid-value', /at least one field/);
    });

    it('refuses a correction without a reason (invalid-value)', () => {
      stream()
        .when({ type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: '  ', changes: { amount: 1 } } })
        .thenFails('invalid-value', /must give its reason/);
    });

    it('refuses an event that is not in this record (correction-target-missing)', () => {
      stream()
        .when({ type: 'CorrectEvent', data: { eventId: 'elsewhere', reason: 'x', changes: { amount: 1 } } })
        .thenFails('correction-target-missing', /elsewhere is not in this record/);
    });

    it('refuses to correct a correction (correction-target-missing)', () => {
      stream(corrected({ amount: 1 }))
        .when({ type: 'CorrectEvent', data: { eventId: 'given-3', reason: 'x', changes: { reason: 'y' } } })
        .thenFails('correction-target-missing');
    });

    it('refuses to correct a retracted event (correction-target-retracted)', () => {
      stream(retracted(CLAIM_ID))
        .when({ type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: 'x', changes: { amount: 1 } } })
        .thenFails('correction-target-retracted');
    });
  });

  describe('RetractEvent', () => {
    it('retracts an earlier event, with its reason', () => {
      stream()
        .when({ type: 'RetractEvent', data: { eventId: CLAIM_ID, reason: 'Entered in the wrong record' } })
        .then([retracted(CLAIM_ID)]);
    });

    it('refuses to retract it twice (correction-target-retracted)', () => {
      stream(retracted(CLAIM_ID))
        .when({ type: 'RetractEvent', data: { eventId: CLAIM_ID, reason: 'again' } })
        .thenFails('correction-target-retracted', /given-1 was retracted/);
    });

    it('refuses an event that is not in this record (correction-target-missing)', () => {
      stream()
        .when({ type: 'RetractEvent', data: { eventId: 'elsewhere', reason: 'x' } })
        .thenFails('correction-target-missing');
    });

    it('refuses to retract a retraction (correction-target-missing)', () => {
      stream(retracted(CLAIM_ID))
        .when({ type: 'RetractEvent', data: { eventId: 'given-3', reason: 'x' } })
        .thenFails('correction-target-missing');
    });

    it('refuses a retraction without a reason (invalid-value)', () => {
      stream()
        .when({ type: 'RetractEvent', data: { eventId: CLAIM_ID, reason: '' } })
        .thenFails('invalid-value');
    });
  });

  describe('the time rules apply to corrections too', () => {
    it('refuses a correction dated before the last event of the record (date-goes-backwards)', () => {
      stream()
        .when(
          { type: 'CorrectEvent', data: { eventId: CLAIM_ID, reason: 'x', changes: { amount: 1 } } },
          { at: '2012-05-01' },
        )
        .thenFails('date-goes-backwards', /record a correction/);
    });

    it('refuses a correction dated before the entry it names (correction-before-entry), not with advice to correct', () => {
      stream()
        .when(
          { type: 'CorrectEvent', data: { eventId: DECISION_ID, reason: 'x', changes: { rationale: 'y' } } },
          { at: '2012-05-01' },
        )
        .thenFails('correction-before-entry', /dated 2012-05-01, before the entry it names \(2012-06-01/);
      stream()
        .when({ type: 'RetractEvent', data: { eventId: DECISION_ID, reason: 'x' } }, { at: '2012-05-01' })
        .thenFails('correction-before-entry');
    });

    it('refuses a correction dated in the future (date-in-future)', () => {
      stream()
        .when(
          { type: 'RetractEvent', data: { eventId: CLAIM_ID, reason: 'x' } },
          { at: '2030-01-01', now: '2026-01-01' },
        )
        .thenFails('date-in-future');
    });
  });

  describe('effectiveEvents: the record as it stands after its corrections', () => {
    const at = (n: number) => `2012-0${n}-01T00:00:00.000Z`;
    const events = [
      { ...proposalTabled(), id: 'e1', occurredAt: at(3) },
      { ...claim, id: 'e2', occurredAt: at(4) },
      {
        type: 'ClaimRecorded',
        data: { ...claim.data, claimId: 'staff', amount: 1000 },
        id: 'e3',
        occurredAt: at(4),
      },
      { ...corrected({ amount: 73_000_000, qualifier: 'about' }, 'e2'), id: 'c1', occurredAt: at(5) },
      { ...corrected({ qualifier: 'exactly' }, 'e2'), id: 'c2', occurredAt: at(6) },
      { ...retracted('e3'), id: 'c3', occurredAt: at(7) },
    ] as Array<Recorded<ProposalEvent | CorrectionEvent>>;

    it('drops retracted events and the corrections themselves, and applies the changes in order', () => {
      const effective = effectiveEvents(events);
      expect(effective.map((e) => e.id)).toEqual(['e1', 'e2']);
      expect(effective[1]).toEqual({
        ...events[1],
        data: { ...claim.data, amount: 73_000_000, qualifier: 'exactly' },
      });
    });

    it('leaves the original events as they were recorded', () => {
      effectiveEvents(events);
      expect(events[1].data).toEqual(claim.data);
    });

    it('is what fold evolves the state from, while the raw history is kept', () => {
      const folded = fold(proposalDecider, events as Recorded[]);
      expect(folded.state.claims.map((c) => [c.claimId, c.amount, c.qualifier])).toEqual([
        ['gap', 73_000_000, 'exactly'],
      ]);
      expect(folded.events).toHaveLength(6);
      expect(folded.revision).toBe(5);
      expect(folded.lastOccurredAt).toBe(at(7));
    });

    it('reopens a proposal whose withdrawal is retracted', () => {
      const state = fold(proposalDecider, [
        { ...proposalTabled(), id: 'e1', occurredAt: at(3) },
        {
          type: 'ProposalWithdrawn',
          data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'x' },
          id: 'e2',
          occurredAt: at(4),
        },
        { ...retracted('e2'), id: 'c1', occurredAt: at(5) },
      ] as Recorded[]).state;
      expect(state.lifecycle).toBe('open');
    });
  });

  it('tells corrections from other commands and events', () => {
    expect(isCorrectionCommand({ type: 'CorrectEvent' })).toBe(true);
    expect(isCorrectionCommand({ type: 'RetractEvent' })).toBe(true);
    expect(isCorrectionCommand({ type: 'RecordDecision' })).toBe(false);
    expect(isCorrectionEvent(retracted('x'))).toBe(true);
    expect(isCorrectionEvent(claim)).toBe(false);
  });

  it('decideCorrection checks a correction against the raw record', () => {
    const raw = [{ ...claim, id: 'e1', occurredAt: '2012-04-01' }] as Recorded[];
    expect(decideCorrection({ type: 'RetractEvent', data: { eventId: 'e1', reason: 'dup' } }, raw)).toEqual([
      { type: 'EventRetracted', data: { eventId: 'e1', reason: 'dup' } },
    ]);
  });
});
