import { aBody, anAlliance, aPerson, aProposal, bodiesById, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { proposalDecider } from './proposal.decider';
import type { SpokenBy } from './proposal.events';

/*
 * Who spoke for whom (issue 16): a chief executive speaking for a PCC as Hertfordshire's Andrew
 * White spoke for David Lloyd, and a contractor's chief executive making its claim. The world: an
 * alliance of a PCC (David Lloyd commissioner from 22 November 2012) and a chief constable, and a
 * proposal of the PCC's own taking the alliance's forward.
 */
const ABOLITION = '2012-11-22';
const pcc = aBody({
  bodyId: 'pcc-herts',
  name: 'Police and Crime Commissioner for Hertfordshire',
  classification: 'police-and-crime-commissioner',
  foundingDate: ABOLITION,
  holders: [{ personId: 'david-lloyd', postId: 'commissioner', startDate: ABOLITION }],
});
const cc = aBody({
  bodyId: 'cc',
  name: 'Chief Constable',
  classification: 'chief-constable',
  holders: [{ personId: 'chief', postId: 'chief-constable' }],
});
const refs = refsOf({
  body: bodiesById(pcc, cc),
  person: {
    'david-lloyd': aPerson('david-lloyd', 'David Lloyd'),
    'andrew-white': aPerson('andrew-white', 'Andrew White'),
    chief: aPerson('chief'),
  },
  alliance: { bch: anAlliance({ allianceId: 'bch', memberIds: ['pcc-herts', 'cc'], foundingDate: '2012' }) },
  proposal: {
    herts: aProposal(
      proposalTabled({
        proposalId: 'herts',
        tabledBy: 'pcc-herts',
        bodyId: 'pcc-herts',
        parentProposalId: 'alliance-plan',
      }),
    ),
  },
});
const AT = '2013-02-01';
const tabled = proposalTabled({
  proposalId: 'alliance-plan',
  tabledBy: 'cc',
  allianceId: 'bch',
  bodyId: undefined,
});
const plan = () => spec(proposalDecider).given([tabled]);

const WHITE: SpokenBy = {
  name: 'Andrew White',
  role: 'chief executive',
  forBodyId: 'pcc-herts',
  forPersonId: 'david-lloyd',
};
const takeForward = (spokenBy?: SpokenBy, memberBodyId = 'pcc-herts') => ({
  type: 'TakeForwardByMember' as const,
  data: {
    proposalId: 'alliance-plan',
    memberBodyId,
    newProposalId: 'herts',
    statement: 'Hertfordshire will consider outsourcing of all services in the future',
    ...(spokenBy ? { spokenBy } : {}),
  },
});
const claim = (spokenBy: SpokenBy) => ({
  type: 'RecordClaim' as const,
  data: {
    proposalId: 'alliance-plan',
    claimId: 'savings',
    subject: 'savings' as const,
    amount: 100_000_000,
    unit: 'GBP' as const,
    qualifier: 'more-than' as const,
    claimant: 'G4S',
    statement: 'savings of over £100m over the next 10 years',
    spokenBy,
  },
});

describe('who spoke for whom (spokenBy)', () => {
  describe('TakeForwardByMember', () => {
    it("records a chief executive speaking for the PCC who holds the member's office", () => {
      const command = takeForward(WHITE);
      plan()
        .when(command, { at: AT, refs })
        .then([{ type: 'ProposalTakenForwardByMember', data: command.data }]);
    });

    it('keeps the speaker in the state the proposal is read from', () => {
      const command = takeForward(WHITE);
      const state = spec(proposalDecider)
        .given([tabled, { type: 'ProposalTakenForwardByMember', data: command.data, occurredAt: AT }])
        .state();
      expect(state.takenForward?.spokenBy).toEqual(WHITE);
    });

    it('takes the member as the body spoken for when none is named', () => {
      const command = takeForward({ name: 'Andrew White', forPersonId: 'david-lloyd' });
      plan()
        .when(command, { at: AT, refs })
        .then([{ type: 'ProposalTakenForwardByMember', data: command.data }]);
    });

    it('refuses a person spoken for who held no office in the body then (spoken-for-not-office-holder)', () => {
      // David Lloyd took office on 22 November 2012: speaking for him before is speaking for nobody.
      plan()
        .when(takeForward({ ...WHITE, forBodyId: undefined }), { at: '2012-11-01', refs })
        .thenFails('spoken-for-not-office-holder', /held no office in Police and Crime Commissioner/);
    });

    it('refuses a person spoken for who holds office in another body than the member (spoken-for-not-office-holder)', () => {
      plan()
        .when(takeForward({ name: 'Andrew White', forPersonId: 'chief' }), { at: AT, refs })
        .thenFails('spoken-for-not-office-holder', /chief, who held no office/);
    });

    it('refuses a speaker who is not registered (not-found)', () => {
      plan()
        .when(takeForward({ ...WHITE, personId: 'ghost' }), { at: AT, refs })
        .thenFails('not-found', /Person ghost/);
    });

    it('refuses a body spoken for that is not registered (not-found)', () => {
      plan()
        .when(takeForward({ ...WHITE, forBodyId: 'ghost' }), { at: AT, refs })
        .thenFails('not-found', /Body ghost/);
    });

    it('refuses a speaker without a name (invalid-value)', () => {
      plan()
        .when(takeForward({ name: ' ' }), { at: AT, refs })
        .thenFails('invalid-value', /speaker is named/);
    });
  });

  describe('RecordClaim', () => {
    it("records a contractor's chief executive making its claim, speaking for no office holder", () => {
      const command = claim({ name: 'Kim Challis', role: 'chief executive' });
      plan()
        .when(command, { at: AT, refs })
        .then([{ type: 'ClaimRecorded', data: command.data }]);
    });

    it('records a registered speaker for a person holding office in the body named', () => {
      const command = claim({ ...WHITE, personId: 'andrew-white' });
      plan()
        .when(command, { at: AT, refs })
        .then([{ type: 'ClaimRecorded', data: command.data }]);
    });

    it('refuses a person spoken for when the claim names no body (spoken-for-not-office-holder)', () => {
      plan()
        .when(claim({ name: 'Andrew White', forPersonId: 'david-lloyd' }), { at: AT, refs })
        .thenFails('spoken-for-not-office-holder', /names no body/);
    });

    it('refuses a person spoken for who is not registered (not-found)', () => {
      plan()
        .when(claim({ ...WHITE, forPersonId: 'ghost' }), { at: AT, refs })
        .thenFails('not-found', /Person ghost/);
    });
  });
});
