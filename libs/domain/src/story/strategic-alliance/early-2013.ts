import {
  ALLIANCE_PROPOSAL,
  FORCES,
  HELD_APPROXIMATELY,
  HERTS_PROPOSAL,
  meetingIn,
  PCC_MEETING,
  report,
  REPORT_2013_A,
  REPORT_2013_B,
  title,
  type StorySource,
  type StoryStep,
} from './common';

/*
 * Act four, early 2013 (the two 2013 reports): Hertfordshire's PCC rejects the plan, the three
 * PCCs meet with Sir Graham Bright in the chair and each decides not to proceed, the proposal is
 * discontinued, Hertfordshire takes outsourcing forward alone, and the figures both reports give
 * (one typed wrongly, then corrected).
 */

/**
 * What a 2013 report supports of each PCC's decision record: a title and summary in the reports'
 * words, and the PCC as its signatory ("The three PCCs formalised their decision"), signed in
 * 2013: the reports give no day, and a signature's date is kept at the precision known. No
 * reference number, report author, recommendation, publication date or implications: the
 * reports give none, so the record says "not stated".
 */
const DECISION_TITLE = 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract';
const SHARED_DECISION = 'we have come to the shared decision not to proceed further';
const NOT_PURSUED = 'decided to not pursue the option as the Strategic Partnership';
const SHARED_SUMMARY =
  'The three PCCs decided to not pursue the option as the Strategic Partnership: a shared decision not to proceed further with the outsourcing of backroom services to G4S.';
const recordOf = (personId: string, summary: string) => ({
  title: DECISION_TITLE,
  summary,
  signed: { personId, on: '2013' },
});

/** What Andrew White, chief executive for commissioner Lloyd, said (report A), word for word. */
const WHITE_STATEMENT =
  'The strategic alliance of Bedfordshire, Cambridgeshire and Hertfordshire have discontinued the discussions with G4S however Hertfordshire will consider outsourcing of all services in the future and that includes discussions with G4S.';

export function early2013(): StoryStep[] {
  // The reports give the PCCs' meeting no day: "early 2013".
  const meetingAt = '2013';
  const decision = (
    f: (typeof FORCES)[number],
    personId: string,
    rationale: string,
    sources: StorySource[],
  ): StoryStep => ({
    label: `PCC for ${title(f)} decides not to proceed`,
    occurredAt: meetingAt,
    recordedAt: '2013-02-04T11:00:00Z',
    sources: [...sources, ...report(REPORT_2013_A, SHARED_DECISION, NOT_PURSUED)],
    command: {
      type: 'RecordDecision',
      data: {
        proposalId: ALLIANCE_PROPOSAL,
        decisionId: `discontinue-${f}`,
        bodyId: `pcc-${f}`,
        postId: 'commissioner',
        personId,
        outcome: 'reject',
        meetingId: PCC_MEETING,
        rationale,
        ...recordOf(personId, SHARED_SUMMARY),
      },
    },
  });
  return [
    {
      // His own decision, taken before the three met (the meeting was called after it): not a
      // recommendation to the others. The report names no meeting, record or publicity for it.
      label: 'Hertfordshire PCC rejects the plan',
      occurredAt: '2013',
      recordedAt: '2013-02-04T10:00:00Z',
      sources: [
        ...report(
          REPORT_2013_A,
          'The meeting was called after Hertfordshire PCC David Lloyd rejected the privatisation plans',
        ),
        ...report(
          REPORT_2013_B,
          'the three commissioners had \u201cdiscontinued negotiations\u201d',
          'It is now clear that the G4S framework contract through Lincolnshire Police was not suitable for the unique position of the three forces.',
        ),
        ...report(
          REPORT_2013_A,
          'the plans to outsource some backroom services of the three counties\u2019 forces to private contractor G4S',
        ),
      ],
      command: {
        type: 'RecordDecision',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          decisionId: 'discontinue-hertfordshire',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'reject',
          rationale:
            'David Lloyd: \u201cIt is now clear that the G4S framework contract through Lincolnshire Police was not suitable for the unique position of the three forces.\u201d',
          ...recordOf(
            'david-lloyd',
            'Hertfordshire PCC David Lloyd rejected the privatisation plans to outsource some backroom services of the three forces to G4S; the meeting of the three PCCs was called after it.',
          ),
        },
      },
    },
    {
      label: 'Funding gap claim (typed wrongly at first)',
      occurredAt: '2013',
      recordedAt: '2013-02-04T10:05:00Z',
      sources: report(
        REPORT_2013_A,
        'help plug a £73million funding shortfall in the three forces\u2019 budgets',
      ),
      command: {
        type: 'RecordClaim',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          claimId: 'gap-73m',
          subject: 'funding-gap',
          amount: 37_000_000,
          unit: 'GBP',
          qualifier: 'exactly',
          claimant: 'news report',
          statement: 'a £73million funding shortfall in the three forces\u2019 budgets',
        },
      },
    },
    {
      label: 'Staff affected: more than 1,000',
      occurredAt: '2013',
      recordedAt: '2013-02-04T10:06:00Z',
      sources: report(REPORT_2013_A, 'The plans would have affected more than 1,000 staff'),
      command: {
        type: 'RecordClaim',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          claimId: 'staff-1000',
          subject: 'staff-affected',
          amount: 1000,
          unit: 'people',
          qualifier: 'more-than',
          claimant: 'news report',
          statement: 'The plans would have affected more than 1,000 staff',
        },
      },
    },
    {
      label: 'The three PCCs meet (scheduled)',
      occurredAt: '2013',
      recordedAt: '2013-02-04T10:10:00Z',
      sources: report(
        REPORT_2013_A,
        'met his counterparts from Hertfordshire and Bedfordshire to discuss the plans',
      ),
      command: {
        type: 'ScheduleMeeting',
        data: {
          meetingId: PCC_MEETING,
          title: 'Police and Crime Commissioners of the Strategic Alliance',
          bodyIds: FORCES.map((f) => `pcc-${f}`),
          allianceId: 'bch-alliance',
          ...meetingIn('2013'),
        },
      },
    },
    {
      label: 'PCC meeting agenda',
      occurredAt: '2013',
      recordedAt: '2013-02-04T10:11:00Z',
      sources: report(
        REPORT_2013_A,
        'to discuss the plans to outsource some backroom services of the three counties\u2019 forces to private contractor G4S',
      ),
      command: {
        type: 'AddAgendaItem',
        data: {
          meetingId: PCC_MEETING,
          itemId: 'g4s',
          title: 'Outsourcing to G4S through the Lincolnshire framework',
          proposalId: ALLIANCE_PROPOSAL,
          exempt: false,
        },
      },
    },
    {
      label: 'The three PCCs meet, Sir Graham Bright in the chair',
      occurredAt: meetingAt,
      recordedAt: '2013-02-04T10:30:00Z',
      sources: report(REPORT_2013_A, 'The three PCCs sat down, with Sir Graham chairing the meeting'),
      command: {
        type: 'RecordMeetingHeld',
        data: {
          meetingId: PCC_MEETING,
          ...HELD_APPROXIMATELY,
          chair: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair' },
          attendees: [
            {
              personId: 'graham-bright',
              bodyId: 'pcc-cambridgeshire',
              capacity: 'Police and Crime Commissioner',
            },
            {
              personId: 'david-lloyd',
              bodyId: 'pcc-hertfordshire',
              capacity: 'Police and Crime Commissioner',
            },
            {
              personId: 'olly-martins',
              bodyId: 'pcc-bedfordshire',
              capacity: 'Police and Crime Commissioner',
            },
          ],
        },
      },
    },
    decision(
      'cambridgeshire',
      'graham-bright',
      'Sir Graham Bright: the G4S deal did not fit with the way in which Cambridgeshire and the other constabularies worked; he is not against outsourcing completely.',
      report(
        REPORT_2013_A,
        'the G4S deal did not fit with the way in which Cambridgeshire and the other constabularies worked',
        'I have to say the decision we took was absolutely unanimous',
        'not against outsourcing completely',
      ),
    ),
    decision(
      'bedfordshire',
      'olly-martins',
      'Olly Martins: \u201cWe have concluded Lincs/G4S contract is not for us\u201d. He had openly campaigned against G4S before his election.',
      [
        ...report(REPORT_2013_B, 'We have concluded Lincs/G4S contract is not for us'),
        ...report(REPORT_2013_A, 'had openly campaigned against G4S before his election in November'),
      ],
    ),
    {
      label: 'The alliance proposal is discontinued',
      occurredAt: meetingAt,
      recordedAt: '2013-02-04T11:10:00Z',
      sources: [
        ...report(
          REPORT_2013_B,
          'The three PCCs formalised their decision at a meeting earlier',
          'the Olympic contract had cost it \u00a350m after it failed to deliver 10,400 security guards in time for the Games',
        ),
        ...report(
          REPORT_2013_A,
          'decided to not pursue the option as the Strategic Partnership',
          'it failed to deliver more than 10,000 security guards for last year\u2019s Olympics',
        ),
      ],
      command: {
        type: 'DiscontinueProposal',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          decisionIds: FORCES.map((f) => `discontinue-${f}`),
          reason:
            'The Strategic Alliance discontinued negotiations with G4S; the forces will increase their internal collaboration.',
          meetingId: PCC_MEETING,
        },
      },
    },
    {
      label: 'Staff affected: 1,100 (another source)',
      occurredAt: '2013',
      recordedAt: '2013-02-05T09:00:00Z',
      sources: report(REPORT_2013_B, 'could have affected 1,100 staff'),
      command: {
        type: 'RecordClaim',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          claimId: 'staff-1100',
          subject: 'staff-affected',
          amount: 1100,
          unit: 'people',
          qualifier: 'exactly',
          claimant: 'BBC',
          statement: 'could have affected 1,100 staff',
        },
      },
    },
    {
      label: 'G4S savings claim',
      occurredAt: '2013',
      recordedAt: '2013-02-05T09:01:00Z',
      sources: report(
        REPORT_2013_B,
        'Kim Challis, G4S chief executive, said',
        'which would have guaranteed them savings of over \u00a3100m over the next 10 years',
        'Lincolnshire, which has a 10-year contract with G4S',
        'in less than a year has seen us deliver savings in running costs of around 16%',
      ),
      command: {
        type: 'RecordClaim',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          claimId: 'savings-100m',
          subject: 'savings',
          amount: 100_000_000,
          unit: 'GBP',
          qualifier: 'more-than',
          period: 'over 10 years',
          claimant: 'G4S',
          statement: 'guaranteed them savings of over \u00a3100m over the next 10 years',
          // G4S is no body of the ledger's: its chief executive speaks for the company, no office holder.
          spokenBy: { name: 'Kim Challis', role: 'chief executive' },
        },
      },
    },
    {
      label: 'Hertfordshire keeps outsourcing open alone',
      occurredAt: meetingAt,
      recordedAt: '2013-02-05T09:10:00Z',
      sources: [
        ...report(
          REPORT_2013_A,
          'Hertfordshire will consider outsourcing of all services in the future and that includes discussions with G4S',
        ),
        ...report(REPORT_2013_B, 'I am already in discussion with other market providers'),
      ],
      command: {
        type: 'TableProposal',
        data: {
          proposalId: HERTS_PROPOSAL,
          title: "Outsourcing of Hertfordshire's policing support services",
          description:
            'Hertfordshire will consider outsourcing all services, with other market providers and with G4S.',
          scope: ['all support services'],
          tabledBy: 'pcc-hertfordshire',
          bodyId: 'pcc-hertfordshire',
          parentProposalId: ALLIANCE_PROPOSAL,
        },
      },
    },
    {
      label: 'Recorded as taken forward by Hertfordshire',
      occurredAt: meetingAt,
      recordedAt: '2013-02-05T09:11:00Z',
      // The statement is Andrew White's, who spoke for the commissioner (report A); David Lloyd's own
      // words that he would pursue it (report B) are cited beside it, and quoted as his.
      sources: [
        ...report(
          REPORT_2013_A,
          'Andrew White, chief executive for commissioner Lloyd, said',
          WHITE_STATEMENT,
        ),
        ...report(
          REPORT_2013_B,
          'substantial elements of policing support services will be best delivered by the private sector and will ensure that this option is immediately pursued',
          'I am already in discussion with other market providers and will continue to talk with G4S about how they can assist policing support services in Hertfordshire.',
        ),
      ],
      command: {
        type: 'TakeForwardByMember',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          memberBodyId: 'pcc-hertfordshire',
          newProposalId: HERTS_PROPOSAL,
          statement: WHITE_STATEMENT,
          spokenBy: {
            name: 'Andrew White',
            role: 'chief executive',
            forBodyId: 'pcc-hertfordshire',
            forPersonId: 'david-lloyd',
          },
        },
      },
    },
    {
      label: 'The funding gap claim is corrected',
      occurredAt: '2013-02-05T09:20:00Z',
      recordedAt: '2013-02-05T09:20:00Z',
      sources: [
        { kind: 'clerk-check', reference: REPORT_2013_A, quote: '\u00a373million funding shortfall' },
      ],
      command: {
        type: 'CorrectEvent',
        stream: `proposal-${ALLIANCE_PROPOSAL}`,
        data: {
          eventId: '$claim:gap-73m',
          reason: 'Typing error: the report says \u00a373m, not \u00a337m',
          changes: { amount: 73_000_000 },
        },
      },
    },
  ];
}
