import { decisionRecorded, type Dated } from '../testing/builders';
import { decision, positionsOf, recommendToBoth, view } from '../testing/proposal.fixtures';
import type { ProposalEvent } from './proposal.events';

describe('proposalStatus', () => {
  describe('deferred', () => {
    it('is deferred when the latest decision defers it, with that body’s position deferred', () => {
      const v = view([recommendToBoth, decision('pa-a', 'defer')]);
      expect(v).toMatchObject({ status: 'deferred', waitingFor: ['pa-a', 'pa-b'] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'deferred', 'pa-b': 'none' });
    });

    it('is deferred by a recorded deferral', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'await the review' },
        occurredAt: '2012-04-01',
      };
      expect(view([deferral]).status).toBe('deferred');
    });

    it('is no longer deferred once a body finally decided', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'x' },
        occurredAt: '2012-04-01',
      };
      expect(view([deferral, recommendToBoth, decision('pa-a', 'approve')]).status).toBe('recommended');
    });

    it('stays deferred under unanimity when another member approves: the rule still needs the one that deferred', () => {
      const v = view([recommendToBoth, decision('pa-a', 'defer'), decision('pa-b', 'approve')]);
      expect(v).toMatchObject({ status: 'deferred', waitingFor: ['pa-a'] });
      expect(positionsOf(v)).toEqual({ 'pa-a': 'deferred', 'pa-b': 'approved' });
    });

    it('is deferred by a deciding body’s deferral until that body decides', () => {
      const deferral: Dated<ProposalEvent> = {
        type: 'ProposalDeferred',
        data: { proposalId: 'proposal', byBodyId: 'pa-a', reason: 'more information' },
        occurredAt: '2012-06-01',
      };
      expect(view([recommendToBoth, deferral, decision('pa-b', 'approve')]).status).toBe('deferred');
    });

    it('takes a decision after a deferral as the body’s position', () => {
      const v = view([
        recommendToBoth,
        decisionRecorded({ decisionId: 'a1', bodyId: 'pa-a', outcome: 'defer' }, '2012-06-01'),
        decisionRecorded({ decisionId: 'a2', bodyId: 'pa-a', outcome: 'approve' }, '2012-07-01'),
      ]);
      expect(positionsOf(v)).toEqual({ 'pa-a': 'approved', 'pa-b': 'none' });
      expect(v.waitingFor).toEqual(['pa-b']);
    });
  });
});
