import type { COMMAND_DTOS } from '@ledger/recording';
import {
  EARLY_2013,
  FACTS,
  fromReport,
  storyData,
  ILLUSTRATIVE,
  REPORT_2012,
  REPORT_2013_A,
  REPORT_2013_B,
  SUMMER_2012,
  TAKING_OFFICE,
  type RequestExample,
} from './openapi-request-examples.sources';
import { MEETING_AND_RECORD_EXAMPLES } from './openapi-request-examples.meetings';

export type { RequestExample } from './openapi-request-examples.sources';

/*
 * One whole request per write, as a clerk would send it, from the 2012-13 plan of the
 * Bedfordshire, Cambridgeshire and Hertfordshire police Strategic Alliance to outsource back-office
 * services to G4S (the reports in shared/seeds and the outside facts their README gives). A quote
 * is the report's own words. Where the reports record no such entry, the example says it is
 * illustrative. These are data only: whether each one passes the service's validation is asked of
 * the service itself (test/e2e/openapi-request-examples.e2e-spec.ts), not written a second time here.
 */

const FORCES_PAS = ['pa-bedfordshire', 'pa-cambridgeshire', 'pa-hertfordshire'];

/** Bodies, people and the alliance; then the proposals. Meetings, votes and the rest are in .meetings. */
const BODY_AND_PROPOSAL_EXAMPLES = {
  RegisterBody: {
    summary: 'The Police and Crime Commissioner for Cambridgeshire, a corporation sole from 22 November 2012',
    value: {
      bodyId: 'pcc-cambridgeshire',
      name: 'Police and Crime Commissioner for Cambridgeshire',
      classification: 'police-and-crime-commissioner',
      area: 'Cambridgeshire',
      powers: 'decides',
      foundingDate: '2012-11-22',
      ...TAKING_OFFICE,
    },
  },
  CreatePost: {
    summary: "The Commissioner's post",
    value: {
      bodyId: 'pcc-cambridgeshire',
      postId: 'commissioner',
      label: 'Police and Crime Commissioner for Cambridgeshire',
      role: 'Police and Crime Commissioner',
      ...TAKING_OFFICE,
    },
  },
  AppointOfficeHolder: {
    summary: 'Sir Graham Bright takes office',
    value: {
      bodyId: 'pcc-cambridgeshire',
      membershipId: 'graham-bright-2012',
      postId: 'commissioner',
      personId: 'graham-bright',
      startDate: '2012-11-22',
      occurredAt: '2012-11-22',
      ...fromReport(REPORT_2013_A, 'Cambridgeshire’s Police and Crime Commissioner Sir Graham Bright'),
    },
  },
  RecordOfficeHolderLeft: {
    summary: "Olly Martins's term as Bedfordshire's PCC ends at the 2016 election (after the reports)",
    value: {
      bodyId: 'pcc-bedfordshire',
      membershipId: 'olly-martins-2012',
      endDate: '2016-05-12',
      occurredAt: '2016-05-12',
      source: {
        kind: 'election-result',
        reference: 'Bedfordshire Police and Crime Commissioner election, 2016',
      },
    },
  },
  SetQuorum: {
    summary: "The joint working group's quorum (illustrative: the reports give none)",
    value: {
      bodyId: 'jwg',
      minimum: 3,
      ...SUMMER_2012,
      source: ILLUSTRATIVE.termsOfReference,
    },
  },
  SetDecisionReferenceFormat: {
    summary: "How Hertfordshire's PCC numbers decision records (PCC/D/001, …)",
    value: {
      bodyId: 'pcc-hertfordshire',
      format: 'PCC/D/{seq:3}',
      ...TAKING_OFFICE,
      source: FACTS.decisionRecords,
    },
  },
  AbolishBody: {
    summary: 'Hertfordshire Police Authority is abolished, succeeded by its PCC',
    value: {
      bodyId: 'pa-hertfordshire',
      dissolutionDate: '2012-11-22',
      successorId: 'pcc-hertfordshire',
      reason:
        'Police Reform and Social Responsibility Act 2011: functions passed to the Police and Crime Commissioner',
      ...TAKING_OFFICE,
    },
  },
  RegisterPerson: {
    summary: 'Sir Graham Bright',
    value: {
      personId: 'graham-bright',
      name: 'Graham Bright',
      honorificPrefix: 'Sir',
      givenName: 'Graham',
      familyName: 'Bright',
      occurredAt: '2012-11-22',
      ...fromReport(REPORT_2013_A, 'Cambridgeshire’s Police and Crime Commissioner Sir Graham Bright'),
    },
  },
  FormAlliance: {
    summary:
      'The Strategic Alliance: three police authorities and three chief constables, deciding unanimously',
    value: {
      allianceId: 'bch-alliance',
      name: 'Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance',
      decisionRule: { kind: 'unanimity' },
      foundingDate: '2012',
      foundingDateApproximate: true,
      memberIds: [...FORCES_PAS, 'cc-bedfordshire', 'cc-cambridgeshire', 'cc-hertfordshire'],
      ...SUMMER_2012,
      source: FACTS.businessCase,
    },
  },
  AddAllianceMember: {
    summary: "Hertfordshire's PCC joins the alliance in its police authority's place",
    value: {
      allianceId: 'bch-alliance',
      bodyId: 'pcc-hertfordshire',
      startDate: '2012-11-22',
      reason: 'Successor of the Hertfordshire Police Authority',
      ...TAKING_OFFICE,
    },
  },
  RemoveAllianceMember: {
    summary: 'Hertfordshire Police Authority leaves the alliance on its abolition',
    value: {
      allianceId: 'bch-alliance',
      bodyId: 'pa-hertfordshire',
      endDate: '2012-11-22',
      reason: 'Abolished by the Police Reform and Social Responsibility Act 2011',
      ...TAKING_OFFICE,
    },
  },
  TableProposal: {
    summary: "The business case for outsourcing the three forces' support services to G4S",
    value: {
      proposalId: 'g4s-back-office',
      title: 'Outsourcing of organisational support services to G4S',
      description:
        "The outsourcing of the three forces' organisational support services through the Lincolnshire Police contract with G4S, for which a full business case was being developed.",
      scope: ['HR', 'finance', 'ICT', 'procurement'],
      contractor: 'G4S',
      framework: 'Lincolnshire Police framework contract with G4S',
      tabledBy: 'jwg',
      allianceId: 'bch-alliance',
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'work to develop a full business case for the outsourcing of organisational support services through the Lincolnshire Police contract with G4S',
      ),
    },
  },
  AmendProposal: {
    summary: 'The services in scope, as the 2012 report lists them all',
    value: {
      proposalId: 'g4s-back-office',
      changes: { scope: storyData('TableProposal', (d) => d.proposalId === 'g4s-back-office').scope },
      reason: 'The report lists six more services than the business case named',
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'support in HR, finance, ICT, procurement, corporate communications, services and development, estates, fleet, legal and business support',
      ),
    },
  },
  ReferProposal: {
    summary: 'The working group refers the plan to the three police authorities',
    value: {
      proposalId: 'g4s-back-office',
      byBodyId: 'jwg',
      toBodyIds: FORCES_PAS,
      reason:
        'Any changes to the current programme would have formally to be considered in public by each police authority.',
      meetingId: 'jwg-g4s-meeting',
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'Any changes to the current programme would have formally to be considered in public by each police authority.',
      ),
    },
  },
  DeferProposal: {
    summary: 'Surrey Police Authority suspends its own plan',
    value: {
      proposalId: 'surrey-privatisation',
      byBodyId: 'pa-surrey',
      reason: "Suspended, identifying the company's Olympic failure as the reason",
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'Surrey Police Authority recently decided to suspend their own privitisation plan',
      ),
    },
  },
  WithdrawProposal: {
    summary: 'Surrey Police Authority withdraws its plan (illustrative: the report says only suspended)',
    value: {
      proposalId: 'surrey-privatisation',
      byBodyId: 'pa-surrey',
      reason: 'The authority did not take its privatisation plan further after the Olympic security failure',
      ...SUMMER_2012,
      source: ILLUSTRATIVE.surreyMinutes,
    },
  },
  DiscontinueProposal: {
    summary: 'The three PCCs discontinue the plan',
    value: {
      proposalId: 'g4s-back-office',
      decisionIds: ['discontinue-bedfordshire', 'discontinue-cambridgeshire', 'discontinue-hertfordshire'],
      reason:
        'The Strategic Alliance discontinued negotiations with G4S; the forces will increase their internal collaboration.',
      meetingId: 'pcc-g4s-meeting',
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_B,
        'The three PCCs formalised their decision at a meeting earlier',
        'the three commissioners had “discontinued negotiations”',
      ),
    },
  },
  SupersedeProposal: {
    summary: "Hertfordshire's own plan replaces the alliance's (illustrative: it was discontinued instead)",
    value: {
      proposalId: 'g4s-back-office',
      byProposalId: 'herts-support-services',
      reason: 'Hertfordshire pursues outsourcing alone, with other market providers and with G4S',
      ...EARLY_2013,
      ...fromReport(REPORT_2013_B, 'I am already in discussion with other market providers'),
    },
  },
  TakeForwardByMember: {
    summary: "Hertfordshire takes the plan forward alone, in its chief executive's words",
    value: {
      proposalId: 'g4s-back-office',
      memberBodyId: 'pcc-hertfordshire',
      newProposalId: 'herts-support-services',
      statement:
        'The strategic alliance of Bedfordshire, Cambridgeshire and Hertfordshire have discontinued the discussions with G4S however Hertfordshire will consider outsourcing of all services in the future and that includes discussions with G4S.',
      spokenBy: {
        name: 'Andrew White',
        role: 'chief executive',
        forBodyId: 'pcc-hertfordshire',
        forPersonId: 'david-lloyd',
      },
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_A,
        'Andrew White, chief executive for commissioner Lloyd, said',
        'Hertfordshire will consider outsourcing of all services in the future and that includes discussions with G4S',
      ),
    },
  },
  RecordClaim: {
    summary: 'G4S claims savings of over £100m over ten years',
    value: {
      ...storyData('RecordClaim', (d) => d.claimId === 'savings-100m'),
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_B,
        'Kim Challis, G4S chief executive, said',
        'which would have guaranteed them savings of over £100m over the next 10 years',
      ),
    },
  },
  IssueRecommendation: {
    summary: 'The working group recommends to the three police authorities',
    value: {
      proposalId: 'g4s-back-office',
      recommendationId: 'jwg-g4s-recommendation',
      byBodyId: 'jwg',
      toBodyIds: FORCES_PAS,
      content: 'do-not-proceed',
      rationale:
        "The chief constables' assessment, made while considering scrapping the deal; any change must be considered in public by each police authority.",
      meetingId: 'jwg-g4s-meeting',
      ...SUMMER_2012,
      ...fromReport(
        REPORT_2012,
        'its role is to make recommendations to the three individual Police Authorities',
      ),
    },
  },
  RecordDecision: {
    summary: "Cambridgeshire's PCC decides not to proceed, at the three PCCs' meeting",
    value: {
      proposalId: 'g4s-back-office',
      decisionId: 'discontinue-cambridgeshire',
      bodyId: 'pcc-cambridgeshire',
      postId: 'commissioner',
      personId: 'graham-bright',
      outcome: 'reject',
      meetingId: 'pcc-g4s-meeting',
      title: 'Not to proceed with outsourcing to G4S through the Lincolnshire Police contract',
      summary:
        'The three PCCs decided to not pursue the option as the Strategic Partnership: a shared decision not to proceed further with the outsourcing of backroom services to G4S.',
      signed: { personId: 'graham-bright', on: '2013' },
      rationale:
        'Sir Graham Bright: the G4S deal did not fit with the way in which Cambridgeshire and the other constabularies worked; he is not against outsourcing completely.',
      ...EARLY_2013,
      ...fromReport(
        REPORT_2013_A,
        'the G4S deal did not fit with the way in which Cambridgeshire and the other constabularies worked',
        'we have come to the shared decision not to proceed further',
      ),
    },
  },
} satisfies Record<string, RequestExample>;

/** Every write's example, by its command: a command without one does not compile. */
export const REQUEST_EXAMPLES: Readonly<Record<keyof typeof COMMAND_DTOS, RequestExample>> = {
  ...BODY_AND_PROPOSAL_EXAMPLES,
  ...MEETING_AND_RECORD_EXAMPLES,
};
