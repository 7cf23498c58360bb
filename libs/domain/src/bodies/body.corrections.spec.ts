import { aPerson, bodyEvents, type Dated } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { bodyDecider } from './body.decider';
import type { BodyEvent } from './body.events';
import { correct, corrected, retract, retracted } from '../testing/corrections.fixtures';

/*
 * A body's corrected entries keep the rules their commands keep: a term of office starts while the
 * body exists and ends after it starts, a body is abolished after it was established. The body
 * reads itself as it stood before the entry, as its command did. The PCC was established on
 * 22 November 2012, Olly its commissioner from that day; given events are 'given-0' (the
 * registration), 'given-1' (the post), 'given-2' (Olly's appointment), … in order.
 */
const pcc = bodyEvents({
  bodyId: 'pcc',
  name: 'PCC',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
  holders: [{ personId: 'olly', postId: 'commissioner', startDate: '2012-11-22' }],
}).map((e) => ({ ...e, occurredAt: '2012-11-22' }));
const left: Dated<BodyEvent> = {
  type: 'OfficeHolderLeft',
  data: { bodyId: 'pcc', membershipId: 'olly-commissioner', endDate: '2016-05-11' },
  occurredAt: '2016-05-11',
};
const refs = refsOf({ person: { olly: aPerson('olly') } });
const body = (...more: Array<Dated<BodyEvent>>) => spec(bodyDecider).given([...pcc, ...more]);
const at = { at: '2017-01-01', refs };

describe('a corrected term of office', () => {
  it('refuses a start corrected to before the body was established (body-not-established)', () => {
    body()
      .when(correct('given-2', { startDate: '2012-01-01' }), at)
      .thenFails(
        'body-not-established',
        /OfficeHolderAppointed\.startDate as corrected: PCC was established on 2012-11-22, after 2012-01-01/,
      );
  });

  it('takes a start corrected back into the body’s life', () => {
    body()
      .when(correct('given-2', { startDate: '2012-11-23' }), at)
      .then(corrected('given-2', { startDate: '2012-11-23' }));
  });

  it('refuses an end corrected to before the term started (ends-before-start)', () => {
    body(left)
      .when(correct('given-3', { endDate: '2012-01-01' }), at)
      .thenFails(
        'ends-before-start',
        /OfficeHolderLeft\.endDate as corrected: .*ends on 2012-01-01 \(endDate\), before it starts on 2012-11-22/,
      );
  });

  it('refuses a start corrected to after the recorded end of the term (ends-before-start)', () => {
    body(left)
      .when(correct('given-2', { startDate: '2016-06-01' }), at)
      .thenFails('ends-before-start', /OfficeHolderLeft given-3 .*could not have been recorded/);
  });

  it('refuses an appointment’s own end, or its start, corrected out of order (ends-before-start)', () => {
    const fixedTerm = bodyEvents({
      bodyId: 'pcc',
      name: 'PCC',
      foundingDate: '2012-11-22',
      holders: [{ personId: 'olly', postId: 'commissioner', startDate: '2012-11-22', endDate: '2016-05-12' }],
    }).map((e) => ({ ...e, occurredAt: '2012-11-22' }));
    spec(bodyDecider)
      .given(fixedTerm)
      .when(correct('given-2', { endDate: '2012-11-21' }), at)
      .thenFails(
        'ends-before-start',
        /OfficeHolderAppointed\.endDate as corrected: .*ends on 2012-11-21 \(endDate\), before it starts on 2012-11-22 \(startDate\)/,
      );
    spec(bodyDecider)
      .given(fixedTerm)
      .when(correct('given-2', { startDate: '2016-06-01' }), at)
      .thenFails('ends-before-start', /OfficeHolderAppointed\.startDate as corrected/);
  });
});

describe('a corrected registration or abolition', () => {
  it('refuses a founding date corrected to after a term the body recorded (body-not-established)', () => {
    body()
      .when(correct('given-0', { foundingDate: '2013-01-01' }), at)
      .thenFails('body-not-established', /PostCreated given-1 of 2012-11-22 could not have been recorded/);
  });

  it('refuses a dissolution corrected to before the body was established (body-not-established)', () => {
    const abolished = bodyEvents({ bodyId: 'pa', abolished: { on: '2012-11-22', successorId: 'pcc' } });
    spec(bodyDecider)
      .given(abolished)
      .when(correct('given-1', { dissolutionDate: '1990-01-01' }), at)
      .thenFails('body-not-established', /BodyAbolished\.dissolutionDate as corrected/);
    spec(bodyDecider)
      .given(abolished)
      .when(correct('given-1', { successorId: 'pa' }), at)
      .thenFails('invalid-value', /A body cannot succeed itself/);
  });

  it('refuses a quorum corrected to more members than there are (invalid-value)', () => {
    body({
      type: 'QuorumSet',
      data: { bodyId: 'pcc', fraction: { numerator: 1, denominator: 4 } },
      occurredAt: '2012-12-01',
    })
      .when(correct('given-3', { fraction: { numerator: 3, denominator: 2 } }), at)
      .thenFails('invalid-value', /3\/2 of the members is not a fraction/);
  });
});

describe('a retracted term of office', () => {
  it('refuses retracting an appointment whose leaving is recorded, naming the leaving', () => {
    body(left)
      .when(retract('given-2'), at)
      .thenFails(
        'retraction-leaves-dependent',
        /OfficeHolderAppointed given-2 .*cannot be retracted: OfficeHolderLeft given-3 of 2016-05-11 could not have been recorded without it \(not-found: PCC has no membership olly-commissioner\)/,
      );
  });

  it('takes retracting the appointment alone, or its leaving', () => {
    body().when(retract('given-2'), at).then(retracted('given-2'));
    body(left).when(retract('given-3'), at).then(retracted('given-3'));
  });
});
