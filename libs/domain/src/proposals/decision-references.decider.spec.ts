import {
  AT,
  by,
  decide,
  given,
  OLLY_001,
  refsWith,
  register,
  reservationOf,
  reserved,
} from '../testing/proposal.fixtures';
import { derivedReservation, referenceRegisterId } from './decision-references';

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
