import { decisionRecorded } from '../testing/builders';
import { spec } from '../testing/given-when-then';
import { AFTER_ABOLITION, proposal, refs, withdrawal, withdrawn } from '../testing/proposal.fixtures';
import { proposalDecider, type ProposalCommand } from './proposal.decider';
import type { ProposalEvent } from './proposal.events';

describe('proposal decider', () => {
  describe('WithdrawProposal', () => {
    it('withdraws the proposal', () => {
      proposal()
        .when({ type: 'WithdrawProposal', data: withdrawal }, { refs })
        .then([{ type: 'ProposalWithdrawn', data: withdrawal }]);
    });

    it('refuses a withdrawal by a body after it was abolished (body-abolished)', () => {
      proposal()
        .when(
          { type: 'WithdrawProposal', data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'x' } },
          { at: AFTER_ABOLITION, refs },
        )
        .thenFails('body-abolished');
    });

    it('folds into a closed lifecycle with its date and reason', () => {
      expect(proposal(withdrawn).state()).toMatchObject({
        lifecycle: 'withdrawn',
        closedAt: '2012-04-01T00:00:00.000Z',
        closedReason: 'overtaken',
      });
    });
  });

  describe('DiscontinueProposal', () => {
    const rejections = [
      decisionRecorded({ decisionId: 'd-pa', bodyId: 'pa', outcome: 'reject' }),
      decisionRecorded({ decisionId: 'd-cc', bodyId: 'cc', outcome: 'reject' }),
    ];
    const data = {
      proposalId: 'proposal',
      decisionIds: ['d-pa', 'd-cc'],
      reason: 'both rejected it',
      meetingId: 'held',
    };

    it('discontinues the proposal on the recorded decisions to reject it', () => {
      proposal(...rejections)
        .when({ type: 'DiscontinueProposal', data }, { refs })
        .then([{ type: 'ProposalDiscontinued', data }]);
    });

    it('refuses a discontinuation naming no decision (discontinuation-needs-decision)', () => {
      proposal(...rejections)
        .when({ type: 'DiscontinueProposal', data: { ...data, decisionIds: [] } }, { refs })
        .thenFails('discontinuation-needs-decision', /No decision/);
    });

    it('refuses a decision that is not recorded (discontinuation-needs-decision)', () => {
      proposal(...rejections)
        .when({ type: 'DiscontinueProposal', data: { ...data, decisionIds: ['d-pa', 'ghost'] } }, { refs })
        .thenFails('discontinuation-needs-decision', /Decision ghost/);
    });

    it('refuses a decision that did not reject it (discontinuation-needs-decision)', () => {
      proposal(decisionRecorded({ decisionId: 'd-pa', bodyId: 'pa', outcome: 'defer' }))
        .when({ type: 'DiscontinueProposal', data: { ...data, decisionIds: ['d-pa'] } }, { refs })
        .thenFails('discontinuation-needs-decision', /d-pa is not a recorded decision to reject/);
    });

    it('refuses a meeting that was not held (meeting-not-held)', () => {
      proposal(...rejections)
        .when({ type: 'DiscontinueProposal', data: { ...data, meetingId: 'planned' } }, { refs })
        .thenFails('meeting-not-held');
    });
  });

  describe('SupersedeProposal', () => {
    const data = { proposalId: 'proposal', byProposalId: 'other', reason: 'replaced by a wider plan' };

    it('records the proposal superseded by another', () => {
      proposal()
        .when({ type: 'SupersedeProposal', data }, { refs })
        .then([{ type: 'ProposalSuperseded', data }]);
    });

    it('refuses a proposal superseding itself (invalid-value)', () => {
      proposal()
        .when({ type: 'SupersedeProposal', data: { ...data, byProposalId: 'proposal' } }, { refs })
        .thenFails('invalid-value', /cannot supersede itself/);
    });

    it('refuses a superseding proposal that is not recorded (not-found)', () => {
      proposal()
        .when({ type: 'SupersedeProposal', data: { ...data, byProposalId: 'ghost' } }, { refs })
        .thenFails('not-found', /Proposal ghost/);
    });
  });

  describe('any later command', () => {
    it('refuses a proposal that is not recorded (not-found)', () => {
      spec(proposalDecider)
        .given([])
        .when(
          { type: 'AmendProposal', data: { proposalId: 'proposal', changes: { title: 'x' }, reason: 'x' } },
          { refs },
        )
        .thenFails('not-found', /Proposal proposal is not recorded/);
    });

    const closing: Array<[string, ProposalEvent & { occurredAt: string }]> = [
      ['withdrawn', withdrawn],
      [
        'superseded',
        {
          type: 'ProposalSuperseded',
          data: { proposalId: 'proposal', byProposalId: 'other', reason: 'replaced' },
          occurredAt: '2012-04-01T00:00:00.000Z',
        },
      ],
    ];
    const commands: ProposalCommand[] = [
      { type: 'AmendProposal', data: { proposalId: 'proposal', changes: { title: 'x' }, reason: 'x' } },
      {
        type: 'ReferProposal',
        data: { proposalId: 'proposal', byBodyId: 'jwg', toBodyIds: ['cc'], reason: 'x' },
      },
      { type: 'DeferProposal', data: { proposalId: 'proposal', byBodyId: 'pa', reason: 'x' } },
      { type: 'WithdrawProposal', data: { proposalId: 'proposal', byBodyId: 'jwg', reason: 'x' } },
      { type: 'DiscontinueProposal', data: { proposalId: 'proposal', decisionIds: ['d'], reason: 'x' } },
      { type: 'SupersedeProposal', data: { proposalId: 'proposal', byProposalId: 'other', reason: 'x' } },
      {
        type: 'IssueRecommendation',
        data: {
          proposalId: 'proposal',
          recommendationId: 'r',
          byBodyId: 'jwg',
          toBodyIds: [],
          content: 'proceed',
          rationale: 'x',
        },
      },
      {
        type: 'RecordDecision',
        data: {
          proposalId: 'proposal',
          decisionId: 'd',
          bodyId: 'pa',
          outcome: 'approve',
          inPublic: true,
          rationale: 'x',
        },
      },
    ];
    for (const [how, event] of closing) {
      it.each(commands.map((c) => [c.type, c] as const))(
        `refuses %s once the proposal was ${how} (proposal-closed)`,
        (_type, command) => {
          proposal(event)
            .when(command, { refs })
            .thenFails('proposal-closed', new RegExp(`was ${how} on 2012-04-01`));
        },
      );
    }

    it('refuses a decision once the proposal was discontinued (proposal-closed)', () => {
      proposal(decisionRecorded({ decisionId: 'd-pa', bodyId: 'pa', outcome: 'reject' }), {
        type: 'ProposalDiscontinued',
        data: { proposalId: 'proposal', decisionIds: ['d-pa'], reason: 'x' },
        occurredAt: '2012-06-01T00:00:00.000Z',
      })
        .when(
          {
            type: 'RecordDecision',
            data: {
              proposalId: 'proposal',
              decisionId: 'd-cc',
              bodyId: 'cc',
              outcome: 'reject',
              inPublic: true,
              rationale: 'x',
            },
          },
          { refs },
        )
        .thenFails('proposal-closed', /was discontinued/);
    });
  });
});
