import {
  ALLIANCE_PROPOSAL,
  CC_MEETING,
  FORCES,
  HELD_APPROXIMATELY,
  JWG_MEETING,
  JWG_RECOMMENDATION,
  meetingIn,
  report,
  REPORT_2012,
  SURREY_PROPOSAL,
  type StoryStep,
} from './common';

/*
 * Act two, summer 2012 (the 2012 report): the business case, Surrey's suspension, the chief
 * constables' meeting ("met yesterday") and the working group's ("at a meeting on Monday"), and
 * its recommendation to the three police authorities. The report gives none of them a day.
 */

export function summer2012(): StoryStep[] {
  return [
    {
      label: 'The business case is tabled',
      occurredAt: '2012',
      recordedAt: '2012-03-01T10:00:00Z',
      sources: report(
        REPORT_2012,
        'work to develop a full business case for the outsourcing of organisational support services through the Lincolnshire Police contract with G4S',
      ),
      command: {
        type: 'TableProposal',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          title: 'Outsourcing of organisational support services to G4S',
          description:
            "The outsourcing of the three forces' organisational support services through the Lincolnshire Police contract with G4S, for which a full business case was being developed.",
          scope: [
            'HR',
            'finance',
            'ICT',
            'procurement',
            'corporate communications',
            'services and development',
            'estates',
            'fleet',
            'legal',
            'business support',
          ],
          contractor: 'G4S',
          framework: 'Lincolnshire Police framework contract with G4S',
          tabledBy: 'jwg',
          allianceId: 'bch-alliance',
        },
      },
    },
    {
      label: 'Contract value claim',
      occurredAt: '2012',
      recordedAt: '2012-08-02T08:00:00Z',
      sources: report(REPORT_2012, 'scrapping the deal, worth up to £77m per year'),
      command: {
        type: 'RecordClaim',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          claimId: 'value-77m',
          subject: 'contract-value',
          amount: 77_000_000,
          unit: 'GBP',
          qualifier: 'up-to',
          period: 'a year',
          claimant: 'news report',
          statement: 'worth up to £77m per year',
        },
      },
    },
    {
      label: 'Surrey plan tabled',
      occurredAt: '2012',
      recordedAt: '2012-08-02T08:05:00Z',
      sources: report(
        REPORT_2012,
        'Surrey Police Authority recently decided to suspend their own privitisation plan',
      ),
      command: {
        type: 'TableProposal',
        data: {
          proposalId: SURREY_PROPOSAL,
          title: 'Surrey Police privatisation plan',
          description: "Surrey Police Authority's own plan to privatise police services.",
          scope: [],
          contractor: 'G4S',
          tabledBy: 'pa-surrey',
          bodyId: 'pa-surrey',
        },
      },
    },
    {
      label: 'Surrey suspends its plan',
      occurredAt: '2012',
      recordedAt: '2012-08-02T08:10:00Z',
      sources: report(
        REPORT_2012,
        "Surrey Police Authority recently decided to suspend their own privitisation plan, identifying the company's Olympic failure as the reason",
        'their failure to supply the 10,400 staff required by LOCOG',
      ),
      command: {
        type: 'RecordDecision',
        data: {
          proposalId: SURREY_PROPOSAL,
          decisionId: 'surrey-suspend',
          bodyId: 'pa-surrey',
          outcome: 'defer',
          rationale: "Suspended, identifying the company's Olympic failure as the reason",
        },
      },
    },
    {
      label: 'Chief constables meet (scheduled)',
      occurredAt: '2012',
      recordedAt: '2012-08-02T09:00:00Z',
      sources: report(REPORT_2012, 'met yesterday to consider scrapping the deal'),
      command: {
        type: 'ScheduleMeeting',
        data: {
          meetingId: CC_MEETING,
          title: 'Chief constables: review of the G4S contract',
          bodyIds: FORCES.map((f) => `cc-${f}`),
          allianceId: 'bch-alliance',
          ...meetingIn('2012'),
        },
      },
    },
    {
      label: 'Chief constables meet',
      occurredAt: '2012',
      recordedAt: '2012-08-02T09:02:00Z',
      sources: report(REPORT_2012, 'have met and discussed at considerable length the current situation'),
      command: {
        type: 'RecordMeetingHeld',
        data: {
          meetingId: CC_MEETING,
          ...HELD_APPROXIMATELY,
          attendees: FORCES.map((f) => ({ bodyId: `cc-${f}`, capacity: 'chief constable' })),
        },
      },
    },
    {
      label: 'Joint working group meets (scheduled)',
      occurredAt: '2012',
      recordedAt: '2012-08-02T10:00:00Z',
      sources: report(
        REPORT_2012,
        "will update the police authorities' joint collaboration working groups at a meeting on Monday",
      ),
      command: {
        type: 'ScheduleMeeting',
        data: {
          meetingId: JWG_MEETING,
          title: 'Strategic alliance joint working group',
          bodyIds: ['jwg'],
          allianceId: 'bch-alliance',
          ...meetingIn('2012'),
        },
      },
    },
    {
      label: 'Joint working group agenda',
      occurredAt: '2012',
      recordedAt: '2012-08-02T10:01:00Z',
      sources: report(REPORT_2012, 'will share their assessment with police authority members'),
      command: {
        type: 'AddAgendaItem',
        data: {
          meetingId: JWG_MEETING,
          itemId: 'g4s',
          title: "Chief constables' assessment of the G4S business case",
          proposalId: ALLIANCE_PROPOSAL,
          exempt: false,
        },
      },
    },
    {
      label: 'Joint working group meets',
      occurredAt: '2012',
      recordedAt: '2012-08-09T15:00:00Z',
      sources: report(REPORT_2012, 'a meeting of the strategic alliance joint working group early next week'),
      command: {
        type: 'RecordMeetingHeld',
        data: { meetingId: JWG_MEETING, ...HELD_APPROXIMATELY, attendees: [] },
      },
    },
    {
      label: 'The working group recommends to the three police authorities',
      occurredAt: '2012',
      recordedAt: '2012-08-09T15:05:00Z',
      sources: report(
        REPORT_2012,
        'its role is to make recommendations to the three individual Police Authorities',
      ),
      command: {
        type: 'IssueRecommendation',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          recommendationId: JWG_RECOMMENDATION,
          byBodyId: 'jwg',
          toBodyIds: FORCES.map((f) => `pa-${f}`),
          content: 'do-not-proceed',
          rationale:
            "The chief constables' assessment, made while considering scrapping the deal; any change must be considered in public by each police authority. The report does not give the recommendation's exact terms.",
          meetingId: JWG_MEETING,
        },
      },
    },
  ];
}
