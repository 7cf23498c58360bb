import type { DtoCommandType } from '../shared/type-checks';

/** Valid payloads for the commands on bodies, people, alliances, proposals, claims, recommendations and decisions (valid-payloads.ts joins them with the rest). */
export const BODIES_AND_PROPOSALS = {
  RegisterBody: [
    {
      bodyId: 'pa-hertfordshire',
      name: 'Hertfordshire Police Authority',
      classification: 'police-authority',
      area: 'Hertfordshire',
      powers: 'decides',
      foundingDate: '1995-04-01',
      foundingDateApproximate: false,
      parentId: 'home-office',
    },
    { bodyId: 'g4s', name: 'G4S', classification: 'contractor', powers: 'none', foundingDate: '1990-01-01' },
    // Issue 16: no founding date stated, or one at the precision a source gives, as a guess.
    { bodyId: 'jwg', name: 'Working group', classification: 'joint-working-group', powers: 'advises' },
    {
      bodyId: 'la-budget-performance',
      name: 'Committee',
      classification: 'committee',
      powers: 'advises',
      foundingDate: '2013',
      foundingDateApproximate: true,
    },
  ],
  CreatePost: [
    {
      bodyId: 'pcc-hertfordshire',
      postId: 'commissioner',
      label: 'Police and Crime Commissioner for Hertfordshire',
      role: 'Police and Crime Commissioner',
    },
  ],
  AppointOfficeHolder: [
    {
      bodyId: 'pcc-hertfordshire',
      membershipId: 'david-lloyd-2012',
      postId: 'commissioner',
      personId: 'david-lloyd',
      startDate: '2012-11-22',
      endDate: '2016-05-12T00:00:00Z',
    },
    {
      bodyId: 'pcc-hertfordshire',
      membershipId: 'david-lloyd-2012',
      postId: 'commissioner',
      personId: 'david-lloyd',
      startDate: '2012-11-22T10:30:00+01:00',
    },
  ],
  RecordOfficeHolderLeft: [
    { bodyId: 'pcc-hertfordshire', membershipId: 'david-lloyd-2012', endDate: '2021-05-12' },
  ],
  SetQuorum: [
    { bodyId: 'pcp-herts', fraction: { numerator: 1, denominator: 4 }, minimum: 3 },
    { bodyId: 'pcp-herts', minimum: 3 },
  ],
  SetDecisionReferenceFormat: [{ bodyId: 'pcc-hertfordshire', format: 'PCC/D/{year}/{seq:3}' }],
  AbolishBody: [
    {
      bodyId: 'pa-hertfordshire',
      dissolutionDate: '2012-11-22',
      successorId: 'pcc-hertfordshire',
      reason: 'Police Reform and Social Responsibility Act 2011',
    },
    { bodyId: 'pa-hertfordshire', dissolutionDate: '2012-11-22', reason: 'Abolished' },
  ],
  RegisterPerson: [
    {
      personId: 'graham-bright',
      name: 'Graham Bright',
      honorificPrefix: 'Sir',
      givenName: 'Graham',
      familyName: 'Bright',
    },
    { personId: 'olly-martins', name: 'Olly Martins' },
  ],
  FormAlliance: [
    {
      allianceId: 'bch-alliance',
      name: 'Strategic Alliance',
      decisionRule: { kind: 'majority', quorum: 3, chairHasCastingVote: true },
      foundingDate: '2012',
      foundingDateApproximate: true,
      memberIds: ['pa-bedfordshire', 'pa-hertfordshire'],
    },
    {
      allianceId: 'bch-alliance',
      name: 'Strategic Alliance',
      decisionRule: { kind: 'unanimity' },
      foundingDate: '2012-01-01',
      memberIds: ['pa-bedfordshire'],
    },
    {
      allianceId: 'loose',
      name: 'A loose alliance',
      decisionRule: { kind: 'each-member' },
      foundingDate: '2012-01-01',
      memberIds: ['pa-bedfordshire'],
    },
  ],
  AddAllianceMember: [
    {
      allianceId: 'bch-alliance',
      bodyId: 'pcc-hertfordshire',
      startDate: '2012-11-22',
      reason: 'Successor of the police authority',
    },
  ],
  RemoveAllianceMember: [
    { allianceId: 'bch-alliance', bodyId: 'pa-hertfordshire', endDate: '2012-11-22', reason: 'Abolished' },
  ],
  TableProposal: [
    {
      title: 'Outsourcing to G4S',
      description: 'A full business case.',
      scope: ['HR', 'finance'],
      contractor: 'G4S',
      framework: 'Lincolnshire Police framework',
      proposalId: 'herts-support-services',
      tabledBy: 'pcc-hertfordshire',
      allianceId: 'bch-alliance',
      bodyId: 'pcc-hertfordshire',
      parentProposalId: 'g4s-back-office',
    },
    {
      proposalId: 'surrey-privatisation',
      title: 'Surrey Police privatisation plan',
      description: 'Privatise police services.',
      scope: [],
      tabledBy: 'pa-surrey',
      bodyId: 'pa-surrey',
    },
  ],
  AmendProposal: [
    {
      proposalId: 'g4s-back-office',
      changes: { title: 'T', description: 'D', scope: ['HR'], contractor: 'SSCL', framework: 'F' },
      reason: 'Revised',
      meetingId: 'jwg-g4s-meeting',
    },
    { proposalId: 'g4s-back-office', changes: { scope: [] }, reason: 'Nothing in scope any more' },
  ],
  ReferProposal: [
    {
      proposalId: 'g4s-back-office',
      byBodyId: 'jwg',
      toBodyIds: ['pa-bedfordshire', 'pa-hertfordshire'],
      reason: 'For decision',
      meetingId: 'jwg-g4s-meeting',
    },
    {
      proposalId: 'g4s-back-office',
      byBodyId: 'jwg',
      toBodyIds: ['pa-bedfordshire'],
      reason: 'For decision',
    },
  ],
  DeferProposal: [
    {
      proposalId: 'surrey-privatisation',
      byBodyId: 'pa-surrey',
      reason: 'Olympic failure',
      until: '2013-01-31',
      meetingId: 'pa-surrey-2012-07',
    },
    { proposalId: 'surrey-privatisation', byBodyId: 'pa-surrey', reason: 'Olympic failure' },
  ],
  WithdrawProposal: [{ proposalId: 'surrey-privatisation', byBodyId: 'pa-surrey', reason: 'Abandoned' }],
  DiscontinueProposal: [
    {
      proposalId: 'g4s-back-office',
      decisionIds: ['discontinue-bedfordshire', 'discontinue-hertfordshire'],
      reason: 'Negotiations discontinued',
      meetingId: 'pcc-g4s-meeting',
    },
    {
      proposalId: 'g4s-back-office',
      decisionIds: ['discontinue-bedfordshire'],
      reason: 'Negotiations discontinued',
    },
  ],
  SupersedeProposal: [
    { proposalId: 'g4s-back-office', byProposalId: 'herts-support-services', reason: 'Replaced' },
  ],
  TakeForwardByMember: [
    {
      proposalId: 'g4s-back-office',
      memberBodyId: 'pcc-hertfordshire',
      newProposalId: 'herts-support-services',
      statement: 'I will continue to talk with G4S.',
    },
  ],
  RecordClaim: [
    {
      proposalId: 'g4s-back-office',
      claimId: 'value-77m',
      subject: 'contract-value',
      amount: 77_000_000,
      unit: 'GBP',
      qualifier: 'up-to',
      period: 'a year',
      claimant: 'news report',
      statement: 'worth up to £77m per year',
    },
    {
      proposalId: 'g4s-back-office',
      claimId: 'share',
      subject: 'other',
      amount: 0.5,
      unit: 'percent',
      qualifier: 'about',
      claimant: 'BBC',
      statement: 'half a per cent',
    },
  ],
  IssueRecommendation: [
    {
      proposalId: 'g4s-back-office',
      recommendationId: 'jwg-g4s-recommendation',
      byBodyId: 'jwg',
      toBodyIds: ['pa-bedfordshire'],
      content: 'do-not-proceed',
      rationale: 'The assessment',
      meetingId: 'jwg-g4s-meeting',
    },
    {
      proposalId: 'met-back-office',
      recommendationId: 'to-protect-and-save',
      byBodyId: 'la-budget-performance',
      toBodyIds: ['met-police'],
      content: 'amend',
      rationale: 'Improve commercial expertise',
    },
  ],
  RecordDecision: [
    {
      proposalId: 'g4s-back-office',
      decisionId: 'discontinue-hertfordshire',
      bodyId: 'pcc-hertfordshire',
      postId: 'commissioner',
      personId: 'david-lloyd',
      outcome: 'reject',
      reference: 'PCC/D/001',
      inPublic: true,
      meetingId: 'pcc-g4s-meeting',
      rationale: 'Not suitable',
    },
    {
      proposalId: 'surrey-privatisation',
      decisionId: 'surrey-suspend',
      bodyId: 'pa-surrey',
      outcome: 'defer',
      inPublic: false,
      rationale: 'Suspended',
    },
  ],
} satisfies Partial<Record<DtoCommandType, Array<Record<string, unknown>>>>;
