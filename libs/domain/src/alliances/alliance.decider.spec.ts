import { aBody, allianceFormed, anAlliance, bodiesById } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { allianceDecider, membersOn, type AllianceEvent } from './alliance.decider';

const paBeds = aBody({ bodyId: 'pa-beds', abolished: { on: '2012-11-22', successorId: 'pcc-beds' } });
const paHerts = aBody({ bodyId: 'pa-herts', abolished: { on: '2012-11-22', successorId: 'pcc-herts' } });
const pccBeds = aBody({
  bodyId: 'pcc-beds',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
});
const pccHerts = aBody({
  bodyId: 'pcc-herts',
  classification: 'police-and-crime-commissioner',
  foundingDate: '2012-11-22',
});
const ccCambs = aBody({ bodyId: 'cc-cambs', classification: 'chief-constable' });
const refs = refsOf({ body: bodiesById(paBeds, paHerts, pccBeds, pccHerts, ccCambs) });

const formed = allianceFormed({
  allianceId: 'bch',
  name: 'Strategic Alliance',
  memberIds: ['pa-beds', 'pa-herts'],
  foundingDate: '2012-01-01',
});
const alliance = () => spec(allianceDecider).given([formed]);

describe('alliance decider', () => {
  describe('FormAlliance', () => {
    it('forms an alliance of active bodies with its decision rule', () => {
      spec(allianceDecider)
        .given([])
        .when({ type: 'FormAlliance', data: formed.data }, { refs })
        .then([{ type: 'AllianceFormed', data: formed.data }]);
    });

    it('forms an alliance that decides by majority', () => {
      const data = {
        ...formed.data,
        decisionRule: { kind: 'majority' as const, quorum: 2, chairHasCastingVote: true },
      };
      spec(allianceDecider)
        .given([])
        .when({ type: 'FormAlliance', data }, { refs })
        .then([{ type: 'AllianceFormed', data }]);
    });

    it('refuses to form it twice (already-exists)', () => {
      alliance()
        .when({ type: 'FormAlliance', data: formed.data }, { refs })
        .thenFails('already-exists', /Alliance bch exists/);
    });

    it('refuses an alliance without members (invalid-value)', () => {
      spec(allianceDecider)
        .given([])
        .when({ type: 'FormAlliance', data: { ...formed.data, memberIds: [] } }, { refs })
        .thenFails('invalid-value', /needs members/);
    });

    it('refuses a member that is not registered (not-found)', () => {
      spec(allianceDecider)
        .given([])
        .when({ type: 'FormAlliance', data: { ...formed.data, memberIds: ['pa-beds', 'ghost'] } }, { refs })
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a member not yet established on the founding date (body-not-established)', () => {
      spec(allianceDecider)
        .given([])
        .when({ type: 'FormAlliance', data: { ...formed.data, memberIds: ['pcc-beds'] } }, { refs })
        .thenFails('body-not-established');
    });

    it('refuses a member abolished by the founding date (body-abolished)', () => {
      spec(allianceDecider)
        .given([])
        .when(
          {
            type: 'FormAlliance',
            data: { ...formed.data, foundingDate: '2013-01-01', memberIds: ['pa-beds'] },
          },
          { refs },
        )
        .thenFails('body-abolished', /its successor is pcc-beds/);
    });
  });

  describe('AddAllianceMember', () => {
    const join = {
      type: 'AddAllianceMember' as const,
      data: { allianceId: 'bch', bodyId: 'cc-cambs', startDate: '2012-06-01', reason: 'joins' },
    };

    it('adds a member from a date', () => {
      alliance()
        .when(join, { refs })
        .then([{ type: 'AllianceMemberJoined', data: join.data }]);
    });

    it('refuses an alliance that is not recorded (not-found)', () => {
      spec(allianceDecider)
        .given([])
        .when(join, { refs })
        .thenFails('not-found', /Alliance bch is not recorded/);
    });

    it('refuses a body that is not registered (not-found)', () => {
      alliance()
        .when({ ...join, data: { ...join.data, bodyId: 'ghost' } }, { refs })
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a body that is already a member (already-exists)', () => {
      alliance()
        .when({ ...join, data: { ...join.data, bodyId: 'pa-herts' } }, { refs })
        .thenFails('already-exists', /already a member/);
    });

    it("refuses a successor that already stands in its predecessor's place (already-exists)", () => {
      alliance()
        .when({ ...join, data: { ...join.data, bodyId: 'pcc-herts', startDate: '2012-12-01' } }, { refs })
        .thenFails('already-exists', /pcc-herts is already a member/);
    });

    it('refuses a body abolished by the start date (body-abolished)', () => {
      spec(allianceDecider)
        .given([allianceFormed({ allianceId: 'bch', memberIds: ['cc-cambs'] })])
        .when({ ...join, data: { ...join.data, bodyId: 'pa-beds', startDate: '2013-01-01' } }, { refs })
        .thenFails('body-abolished');
    });
  });

  describe('RemoveAllianceMember', () => {
    const leave = {
      type: 'RemoveAllianceMember' as const,
      data: { allianceId: 'bch', bodyId: 'pa-herts', endDate: '2012-06-01', reason: 'leaves' },
    };

    it('records a member leaving', () => {
      alliance()
        .when(leave, { refs })
        .then([{ type: 'AllianceMemberLeft', data: leave.data }]);
    });

    it('refuses an alliance that is not recorded (not-found)', () => {
      spec(allianceDecider).given([]).when(leave, { refs }).thenFails('not-found');
    });

    it('refuses a body that was never a member (not-alliance-member)', () => {
      alliance()
        .when({ ...leave, data: { ...leave.data, bodyId: 'cc-cambs' } }, { refs })
        .thenFails('not-alliance-member', /cc-cambs is not a member of Strategic Alliance/);
    });

    it('refuses an end before the member’s start (ends-before-start), a founder’s being the founding date', () => {
      alliance()
        .when({ ...leave, data: { ...leave.data, endDate: '2011-12-31' } }, { refs })
        .thenFails(
          'ends-before-start',
          /ends on 2011-12-31 \(endDate\), before it starts on 2012-01-01 \(foundingDate\)/,
        );
      spec(allianceDecider)
        .given([
          formed,
          {
            type: 'AllianceMemberJoined',
            data: { allianceId: 'bch', bodyId: 'cc-cambs', startDate: '2012-06-01', reason: 'joins' },
          },
        ])
        .when({ ...leave, data: { ...leave.data, bodyId: 'cc-cambs', endDate: '2012-05-31' } }, { refs })
        .thenFails('ends-before-start', /before it starts on 2012-06-01 \(startDate\)/);
    });

    it('refuses a member that has already left (not-alliance-member)', () => {
      spec(allianceDecider)
        .given([formed, { type: 'AllianceMemberLeft', data: leave.data }] as AllianceEvent[])
        .when(leave, { refs })
        .thenFails('not-alliance-member');
    });
  });

  describe('membersOn: who stands as a member on a date', () => {
    const bch = anAlliance({
      allianceId: 'bch',
      memberIds: ['pa-beds', 'pa-herts'],
      joined: [{ bodyId: 'cc-cambs', startDate: '2012-06-01' }],
      left: [{ bodyId: 'pa-herts', endDate: '2012-10-01' }],
    });

    it('counts the founders from the founding date and a joiner from its start date', () => {
      expect(membersOn(bch, refs, '2012-03-01')).toEqual(['pa-beds', 'pa-herts']);
      expect(membersOn(bch, refs, '2012-06-01')).toEqual(['pa-beds', 'pa-herts', 'cc-cambs']);
    });

    it('drops a member from the day it left', () => {
      expect(membersOn(bch, refs, '2012-10-01')).toEqual(['pa-beds', 'cc-cambs']);
    });

    it('puts a successor where an abolished member stood', () => {
      expect(membersOn(bch, refs, '2012-11-22')).toEqual(['pcc-beds', 'cc-cambs']);
    });

    it('has no members before it was founded', () => {
      expect(membersOn(bch, refs, '2011-12-31')).toEqual([]);
    });
  });

  it('names what a handler must load, and retries all but the forming on a conflict', () => {
    expect(allianceDecider.referencesOf({ type: 'FormAlliance', data: formed.data })).toEqual([
      { kind: 'body', id: 'pa-beds' },
      { kind: 'body', id: 'pa-herts' },
    ]);
    const leave = {
      type: 'RemoveAllianceMember' as const,
      data: { allianceId: 'bch', bodyId: 'pa-herts', endDate: '2012-06-01', reason: 'x' },
    };
    expect(allianceDecider.referencesOf(leave)).toEqual([{ kind: 'body', id: 'pa-herts' }]);
    expect(allianceDecider.retryOnConflict({ type: 'FormAlliance', data: formed.data })).toBe(false);
    expect(allianceDecider.retryOnConflict(leave)).toBe(true);
  });
});
