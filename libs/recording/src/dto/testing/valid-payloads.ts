import type { DtoCommandType } from '../shared/type-checks';
import { BODIES_AND_PROPOSALS } from './valid-payloads.bodies-and-proposals';

/** The event CorrectEvent and RetractEvent name. */
export const EVENT_ID = '0b6f6f0e-5c1a-8d2e-9a4b-3c2d1e0f9a8b';

/** At least one valid payload per command type (a Record: a type without one does not compile); the first fills every optional field. */
export const VALID: Record<DtoCommandType, Array<Record<string, unknown>>> = {
  ...BODIES_AND_PROPOSALS,
  ScheduleMeeting: [
    {
      meetingId: 'pcc-g4s-meeting',
      title: 'PCCs',
      bodyIds: ['pcc-bedfordshire', 'pcc-hertfordshire'],
      allianceId: 'bch-alliance',
      scheduledFor: '2013-01-31T10:00:00Z',
      scheduledForApproximate: false,
      place: 'Hinchingbrooke',
      public: true,
      webcastUrl: 'https://example.org/webcast',
      documentsUrl: 'https://example.org/papers',
    },
    {
      meetingId: 'cc-g4s-review-meeting',
      title: 'Chief constables',
      bodyIds: ['cc-hertfordshire'],
      scheduledFor: '2012-08-01',
      public: false,
    },
    // Issue 16: the year the source gives, as a guess, and its publicity not stated (left out).
    {
      meetingId: 'pcc-g4s-meeting',
      title: 'PCCs',
      bodyIds: ['pcc-hertfordshire'],
      scheduledFor: '2013',
      scheduledForApproximate: true,
    },
    { meetingId: 'jwg-g4s-meeting', title: 'Working group', bodyIds: ['jwg'], scheduledFor: '2012-08' },
  ],
  PostponeMeeting: [
    { meetingId: 'pcc-g4s-meeting', reason: 'The chair was unwell', newDate: '2013-02-07' },
    { meetingId: 'pcc-g4s-meeting', reason: 'The chair was unwell' },
  ],
  CancelMeeting: [{ meetingId: 'pcc-g4s-meeting', reason: 'Decided by correspondence' }],
  AddAgendaItem: [
    {
      meetingId: 'cc-g4s-review-meeting',
      itemId: 'review',
      title: 'Findings of the review',
      proposalId: 'g4s-back-office',
      exempt: true,
      exemptionReason: 'Commercially confidential',
    },
    { meetingId: 'cc-g4s-review-meeting', itemId: 'aob', title: 'Any other business', exempt: false },
  ],
  RecordMeetingHeld: [
    {
      meetingId: 'pcc-g4s-meeting',
      place: 'Hinchingbrooke',
      chair: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair' },
      attendees: [
        {
          personId: 'graham-bright',
          bodyId: 'pcc-cambridgeshire',
          capacity: 'Police and Crime Commissioner',
          attendance: 'present',
        },
        { bodyId: 'cc-hertfordshire', capacity: 'chief constable' },
        { capacity: 'observer' },
      ],
      startedAt: '2013-01-31T10:00:00Z',
      endedAt: '2013-01-31T12:15:00Z',
      webcastUrl: 'https://example.org/recording',
    },
    { meetingId: 'jwg-g4s-meeting', attendees: [] },
  ],
  ApproveMinutes: [
    {
      meetingId: 'pcc-g4s-meeting',
      minutesReference: 'Minutes of 31 January 2013',
      approvedAtMeetingId: 'pcc-next-meeting',
    },
    { meetingId: 'pcc-g4s-meeting', minutesReference: 'Minutes of 31 January 2013' },
  ],
  AskPublicQuestion: [
    {
      questionId: 'q1',
      meetingId: 'pcp-herts-2013-02',
      askedBy: 'A resident',
      askedOn: '2013-01-31',
      toBodyId: 'pcc-hertfordshire',
      toPersonId: 'david-lloyd',
      question: 'How many posts move?',
    },
  ],
  AnswerPublicQuestion: [{ questionId: 'q1', answeredBy: 'david-lloyd', answer: 'None.' }],
  ReviewDecision: [
    {
      reviewId: 'rv1',
      panelBodyId: 'pcp-hertfordshire',
      proposalId: 'herts-support-services',
      decisionId: 'herts-2013-03',
      meetingId: 'pcp-herts-2013-04',
      findings: 'The business case was not shown.',
    },
  ],
  MakeScrutinyRecommendation: [
    { reviewId: 'rv1', recommendationId: 'r1', text: 'Publish the business case.' },
  ],
  RespondToRecommendation: [
    {
      reviewId: 'rv1',
      recommendationId: 'r1',
      respondedBy: 'pcc-hertfordshire',
      personId: 'david-lloyd',
      response: 'partly',
      reasons: 'Less the confidential annex.',
    },
  ],
  RecordDocument: [
    {
      documentId: 'pcp-2013-02-annex',
      title: 'Annex: contract terms',
      kind: 'annex',
      mediaType: 'application/pdf',
      sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      size: 4,
      publishedAt: '2013-01-30',
      visibility: 'exempt',
      exemptParagraph: 3,
      meetingId: 'pcp-herts-2013-02',
      itemId: 'item-7',
      proposalId: 'herts-support-services',
      decisionId: 'herts-2013-03',
    },
  ],
  PublishMeetingNotice: [
    { meetingId: 'pcp-herts-2013-02', publishedOn: '2013-01-24', reference: 'Agenda, 24 January 2013' },
    { meetingId: 'pcp-herts-2013-02', publishedOn: '2013-01-24T09:00:00Z' },
  ],
  ExcludePublic: [
    {
      meetingId: 'cc-g4s-review-meeting',
      itemIds: ['review'],
      paragraph: 3,
      publicInterestReason: 'Contract negotiations in progress',
    },
  ],
  DeclareMeetingInterest: [
    {
      meetingId: 'pcp-herts-2013-02',
      itemId: 'item-5',
      personId: 'david-lloyd',
      type: 'pecuniary',
      description: 'Owns shares in the contractor',
      dispensation: { grantedBy: 'Standards Committee', reason: 'Too many members share it' },
    },
    {
      meetingId: 'pcp-herts-2013-02',
      personId: 'david-lloyd',
      type: 'other',
      description: 'A county councillor',
    },
  ],
  OpenVote: [
    {
      voteEventId: 'vote-1',
      proposalId: 'surrey-privatisation',
      meetingId: 'pa-surrey-2012-07',
      question: 'That the plan be suspended',
      bodyId: 'pa-surrey',
      majority: { quorum: 5, chairHasCastingVote: false },
    },
    {
      voteEventId: 'vote-2',
      proposalId: 'g4s-back-office',
      meetingId: 'pcc-g4s-meeting',
      question: 'That the alliance proceeds',
      allianceId: 'bch-alliance',
    },
  ],
  CastVote: [
    {
      voteEventId: 'vote-1',
      personId: 'david-lloyd',
      bodyId: 'pcc-hertfordshire',
      option: 'recused',
      declaredInterest: 'A relative works for the contractor',
    },
    { voteEventId: 'vote-1', personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', option: 'no' },
  ],
  CloseVote: [
    { voteEventId: 'vote-1', castingVote: { personId: 'graham-bright', option: 'yes' } },
    { voteEventId: 'vote-1' },
  ],
  CorrectEvent: [
    {
      stream: 'proposal-g4s-back-office',
      eventId: EVENT_ID,
      reason: 'Typing error',
      changes: { amount: 73_000_000, note: { nested: [1, null, 'x'] } },
    },
  ],
  RetractEvent: [
    {
      stream: 'meeting-pcc-g4s-meeting',
      eventId: EVENT_ID.toUpperCase(),
      reason: 'Recorded against the wrong meeting',
    },
  ],
};
