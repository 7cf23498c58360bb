import {
  AT,
  by,
  decide,
  given,
  OLLY_001,
  OLLY_002,
  recorded,
  refsWith,
  register,
  reservationOf,
  reserved,
} from '../testing/proposal.fixtures';
import type { ProposalCommand } from './proposal.decider';

describe('decision references across proposals (issue 16)', () => {
  describe('rescission, retraction and correction', () => {
    it('keeps a rescinded decision’s reference: the register never gives a number twice', () => {
      given(
        recorded(by({ outcome: 'reject', reference: 'PCC/D/001' })),
        recorded(
          by({ decisionId: 'd2', outcome: 'rescind', undoesDecisionId: 'd1', reference: 'PCC/D/002' }),
        ),
      )
        .when(decide(by({ decisionId: 'd3', outcome: 'approve', reference: 'PCC/D/001' })), {
          at: AT,
          refs: refsWith(),
        })
        .thenFails('decision-reference-taken', /PCC\/D\/001 is decision d1/);
    });

    it('frees a retracted decision’s reference, retracting its reservation in the register', () => {
      const refs = refsWith({
        [OLLY_001]: register(reserved('proposal', 'd1', '2013-01-20', 'PCC/D/001', 'res-1')),
      });
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(
          { type: 'RetractEvent', data: { eventId: 'event-d1', reason: 'Entered on the wrong proposal' } },
          { at: AT, refs },
        )
        .thenAlongside([
          {
            kind: 'decisionref' as const,
            id: OLLY_001,
            events: [
              {
                type: 'EventRetracted',
                data: {
                  eventId: 'res-1',
                  reason: "Decision d1's entry was retracted: Entered on the wrong proposal",
                },
              },
            ],
          },
        ]);
      // Once retracted (here and in its register), the reference may be taken again.
      const data = by({ decisionId: 'd2', reference: 'PCC/D/001' });
      given(recorded(by({ reference: 'PCC/D/001' })), {
        type: 'EventRetracted',
        data: { eventId: 'event-d1', reason: 'Entered on the wrong proposal' },
        id: 'retraction',
        occurredAt: '2013-01-25',
      })
        .when(decide(data), {
          at: AT,
          refs: refsWith({
            [OLLY_001]: register(reserved('proposal', 'd1', '2013-01-20', 'PCC/D/001', 'res-1'), {
              type: 'EventRetracted',
              data: { eventId: 'res-1', reason: 'x' },
              id: 'r',
              occurredAt: AT,
            }),
          }),
        })
        .thenAlongside([reservationOf(OLLY_001, data)]);
    });

    it('takes a corrected reference (checked like a new one) and frees the old one', () => {
      const refs = refsWith({
        [OLLY_001]: register(reserved('proposal', 'd1', '2013-01-20', 'PCC/D/001', 'res-1')),
      });
      const correct = (reference: string): ProposalCommand =>
        ({
          type: 'CorrectEvent',
          data: { eventId: 'event-d1', reason: 'The record says so', changes: { reference } },
        }) as never;
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(correct('PCC/D/002'), { at: AT, refs })
        .thenAlongside([
          reservationOf(OLLY_002, by({ reference: 'PCC/D/002' })),
          {
            kind: 'decisionref' as const,
            id: OLLY_001,
            events: [
              {
                type: 'EventRetracted',
                data: {
                  eventId: 'res-1',
                  reason: "Decision d1's reference was corrected to PCC/D/002: The record says so",
                },
              },
            ],
          },
        ]);
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(correct('PCC/D/002'), {
          at: AT,
          refs: refsWith({ [OLLY_002]: register(reserved('elsewhere', 'd7', '2013-01-02', 'PCC/D/002')) }),
        })
        .thenFails('decision-reference-taken', /PCC\/D\/002 is decision d7/);
      given(
        recorded(by({ reference: 'PCC/D/001' })),
        recorded(by({ decisionId: 'd2', reference: 'PCC/D/002' })),
      )
        .when(correct('PCC/D/002'), { at: AT, refs })
        .thenFails('decision-reference-taken', /PCC\/D\/002 is decision d2/);
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(correct('D2'), { at: AT, refs })
        .thenFails(
          'invalid-value',
          /D2 does not follow PCC's format PCC\/D\/\{seq:3\}, in force on 2013-01-20/,
        );
      // Corrected to none (the record has no number): freed, nothing taken; a number that is not text is refused.
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(
          {
            type: 'CorrectEvent',
            data: { eventId: 'event-d1', reason: 'No number', changes: { reference: null } },
          } as never,
          { at: AT, refs },
        )
        .thenAlongside([
          {
            kind: 'decisionref' as const,
            id: OLLY_001,
            events: [
              {
                type: 'EventRetracted',
                data: { eventId: 'res-1', reason: "Decision d1's reference was corrected: No number" },
              },
            ],
          },
        ]);
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(
          {
            type: 'CorrectEvent',
            data: { eventId: 'event-d1', reason: 'x', changes: { reference: { n: 7 } } },
          } as never,
          {
            at: AT,
            refs,
          },
        )
        .thenFails(
          'correction-invalid-value',
          /DecisionRecorded\.reference cannot be \{"n":7\}: it must be a text/,
        );
      // A correction that leaves the reference alone writes nothing beside it.
      given(recorded(by({ reference: 'PCC/D/001' })))
        .when(
          {
            type: 'CorrectEvent',
            data: { eventId: 'event-d1', reason: 'typo', changes: { rationale: 'VfM' } },
          },
          {
            at: AT,
            refs,
          },
        )
        .thenAlongside([]);
    });
  });
});
