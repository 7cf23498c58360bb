import { bodyDecider } from '../bodies/body.decider';
import { referenceFormatOn } from '../bodies/body.state';
import { aBody } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { by, decide, given, pcc, pccEvents, refsWith } from '../testing/proposal.fixtures';

describe('decision references across proposals (issue 16)', () => {
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
