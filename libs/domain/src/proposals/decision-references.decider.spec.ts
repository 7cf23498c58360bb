import { bodyDecider } from '../bodies/body.decider';
import { referenceFormatOn } from '../bodies/body.state';
import { fold } from '../shared/aggregate';
import type { Recorded } from '../shared/decider';
import { aBody, anAlliance, aPerson, bodiesById, bodyEvents, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import {
  derivedReservation,
  referenceRegister,
  referenceRegisterId,
  type DecisionReferenceEvent,
  type ReferenceRegisterState,
} from './decision-references';
import { proposalDecider, type ProposalCommand } from './proposal.decider';
import type { ProposalEvent } from './proposal.events';

/*
 * Issue 16: a decision's reference is unique per decision-maker and per term across every
 * proposal, kept by a register stream per (body, decision-maker, reference) written in the same
 * append as the decision. Olly was PCC for two terms (2012-2016, re-elected 2016-2020); the PCC
 * numbered its records PCC/D/{seq:3}, and PCC/{year}/{seq:3} from 2014.
 */
const pccEvents = bodyEvents({
  bodyId: 'pcc',
  name: 'PCC',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
  decisionReferenceFormat: 'PCC/D/{seq:3}',
  holders: [
    {
      personId: 'olly',
      postId: 'commissioner',
      membershipId: 'olly-1',
      startDate: '2012-11-22',
      endDate: '2016-05-11',
    },
    { personId: 'olly', postId: 'commissioner', membershipId: 'olly-2', startDate: '2016-05-12' },
  ],
});
const pccRecorded = [
  ...pccEvents.map((e, i) => ({ ...e, id: `body-${i}`, occurredAt: '2012-11-22' })),
  {
    type: 'DecisionReferenceFormatSet',
    data: { bodyId: 'pcc', format: 'PCC/{year}/{seq:3}' },
    id: 'body-format',
    occurredAt: '2014-01-01',
  },
] as Recorded[];
const pcc = fold(bodyDecider, pccRecorded).state;
const cc = aBody({
  bodyId: 'cc',
  name: 'Chief Constable',
  holders: [{ personId: 'carl', postId: 'chief-constable' }],
});

/** A register as folded from its reservations (and retractions). */
function register(...events: Array<Recorded<DecisionReferenceEvent> | Recorded>): ReferenceRegisterState {
  return fold(referenceRegister, events as Recorded[]).state;
}
const reserved = (
  proposalId: string,
  decisionId: string,
  occurredAt: string,
  reference = 'PCC/D/001',
  id = `res-${proposalId}-${decisionId}`,
): Recorded<DecisionReferenceEvent> => ({
  type: 'DecisionReferenceReserved',
  data: { bodyId: 'pcc', personId: 'olly', reference, proposalId, decisionId },
  id,
  occurredAt,
});
const OLLY_001 = referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/001' });
const OLLY_002 = referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: 'PCC/D/002' });

const refsWith = (registers: Record<string, ReferenceRegisterState> = {}) =>
  refsOf({
    body: bodiesById(pcc, cc),
    person: { olly: aPerson('olly'), carl: aPerson('carl') },
    alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pcc', 'cc'] }) },
    decisionref: registers,
  });
const tabled = proposalTabled({ tabledBy: 'pcc', allianceId: 'bch', bodyId: undefined }, '2013-01-02');
const AT = '2013-02-01';
type DecisionData = Extract<ProposalEvent, { type: 'DecisionRecorded' }>['data'];
const by = (overrides: Partial<DecisionData> = {}): DecisionData => ({
  proposalId: 'proposal',
  decisionId: 'd1',
  bodyId: 'pcc',
  personId: 'olly',
  postId: 'commissioner',
  outcome: 'approve',
  inPublic: true,
  rationale: 'Value for money.',
  ...overrides,
});
const decide = (data: DecisionData): ProposalCommand => ({ type: 'RecordDecision', data });
const given = (...events: Array<(ProposalEvent | Recorded) & { id?: string; occurredAt?: string }>) =>
  spec(proposalDecider).given([tabled, ...events.map((e) => ({ occurredAt: '2013-01-20', ...e }))] as never);
const recorded = (data: DecisionData, id = `event-${data.decisionId}`) => ({
  type: 'DecisionRecorded' as const,
  data,
  id,
  occurredAt: '2013-01-20',
});
const reservationOf = (id: string, data: DecisionData) => ({
  kind: 'decisionref' as const,
  id,
  events: [
    {
      type: 'DecisionReferenceReserved',
      data: {
        bodyId: data.bodyId,
        personId: data.personId,
        reference: data.reference,
        proposalId: data.proposalId,
        decisionId: data.decisionId,
      },
    },
  ],
});

describe('decision references across proposals (issue 16)', () => {
  describe('a decision taking a reference', () => {
    it('reserves it in the register of its body, decision-maker and reference, in the same append', () => {
      const data = by({ reference: 'PCC/D/001' });
      given()
        .when(decide(data), { at: AT, refs: refsWith() })
        .thenAlongside([reservationOf(OLLY_001, data)]);
    });

    it('writes nothing beside a decision that gives no reference', () => {
      given().when(decide(by()), { at: AT, refs: refsWith() }).thenAlongside([]);
    });

    it('refuses a reference its decision-maker holds on another proposal in the same term, naming that decision (decision-reference-taken)', () => {
      given()
        .when(decide(by({ decisionId: 'd9', reference: 'PCC/D/001' })), {
          at: AT,
          refs: refsWith({ [OLLY_001]: register(reserved('other-proposal', 'd1', '2013-01-10')) }),
        })
        .thenFails(
          'decision-reference-taken',
          /PCC\/D\/001 is decision d1 of PCC in the same term \(on proposal other-proposal\)/,
        );
    });

    it('accepts the reference in the decision-maker’s next term, even with the same person', () => {
      const data = by({ reference: 'PCC/D/001' });
      // Dated 2016, when PCC/{year}/{seq:3} is the form: the old form's reference is refused…
      given()
        .when(decide(data), {
          at: '2016-06-01',
          refs: refsWith({ [OLLY_001]: register(reserved('other-proposal', 'd1', '2013-01-10')) }),
        })
        .thenFails('invalid-value', /format PCC\/\{year\}\/\{seq:3\}, in force on 2016-06-01/);
      // …so the term rule is seen on a reference of the new form, held in Olly's first term.
      const ref = 'PCC/2016/001';
      const id = referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference: ref });
      const next = by({ reference: ref });
      given()
        .when(decide(next), {
          at: '2016-06-01',
          refs: refsWith({ [id]: register(reserved('other-proposal', 'd1', '2015-01-10', ref)) }),
        })
        .thenAlongside([reservationOf(id, next)]);
      given()
        .when(decide(next), {
          at: '2016-06-01',
          refs: refsWith({ [id]: register(reserved('other-proposal', 'd1', '2016-05-20', ref)) }),
        })
        .thenFails('decision-reference-taken');
    });

    it('keeps another decision-maker’s numbering apart: another register', () => {
      expect(referenceRegisterId({ bodyId: 'cc', personId: 'carl', reference: 'PCC/D/001' })).not.toBe(
        OLLY_001,
      );
      expect(referenceRegisterId({ bodyId: 'pcc', reference: 'PCC/D/001' })).not.toBe(OLLY_001);
    });

    it('is not blocked by its own reservation (a retry after a part-written append)', () => {
      const data = by({ reference: 'PCC/D/001' });
      given()
        .when(decide(data), {
          at: AT,
          refs: refsWith({ [OLLY_001]: register(reserved('proposal', 'd1', AT)) }),
        })
        .thenAlongside([reservationOf(OLLY_001, data)]);
    });

    it('counts a reservation derived from a decision recorded before registers were kept', () => {
      const derived = derivedReservation({
        eventId: 'e-old',
        occurredAt: '2013-01-05',
        proposalId: 'old-proposal',
        decisionId: 'd-old',
        bodyId: 'pcc',
        personId: 'olly',
        reference: 'PCC/D/001',
      });
      expect(derived.id).toBe('derived:e-old');
      expect(register(derived).holders).toEqual([
        {
          proposalId: 'old-proposal',
          decisionId: 'd-old',
          date: '2013-01-05',
          eventId: 'derived:e-old',
          derived: true,
        },
      ]);
      given()
        .when(decide(by({ reference: 'PCC/D/001' })), {
          at: AT,
          refs: refsWith({ [OLLY_001]: register(derived) }),
        })
        .thenFails('decision-reference-taken', /decision d-old .*old-proposal/);
    });
  });

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
        .thenFails('invalid-value', /A reference is text/);
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

  describe('the format in force on the decision’s date', () => {
    it('applies the registered form before a new one is set, and the new one from its date', () => {
      expect(referenceFormatOn(pcc, '2013-12-31')).toBe('PCC/D/{seq:3}');
      expect(referenceFormatOn(pcc, '2014-01-01')).toBe('PCC/{year}/{seq:3}');
      expect(pcc.decisionReferenceFormats).toEqual([
        { format: 'PCC/D/{seq:3}', from: '2012-11-22' },
        { format: 'PCC/{year}/{seq:3}', from: '2014-01-01' },
      ]);
      given()
        .when(decide(by({ reference: 'PCC/2014/001' })), { at: '2013-06-01', refs: refsWith() })
        .thenFails('invalid-value', /format PCC\/D\/\{seq:3\}/);
      const data = by({ reference: 'PCC/2014/001' });
      given()
        .when(decide(data), { at: '2014-03-01', refs: refsWith() })
        .then([{ type: 'DecisionRecorded', data }]);
    });
  });
});

describe('a body’s decision reference format, set from a date on', () => {
  const body = spec(bodyDecider).given(pccEvents.map((e) => ({ ...e, occurredAt: '2012-11-22' })));
  const refs = refsOf({ body: { pcc: aBody({ bodyId: 'pcc', foundingDate: '2012-11-22' }) } });
  const set = (format: string) => ({
    type: 'SetDecisionReferenceFormat' as const,
    data: { bodyId: 'pcc', format },
  });

  it('records the new form, in force from the entry’s date', () => {
    body
      .when(set('PCC/{year}/{seq:3}'), { at: '2014-01-01', refs })
      .then([{ type: 'DecisionReferenceFormatSet', data: { bodyId: 'pcc', format: 'PCC/{year}/{seq:3}' } }]);
  });

  it('refuses a form that numbers nothing, an unknown placeholder, or the form already in force (invalid-value)', () => {
    body.when(set('PCC/D'), { at: '2014-01-01', refs }).thenFails('invalid-value', /has no \{seq:N\}/);
    body
      .when(set('PCC/{month}/{seq:2}'), { at: '2014-01-01', refs })
      .thenFails('invalid-value', /\{month\} is not a part/);
    body.when(set('PCC/D/{seq:3}'), { at: '2014-01-01', refs }).thenFails('invalid-value', /already numbers/);
  });

  it('refuses a form for a body abolished by then (body-abolished)', () => {
    const abolished = {
      ...aBody({ bodyId: 'pcc', foundingDate: '2012-11-22' }),
      dissolutionDate: '2014-06-01',
    };
    body
      .when(set('PCC/{seq:3}'), { at: '2015-01-01', refs: refsOf({ body: { pcc: abolished } }) })
      .thenFails('body-abolished');
  });

  it('refuses an invalid form at registration too', () => {
    spec(bodyDecider)
      .given()
      .when({
        type: 'RegisterBody',
        data: {
          bodyId: 'x',
          name: 'X',
          classification: 'other',
          powers: 'decides',
          foundingDate: '2012-01-01',
          decisionReferenceFormat: 'X/{n}',
        },
      })
      .thenFails('invalid-value');
  });
});

describe('the register’s stream id', () => {
  it('is readable, each part escaped, or a hash when too long', () => {
    expect(OLLY_001).toBe('pcc.olly.PCC:2FD:2F001');
    expect(referenceRegisterId({ bodyId: 'a.b', reference: 'x:1' })).toBe('a:2Eb..x:3A1');
    expect(
      referenceRegisterId({ bodyId: 'pcc', personId: 'x'.repeat(128), reference: 'é'.repeat(40) }),
    ).toMatch(/^h\.[0-9a-f]{64}$/);
  });
});
