import { aBody, aPerson, bodiesById, bodyEvents, bodyRegistered, folded } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { bodyDecider } from './body.decider';
import type { BodyEvent } from './body.events';
import { officeHolder, standingBodyOn } from './body.rules';
import { isActiveOn, officeHeldOn } from './body.state';

/** The body's own stream, and the refs a handler would load for it (its own state among them). */
function body(events: BodyEvent[], others: { persons?: string[]; bodies?: ReturnType<typeof aBody>[] } = {}) {
  const own = folded(bodyDecider, events);
  const refs = refsOf({
    body: bodiesById(...(own.exists ? [own] : []), ...(others.bodies ?? [])),
    person: Object.fromEntries((others.persons ?? []).map((id) => [id, aPerson(id)])),
  });
  return { given: spec(bodyDecider).given(events), refs };
}

const pa = bodyRegistered('pa', { name: 'Hertfordshire Police Authority', foundingDate: '1995-04-01' });
const withPost: BodyEvent[] = [
  pa,
  { type: 'PostCreated', data: { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' } },
];
const appointment = {
  bodyId: 'pa',
  membershipId: 'm1',
  postId: 'chair',
  personId: 'ann',
  startDate: '2010-05-01',
};
const appointed: BodyEvent = { type: 'OfficeHolderAppointed', data: appointment };

describe('body decider', () => {
  describe('RegisterBody', () => {
    it('registers a body', () => {
      spec(bodyDecider)
        .given([])
        .when({ type: 'RegisterBody', data: pa.data })
        .then([{ type: 'BodyRegistered', data: pa.data }]);
    });

    it('registers a committee under a registered parent', () => {
      const data = {
        ...bodyRegistered('audit', { classification: 'committee', powers: 'advises' }).data,
        parentId: 'pa',
      };
      spec(bodyDecider)
        .given([])
        .when({ type: 'RegisterBody', data }, { refs: refsOf({ body: bodiesById(aBody({ bodyId: 'pa' })) }) })
        .then([{ type: 'BodyRegistered', data }]);
    });

    it('refuses a parent that is not registered (not-found)', () => {
      spec(bodyDecider)
        .given([])
        .when({ type: 'RegisterBody', data: { ...bodyRegistered('audit').data, parentId: 'nobody' } })
        .thenFails('not-found', /Parent body nobody/);
    });

    it('refuses to register the same body twice (already-exists)', () => {
      spec(bodyDecider)
        .given([pa])
        .when({ type: 'RegisterBody', data: pa.data })
        .thenFails('already-exists', /pa is already registered/);
    });
  });

  describe('any later command', () => {
    it('refuses a body that is not registered (not-found)', () => {
      spec(bodyDecider)
        .given([])
        .when({ type: 'CreatePost', data: { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' } })
        .thenFails('not-found', /Body pa is not registered/);
    });
  });

  describe('CreatePost', () => {
    const command = {
      type: 'CreatePost' as const,
      data: { bodyId: 'pa', postId: 'chair', label: 'Chair', role: 'chair' },
    };

    it('creates a post', () => {
      const { given, refs } = body([pa]);
      given.when(command, { refs }).then([{ type: 'PostCreated', data: command.data }]);
    });

    it('refuses a post that exists (already-exists)', () => {
      const { given, refs } = body(withPost);
      given.when(command, { refs }).thenFails('already-exists', /Post chair already exists/);
    });

    it('refuses a post on a body not yet established (body-not-established)', () => {
      const { given, refs } = body([bodyRegistered('pa', { foundingDate: '2012-11-22' })]);
      given
        .when(command, { at: '2012-08-01', refs })
        .thenFails('body-not-established', /established on 2012-11-22/);
    });

    it('refuses a post on an abolished body (body-abolished), naming its successor', () => {
      const { given, refs } = body([
        pa,
        {
          type: 'BodyAbolished',
          data: { bodyId: 'pa', dissolutionDate: '2012-06-01', successorId: 'pcc', reason: 'statute' },
        },
      ]);
      given.when(command, { at: '2012-08-01', refs }).thenFails('body-abolished', /its successor is pcc/);
    });
  });

  describe('AppointOfficeHolder', () => {
    const command = { type: 'AppointOfficeHolder' as const, data: appointment };

    it('appoints a registered person to a post', () => {
      const { given, refs } = body(withPost, { persons: ['ann'] });
      given.when(command, { refs }).then([{ type: 'OfficeHolderAppointed', data: command.data }]);
    });

    it('refuses a post the body does not have (not-found)', () => {
      const { given, refs } = body([pa], { persons: ['ann'] });
      given.when(command, { refs }).thenFails('not-found', /has no post chair/);
    });

    it('refuses a person who is not registered (not-found)', () => {
      const { given, refs } = body(withPost);
      given.when(command, { refs }).thenFails('not-found', /Person ann is not registered/);
    });

    it('refuses a term starting before the body was established (body-not-established)', () => {
      const { given, refs } = body(withPost, { persons: ['ann'] });
      given
        .when({ ...command, data: { ...command.data, startDate: '1990-01-01' } }, { refs })
        .thenFails('body-not-established');
    });

    it('refuses a term starting after the body was abolished (body-abolished)', () => {
      const { given, refs } = body(
        [
          ...withPost,
          { type: 'BodyAbolished', data: { bodyId: 'pa', dissolutionDate: '2012-11-22', reason: 'statute' } },
        ],
        { persons: ['ann'] },
      );
      given
        .when({ ...command, data: { ...command.data, startDate: '2012-11-22' } }, { refs })
        .thenFails('body-abolished', /abolished on 2012-11-22/);
    });

    it('refuses a membership id already used (already-exists)', () => {
      const { given, refs } = body([...withPost, appointed], { persons: ['ann'] });
      given.when(command, { refs }).thenFails('already-exists', /Membership m1/);
    });

    it('refuses a term whose known end is before its start (ends-before-start), naming both fields', () => {
      const { given, refs } = body(withPost, { persons: ['ann'] });
      given
        .when({ ...command, data: { ...command.data, endDate: '2010-04-30' } }, { refs })
        .thenFails(
          'ends-before-start',
          /ends on 2010-04-30 \(endDate\), before it starts on 2010-05-01 \(startDate\)/,
        );
    });
  });

  describe('RecordOfficeHolderLeft', () => {
    it('ends a term', () => {
      const { given, refs } = body([...withPost, appointed]);
      given
        .when(
          {
            type: 'RecordOfficeHolderLeft',
            data: { bodyId: 'pa', membershipId: 'm1', endDate: '2012-11-22' },
          },
          { refs },
        )
        .then([
          { type: 'OfficeHolderLeft', data: { bodyId: 'pa', membershipId: 'm1', endDate: '2012-11-22' } },
        ]);
    });

    it('refuses a membership that does not exist (not-found)', () => {
      const { given, refs } = body(withPost);
      given
        .when(
          {
            type: 'RecordOfficeHolderLeft',
            data: { bodyId: 'pa', membershipId: 'm1', endDate: '2012-11-22' },
          },
          { refs },
        )
        .thenFails('not-found', /no membership m1/);
    });

    it('refuses a term that ends before it starts (ends-before-start)', () => {
      const { given, refs } = body([...withPost, appointed]);
      given
        .when(
          {
            type: 'RecordOfficeHolderLeft',
            data: { bodyId: 'pa', membershipId: 'm1', endDate: '2010-04-30' },
          },
          { refs },
        )
        .thenFails('ends-before-start', /ends on 2010-04-30 \(endDate\), before it starts on 2010-05-01/);
    });
  });

  describe('AbolishBody', () => {
    const pcc = aBody({
      bodyId: 'pcc',
      classification: 'police-and-crime-commissioner',
      foundingDate: '2012-11-22',
    });

    it('abolishes a body and names its successor', () => {
      const { given, refs } = body([pa], { bodies: [pcc] });
      const data = {
        bodyId: 'pa',
        dissolutionDate: '2012-11-22',
        successorId: 'pcc',
        reason: 'Police Reform and Social Responsibility Act 2011',
      };
      given
        .when({ type: 'AbolishBody', data }, { at: '2012-11-22', refs })
        .then([{ type: 'BodyAbolished', data }]);
    });

    it('abolishes a body without a successor', () => {
      const { given, refs } = body([pa]);
      const data = { bodyId: 'pa', dissolutionDate: '2012-11-22', reason: 'wound up' };
      given
        .when({ type: 'AbolishBody', data }, { at: '2012-11-22', refs })
        .then([{ type: 'BodyAbolished', data }]);
    });

    it('refuses a body succeeding itself (invalid-value)', () => {
      const { given, refs } = body([pa]);
      given
        .when(
          {
            type: 'AbolishBody',
            data: { bodyId: 'pa', dissolutionDate: '2012-11-22', successorId: 'pa', reason: 'x' },
          },
          { refs },
        )
        .thenFails('invalid-value', /cannot succeed itself/);
    });

    it('refuses a successor that is not registered (not-found)', () => {
      const { given, refs } = body([pa]);
      given
        .when(
          {
            type: 'AbolishBody',
            data: { bodyId: 'pa', dissolutionDate: '2012-11-22', successorId: 'pcc', reason: 'x' },
          },
          { refs },
        )
        .thenFails('not-found', /Successor pcc/);
    });

    it('refuses to abolish a body again after it was abolished (body-abolished)', () => {
      const { given, refs } = body([
        pa,
        { type: 'BodyAbolished', data: { bodyId: 'pa', dissolutionDate: '2012-11-22', reason: 'x' } },
      ]);
      given
        .when(
          { type: 'AbolishBody', data: { bodyId: 'pa', dissolutionDate: '2012-12-01', reason: 'again' } },
          { at: '2012-12-01', refs },
        )
        .thenFails('body-abolished');
    });

    it('refuses a dissolution before the body was established (body-not-established)', () => {
      const { given, refs } = body([pa]);
      given
        .when(
          { type: 'AbolishBody', data: { bodyId: 'pa', dissolutionDate: '1990-01-01', reason: 'x' } },
          { refs },
        )
        .thenFails('body-not-established');
    });
  });

  describe('the state it folds, and the rules other features read from it', () => {
    const herts = aBody({
      bodyId: 'pa',
      holders: [
        { personId: 'ann', postId: 'chair', startDate: '2010-05-01', endDate: '2012-05-01' },
        { personId: 'bob', postId: 'chair', startDate: '2012-05-01' },
      ],
      abolished: { on: '2012-11-22', successorId: 'pcc' },
    });

    it('knows who held which post on a date: a term includes its start and excludes its end', () => {
      expect(officeHeldOn(herts, 'ann', '2010-05-01')?.postId).toBe('chair');
      expect(officeHeldOn(herts, 'ann', '2012-05-01')).toBeUndefined();
      expect(officeHeldOn(herts, 'bob', '2012-05-01')?.membershipId).toBe('bob-chair');
    });

    it('refuses someone who held no post on the date (not-office-holder)', () => {
      expect(() => officeHolder(herts, 'ann', '2012-06-01')).toThrow(
        expect.objectContaining({ rule: 'not-office-holder' }),
      );
      expect(officeHolder(herts, 'bob', '2012-06-01').personId).toBe('bob');
    });

    it('is active from its founding date until, not including, its dissolution date', () => {
      expect(isActiveOn(herts, '1995-03-31')).toBe(false);
      expect(isActiveOn(herts, '1995-04-01')).toBe(true);
      expect(isActiveOn(herts, '2012-11-21T23:59:59Z')).toBe(true);
      expect(isActiveOn(herts, '2012-11-22')).toBe(false);
    });

    it('stands for itself until abolished, then its successor stands in its place (through a chain)', () => {
      const pcc = aBody({
        bodyId: 'pcc',
        foundingDate: '2012-11-22',
        abolished: { on: '2020-01-01', successorId: 'fire-and-police' },
      });
      const refs = refsOf({
        body: bodiesById(herts, pcc, aBody({ bodyId: 'fire-and-police', foundingDate: '2020-01-01' })),
      });
      expect(standingBodyOn(refs, 'pa', '2012-11-21')).toBe('pa');
      expect(standingBodyOn(refs, 'pa', '2012-11-22')).toBe('pcc');
      expect(standingBodyOn(refs, 'pa', '2021-01-01')).toBe('fire-and-police');
    });

    it('folds an office holder leaving into the end of the term', () => {
      const state = folded(bodyDecider, [
        ...bodyEvents({ bodyId: 'pa', holders: [{ personId: 'ann', membershipId: 'm1' }] }),
        { type: 'OfficeHolderLeft', data: { bodyId: 'pa', membershipId: 'm1', endDate: '2012-11-22' } },
      ]);
      expect(state.memberships).toEqual([
        {
          membershipId: 'm1',
          postId: 'member',
          personId: 'ann',
          startDate: '1995-04-01',
          endDate: '2012-11-22',
        },
      ]);
    });
  });

  it('names what a handler must load, and retries all but a registration on a conflict', () => {
    expect(
      bodyDecider.referencesOf({ type: 'RegisterBody', data: { ...pa.data, parentId: 'council' } }),
    ).toEqual([
      { kind: 'body', id: 'pa' },
      { kind: 'body', id: 'council' },
    ]);
    expect(bodyDecider.referencesOf({ type: 'AppointOfficeHolder', data: appointment })).toEqual([
      { kind: 'body', id: 'pa' },
      { kind: 'person', id: 'ann' },
    ]);
    expect(
      bodyDecider.referencesOf({
        type: 'AbolishBody',
        data: { bodyId: 'pa', dissolutionDate: '2012-11-22', successorId: 'pcc', reason: 'x' },
      }),
    ).toEqual([
      { kind: 'body', id: 'pa' },
      { kind: 'body', id: 'pcc' },
    ]);
    expect(
      bodyDecider.referencesOf({
        type: 'RecordOfficeHolderLeft',
        data: { bodyId: 'pa', membershipId: 'm1', endDate: '2012-11-22' },
      }),
    ).toEqual([{ kind: 'body', id: 'pa' }]);
    expect(bodyDecider.retryOnConflict({ type: 'RegisterBody', data: pa.data })).toBe(false);
    expect(
      bodyDecider.retryOnConflict({
        type: 'CreatePost',
        data: { bodyId: 'pa', postId: 'p', label: 'l', role: 'r' },
      }),
    ).toBe(true);
  });
});
