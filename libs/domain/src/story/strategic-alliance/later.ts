import { MET_PROPOSAL, report, REPORT_LATER, type StoryStep } from './common';

/*
 * Act five, later (the undated London Assembly report, dated 2013: the earliest it can be): the
 * committee's warning to the Met, the Met's ten-year contract with SSCL. Neither body's founding
 * date is given, and the story needs neither: both are left out.
 */

export function later(): StoryStep[] {
  return [
    {
      label: 'London Assembly Budget and Performance Committee',
      occurredAt: '2013',
      recordedAt: '2017-07-10T09:00:00Z',
      sources: report(REPORT_LATER, 'the London Assembly Budget and Performance Committee\u2019s claim'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'la-budget-performance',
          name: 'London Assembly Budget and Performance Committee',
          classification: 'committee',
          area: 'London',
          powers: 'advises',
        },
      },
    },
    {
      label: 'Metropolitan Police Service',
      occurredAt: '2013',
      recordedAt: '2017-07-10T09:00:00Z',
      sources: report(REPORT_LATER, 'the Metropolitan Police Service'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'met-police',
          name: 'Metropolitan Police Service',
          classification: 'other',
          area: 'London',
          powers: 'decides',
        },
      },
    },
    {
      label: "The Met's outsourcing of IT and back-office services",
      occurredAt: '2013',
      recordedAt: '2017-07-10T09:01:00Z',
      sources: report(
        REPORT_LATER,
        'Outsourcing will allow the Met to focus on core tasks rather than IT and back-office services',
      ),
      command: {
        type: 'TableProposal',
        data: {
          proposalId: MET_PROPOSAL,
          title: 'Back-office services from Shared Services Connected Limited',
          description:
            'A ten-year contract with SSCL, a company majority-owned by Sopra Steria, for IT and back-office services.',
          scope: ['IT', 'back-office services'],
          contractor: 'Shared Services Connected Limited',
          tabledBy: 'met-police',
          bodyId: 'met-police',
        },
      },
    },
    {
      // The report says the contract was signed, so it is a decision (not only a tabling). It
      // names no signatory, date, reference or reasons of the Met's own: they are left out.
      label: 'The Met signs its ten-year contract with SSCL',
      occurredAt: '2013',
      recordedAt: '2017-07-10T09:01:30Z',
      sources: report(
        REPORT_LATER,
        'The Met Police recently signed its own ten-year contract with Shared Services Connected Limited, a company majority-owned by Sopra Steria.',
      ),
      command: {
        type: 'RecordDecision',
        data: {
          proposalId: MET_PROPOSAL,
          decisionId: 'met-sscl-contract',
          bodyId: 'met-police',
          outcome: 'sign-contract',
          title: 'Ten-year contract with Shared Services Connected Limited',
          summary:
            'The Met Police signed its own ten-year contract with Shared Services Connected Limited, a company majority-owned by Sopra Steria.',
          rationale: "The report gives no reasons of the Met's own.",
        },
      },
    },
    {
      label: 'The committee recommends better commercial expertise',
      occurredAt: '2013',
      recordedAt: '2017-07-10T09:02:00Z',
      sources: report(
        REPORT_LATER,
        'the London Assembly\u2019s recommendation that the Met should improve its commercial expertise',
        'it is unfair to assume that the Metropolitan Police Service is liable to commit a \u201chigh-profile outsourcing failure\u201d',
        'a 25 per cent reduction in cost, 31 more officers on the frontline',
      ),
      command: {
        type: 'IssueRecommendation',
        data: {
          proposalId: MET_PROPOSAL,
          recommendationId: 'to-protect-and-save',
          byBodyId: 'la-budget-performance',
          toBodyIds: ['met-police'],
          content: 'amend',
          rationale:
            'To Protect and Save: the Met is likely to follow the Ministry of Justice into a high-profile outsourcing failure, and should improve its commercial expertise.',
        },
      },
    },
  ];
}
