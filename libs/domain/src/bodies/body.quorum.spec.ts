import { bodyEvents, folded } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { bodyDecider } from './body.decider';
import { quorumOn } from './body.state';

const holders = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((personId) => ({
  personId,
  startDate: '2012-11-22',
}));
const panelEvents = bodyEvents({ bodyId: 'panel', foundingDate: '2012-11-01', holders });
const panel = folded(bodyDecider, panelEvents);
const refs = refsOf({ body: { panel } });
const at = { at: '2013-01-01T00:00:00.000Z', refs };

describe('body decider: SetQuorum', () => {
  it('sets a quorum of a fraction of the members and a least number', () => {
    const data = { bodyId: 'panel', fraction: { numerator: 1, denominator: 4 }, minimum: 3 };
    spec(bodyDecider)
      .given(panelEvents)
      .when({ type: 'SetQuorum', data }, at)
      .then([{ type: 'QuorumSet', data }]);
  });

  it('refuses a quorum with neither a fraction nor a number (invalid-value)', () => {
    spec(bodyDecider)
      .given(panelEvents)
      .when({ type: 'SetQuorum', data: { bodyId: 'panel' } }, at)
      .thenFails('invalid-value', /neither was given/);
  });

  it('refuses a fraction above one (invalid-value)', () => {
    spec(bodyDecider)
      .given(panelEvents)
      .when({ type: 'SetQuorum', data: { bodyId: 'panel', fraction: { numerator: 5, denominator: 4 } } }, at)
      .thenFails('invalid-value', /5\/4 of the members is not a fraction/);
  });

  it('refuses a number of members below one (invalid-value)', () => {
    spec(bodyDecider)
      .given(panelEvents)
      .when({ type: 'SetQuorum', data: { bodyId: 'panel', minimum: 0 } }, at)
      .thenFails('invalid-value', /0 members is not a whole number/);
  });

  it('refuses a body not registered (not-found)', () => {
    spec(bodyDecider)
      .given([])
      .when({ type: 'SetQuorum', data: { bodyId: 'ghost', minimum: 2 } }, at)
      .thenFails('not-found');
  });
});

describe('quorumOn: the members needed on a date', () => {
  const withQuorum = (quorum: { fraction?: { numerator: number; denominator: number }; minimum?: number }) =>
    folded(bodyDecider, [...panelEvents, { type: 'QuorumSet', data: { bodyId: 'panel', ...quorum } }]);

  it('rounds a fraction of the members up: a quarter of 10 is 3', () => {
    expect(quorumOn(withQuorum({ fraction: { numerator: 1, denominator: 4 } }), '2013-01-01')).toBe(3);
  });

  it('takes the larger of the fraction and the least number', () => {
    expect(
      quorumOn(withQuorum({ fraction: { numerator: 1, denominator: 4 }, minimum: 5 }), '2013-01-01'),
    ).toBe(5);
  });

  it('counts only the members holding a post on the day', () => {
    expect(quorumOn(withQuorum({ fraction: { numerator: 1, denominator: 2 } }), '2012-11-21')).toBe(0);
  });

  it('is undefined when the standing orders set none', () => {
    expect(quorumOn(panel, '2013-01-01')).toBeUndefined();
  });
});
