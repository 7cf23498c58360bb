import {
  EARLY_2013,
  fromReport,
  ILLUSTRATIVE,
  REPORT_2012,
  REPORT_2013_A,
  REPORT_2013_B,
  SUMMER_2012,
  type RequestExample,
} from './openapi-request-examples.sources';

/*
 * The request examples of meetings, votes, corrections, documents and scrutiny: the three PCCs'
 * meeting of early 2013, Sir Graham Bright in the chair, at which each decided not to proceed with
 * G4S ("absolutely unanimous"), and what a ledger records around it. Part of REQUEST_EXAMPLES
 * (openapi-request-examples.ts), kept apart only for the length of one file.
 */

/** The event a correction or retraction names: its id, as the ledger gave it when it was recorded. */
const RECORDED_EVENT_ID = '3f2c9a64-1b7e-4d52-9c0a-6e8f2b4d7a15';

export const MEETING_AND_RECORD_EXAMPLES = {
  ScheduleMeeting: {
    summary: "The three PCCs' meeting, early 2013 (its day not given; its publicity not stated)",
    value: {
      meetingId: 'pcc-g4s-meeting',
      title: 'Police and Crime Commissioners of the Strategic Alliance',
      bodyIds: ['pcc-bedfordshire', 'pcc-cambridgeshire', 'pcc-hertfordshire'],
      allianceId: 'bch-alliance',
      scheduledFor: '2013',
      scheduledForApproximate: true,
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_A,
        'met his counterparts from Hertfordshire and Bedfordshire to discuss the plans',
      ),
    },
  },
  PostponeMeeting: {
    summary: "The working group's meeting put back (illustrative: the report says only “early next week”)",
    value: {
      meetingId: 'jwg-g4s-meeting',
      reason: 'The chief constables are continuing their discussion of the business case',
      ...SUMMER_2012,
      ...fromReport(REPORT_2012, 'The chief constables are continuing this discussion'),
    },
  },
  CancelMeeting: {
    summary: 'A follow-up meeting on the plan cancelled (illustrative: after it was discontinued)',
    value: {
      meetingId: 'jwg-g4s-follow-up',
      reason: 'The plan was discontinued: nothing is left for the working group to consider',
      ...EARLY_2013,
      source: ILLUSTRATIVE.pccMinutes,
    },
  },
  AddAgendaItem: {
    summary: "The G4S plan on the PCCs' agenda",
    value: {
      meetingId: 'pcc-g4s-meeting',
      itemId: 'g4s',
      title: 'Outsourcing to G4S through the Lincolnshire framework',
      proposalId: 'g4s-back-office',
      exempt: false,
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_A,
        'to discuss the plans to outsource some backroom services of the three counties’ forces to private contractor G4S',
      ),
    },
  },
  RecordMeetingHeld: {
    summary: 'The three PCCs meet, Sir Graham Bright in the chair',
    value: {
      meetingId: 'pcc-g4s-meeting',
      heldOnApproximate: true,
      chair: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair' },
      attendees: [
        {
          personId: 'graham-bright',
          bodyId: 'pcc-cambridgeshire',
          capacity: 'Police and Crime Commissioner',
        },
        { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'Police and Crime Commissioner' },
        { personId: 'olly-martins', bodyId: 'pcc-bedfordshire', capacity: 'Police and Crime Commissioner' },
      ],
      ...EARLY_2013,
      ...fromReport(REPORT_2013_A, 'The three PCCs sat down, with Sir Graham chairing the meeting'),
    },
  },
  ApproveMinutes: {
    summary: "The PCCs' minutes approved (illustrative: the reports cite none)",
    value: {
      meetingId: 'pcc-g4s-meeting',
      minutesReference: 'Minutes of the meeting of the three Police and Crime Commissioners on the G4S plan',
      ...EARLY_2013,
      source: ILLUSTRATIVE.pccMinutes,
    },
  },
  PublishMeetingNotice: {
    summary: "Notice of the PCCs' meeting (illustrative: the reports give no day)",
    value: {
      meetingId: 'pcc-g4s-meeting',
      publishedOn: '2013-01-24',
      reference: 'Agenda of the meeting of the three Police and Crime Commissioners',
      occurredAt: '2013-01-24',
      source: ILLUSTRATIVE.pccMinutes,
    },
  },
  ExcludePublic: {
    summary: "The public excluded for the review's commercial findings (illustrative)",
    value: {
      meetingId: 'jwg-g4s-meeting',
      itemIds: ['review'],
      paragraph: 3,
      publicInterestReason:
        'Disclosure of the findings would prejudice the negotiations under the Lincolnshire Police contract with G4S',
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'Their meeting enabled them to consider the findings of the review of the contract to date',
      ),
    },
  },
  DeclareMeetingInterest: {
    summary:
      "Bedfordshire's PCC declares he campaigned against G4S (illustrative: the report says so, not that he declared it)",
    value: {
      meetingId: 'pcc-g4s-meeting',
      itemId: 'g4s',
      personId: 'olly-martins',
      type: 'other',
      description: 'Campaigned against G4S before his election in November 2012',
      ...EARLY_2013,
      ...fromReport(REPORT_2013_A, 'had openly campaigned against G4S before his election in November'),
    },
  },
  OpenVote: {
    summary:
      'The alliance votes on proceeding with G4S (illustrative: the reports give the result, not the motion)',
    value: {
      voteEventId: 'vote-g4s-pccs',
      proposalId: 'g4s-back-office',
      meetingId: 'pcc-g4s-meeting',
      question:
        'That the Strategic Alliance proceeds with outsourcing to G4S through the Lincolnshire Police contract',
      allianceId: 'bch-alliance',
      ...EARLY_2013,
      ...fromReport(REPORT_2013_A, 'I have to say the decision we took was absolutely unanimous'),
    },
  },
  CastVote: {
    summary: "Bedfordshire's PCC votes no",
    value: {
      voteEventId: 'vote-g4s-pccs',
      personId: 'olly-martins',
      bodyId: 'pcc-bedfordshire',
      option: 'no',
      ...EARLY_2013,
      ...fromReport(REPORT_2013_B, 'We have concluded Lincs/G4S contract is not for us'),
    },
  },
  CloseVote: {
    summary: 'The vote closes: the ledger counts the ballots and works out the result',
    value: {
      voteEventId: 'vote-g4s-pccs',
      ...EARLY_2013,
      ...fromReport(REPORT_2013_A, 'I have to say the decision we took was absolutely unanimous'),
    },
  },
  CorrectEvent: {
    summary: 'The funding gap, typed as £37m, corrected to the £73m the report gives',
    value: {
      stream: 'proposal-g4s-back-office',
      eventId: RECORDED_EVENT_ID,
      reason: 'Typing error: the report says £73m, not £37m',
      changes: { amount: 73_000_000 },
      occurredAt: '2013-02-05T09:20:00Z',
      source: { kind: 'clerk-check', reference: REPORT_2013_A, quote: '£73million funding shortfall' },
    },
  },
  RetractEvent: {
    summary: 'A claim entered twice is retracted (illustrative)',
    value: {
      stream: 'proposal-g4s-back-office',
      eventId: RECORDED_EVENT_ID,
      reason: 'Entered twice: the claim of 1,100 staff from the same report is already recorded',
      occurredAt: '2013-02-05T09:30:00Z',
      ...fromReport(REPORT_2013_B, 'could have affected 1,100 staff'),
    },
  },
  RecordDocument: {
    summary: "Cambridgeshire's decision record, as published (illustrative: its hash, size and day)",
    value: {
      documentId: 'pcc-cambridgeshire-g4s-decision',
      title: 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract',
      kind: 'decision-notice',
      mediaType: 'application/pdf',
      sha256: 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2',
      size: 184_320,
      publishedAt: '2013-02-04',
      visibility: 'public',
      proposalId: 'g4s-back-office',
      decisionId: 'discontinue-cambridgeshire',
      occurredAt: '2013-02-04',
      source: {
        kind: 'decision-record',
        reference: 'Police and Crime Commissioner for Cambridgeshire: decision record',
      },
    },
  },
  AskPublicQuestion: {
    summary: "A resident asks Hertfordshire's PCC about outsourcing (illustrative)",
    value: {
      questionId: 'herts-pcp-2013-q1',
      meetingId: 'herts-pcp-2013-02',
      askedBy: 'A resident of Stevenage',
      askedOn: '2013-02-01',
      toBodyId: 'pcc-hertfordshire',
      toPersonId: 'david-lloyd',
      question:
        'Now that the alliance has dropped G4S, which services will the Commissioner outsource, and to whom?',
      occurredAt: '2013-02-01',
      source: ILLUSTRATIVE.panelMinutes,
    },
  },
  AnswerPublicQuestion: {
    summary: "Hertfordshire's PCC answers, in his own reported words",
    value: {
      questionId: 'herts-pcp-2013-q1',
      answeredBy: 'david-lloyd',
      answer:
        'I am already in discussion with other market providers and will continue to talk with G4S about how they can assist policing support services in Hertfordshire.',
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_B,
        'I am already in discussion with other market providers and will continue to talk with G4S about how they can assist policing support services in Hertfordshire.',
      ),
    },
  },
  ReviewDecision: {
    summary: "The Police and Crime Panel reviews Hertfordshire's decision (illustrative)",
    value: {
      reviewId: 'herts-pcp-review-g4s',
      panelBodyId: 'pcp-hertfordshire',
      proposalId: 'g4s-back-office',
      decisionId: 'discontinue-hertfordshire',
      findings:
        'The panel was not shown the assessment of the Lincolnshire contract on which the decision rests.',
      ...EARLY_2013,
      source: ILLUSTRATIVE.panelMinutes,
    },
  },
  MakeScrutinyRecommendation: {
    summary: 'The panel recommends publishing the assessment (illustrative)',
    value: {
      reviewId: 'herts-pcp-review-g4s',
      recommendationId: 'publish-assessment',
      text: 'That the Commissioner publishes the assessment of the Lincolnshire Police contract with G4S.',
      ...EARLY_2013,
      source: ILLUSTRATIVE.panelMinutes,
    },
  },
  RespondToRecommendation: {
    summary: "Hertfordshire's PCC accepts it in part (illustrative)",
    value: {
      reviewId: 'herts-pcp-review-g4s',
      recommendationId: 'publish-assessment',
      respondedBy: 'pcc-hertfordshire',
      personId: 'david-lloyd',
      response: 'partly',
      reasons: 'The assessment will be published, less the commercially confidential terms of the contract.',
      ...EARLY_2013,
      source: ILLUSTRATIVE.panelMinutes,
    },
  },
} satisfies Record<string, RequestExample>;
