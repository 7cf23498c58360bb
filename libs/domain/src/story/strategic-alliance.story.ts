import type { CorrectionCommand } from '../shared/corrections';
import type { LedgerCommand } from '../registry';

/**
 * The story of the four reports in shared/seeds, as the commands a clerk would record, in order,
 * each with its sources: every quote is the exact text of the report its source names (the
 * story's spec checks them against the reports). The reports carry no dates, so every step
 * dated from one is dated to the year and marked approximate: summer 2012 is '2012', early 2013
 * '2013', and the later report, known only to come after them, '2013' too (the earliest it can
 * be). The one exact date is the outside fact of 22 November 2012. Where a report does not give
 * a fact (a founding date, a decision record's number, a chief constable's name, whether a
 * meeting or decision was in public), the story leaves it out rather than invent it; where the
 * domain requires a field the reports do not give, the comment at its constant says what it holds.
 *
 * `recordedAt` is when a clerk entered it, for "as known at" tests: minutes are often entered
 * days after the meeting.
 */
/** One source of a step: a report (with the exact words relied on) or the seeds' facts. */
export interface StorySource {
  kind: string;
  reference: string;
  quote?: string;
}

export interface StoryStep {
  label: string;
  occurredAt: string;
  /** The reports give no date: the date is the seeds' estimate. */
  occurredAtApproximate?: boolean;
  recordedAt: string;
  sources: StorySource[];
  command: LedgerCommand | (CorrectionCommand & { stream: string });
}

export const REPORT_2012 = 'seeds/002_0bec823cc5bd36ba.txt';
export const REPORT_2013_A = 'seeds/000_a6c106a25c8c662b.txt';
export const REPORT_2013_B = 'seeds/001_1e4c887b418be342.txt';
export const REPORT_LATER = 'seeds/003_0a478905b60df170.txt';
const FACTS = 'seeds/README.md (facts from outside the reports)';

/** One source per quote, each the exact words of `file`. */
const report = (file: string, ...quotes: string[]): StorySource[] =>
  quotes.map((quote) => ({ kind: 'news-report', reference: file, quote }));
const facts = (what: string): StorySource[] => [{ kind: 'statute', reference: `${FACTS}: ${what}` }];

export const ALLIANCE_PROPOSAL = 'g4s-back-office';
export const HERTS_PROPOSAL = 'herts-support-services';
export const SURREY_PROPOSAL = 'surrey-privatisation';
export const MET_PROPOSAL = 'met-back-office';
// Ids are keys clients and API examples already use, not dates: the steps' dates are the record.
export const PCC_MEETING = 'pcc-meeting-2013-01';
export const ABOLITION_DATE = '2012-11-22';

/**
 * A founding date and a meeting's `scheduledFor` are required and must be a day (DateField), so
 * they cannot say "2012" or "not stated". They hold the first day of the year the reports place
 * the body or meeting in: the instant the cut rule gives that year (README, "Uncertain dates"),
 * not a day any source names.
 */
const FIRST_DAY_2012 = '2012-01-01';
const FIRST_DAY_2013 = '2013-01-01';
/**
 * `public` on a meeting is required, and no report says whether these meetings were open. The
 * ledger reads not stated as not private (as it does a decision's `inPublic`), so the story says
 * true rather than hide a meeting no source calls private.
 */
const PUBLICITY_NOT_STATED = true;

const FORCES = ['bedfordshire', 'cambridgeshire', 'hertfordshire'] as const;
const title = (f: string) => f[0].toUpperCase() + f.slice(1);

function registerBodies(): StoryStep[] {
  const steps: StoryStep[] = [];
  for (const f of FORCES) {
    steps.push({
      label: `${title(f)} Police Authority`,
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: facts('police authorities decided for their forces until 22 November 2012'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: `pa-${f}`,
          name: `${title(f)} Police Authority`,
          classification: 'police-authority',
          area: title(f),
          powers: 'decides',
          foundingDate: FIRST_DAY_2012,
        },
      },
    });
    steps.push({
      label: `Chief Constable of ${title(f)}`,
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'The chief constables of Hertfordshire, Bedfordshire and Cambridgeshire police forces met yesterday',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: `cc-${f}`,
          name: `Chief Constable of ${title(f)} Police`,
          classification: 'chief-constable',
          area: title(f),
          powers: 'decides',
          foundingDate: FIRST_DAY_2012,
        },
      },
    });
  }
  steps.push(
    {
      label: 'Joint collaboration working group',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'The joint collaboration working group is not a decision making group, its role is to make recommendations',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'jwg',
          name: 'Strategic Alliance Joint Collaboration Working Group',
          classification: 'joint-working-group',
          powers: 'advises',
          foundingDate: FIRST_DAY_2012,
        },
      },
    },
    {
      label: 'G4S',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(REPORT_2012, 'plan to outsource back office functions to G4S'),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'g4s',
          name: 'G4S',
          classification: 'contractor',
          powers: 'none',
          foundingDate: FIRST_DAY_2012,
        },
      },
    },
    {
      label: 'Surrey Police Authority',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:00:00Z',
      sources: report(
        REPORT_2012,
        'Surrey Police Authority recently decided to suspend their own privitisation plan',
      ),
      command: {
        type: 'RegisterBody',
        data: {
          bodyId: 'pa-surrey',
          name: 'Surrey Police Authority',
          classification: 'police-authority',
          area: 'Surrey',
          powers: 'decides',
          foundingDate: FIRST_DAY_2012,
        },
      },
    },
    {
      label: 'The alliance',
      occurredAt: '2012',
      recordedAt: '2012-03-01T09:05:00Z',
      sources: facts(
        'a business case has to be agreed by the three PCCs and the three chief constables; before November 2012 each police authority approved',
      ),
      command: {
        type: 'FormAlliance',
        data: {
          allianceId: 'bch-alliance',
          name: 'Bedfordshire, Cambridgeshire and Hertfordshire Strategic Alliance',
          decisionRule: { kind: 'unanimity' },
          foundingDate: FIRST_DAY_2012,
          memberIds: FORCES.flatMap((f) => [`pa-${f}`, `cc-${f}`]),
        },
      },
    },
  );
  return steps;
}

function summer2012(): StoryStep[] {
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
          meetingId: 'cc-meeting-2012-08',
          title: 'Chief constables: review of the G4S contract',
          bodyIds: FORCES.map((f) => `cc-${f}`),
          allianceId: 'bch-alliance',
          scheduledFor: FIRST_DAY_2012,
          public: PUBLICITY_NOT_STATED,
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
          meetingId: 'cc-meeting-2012-08',
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
          meetingId: 'jwg-meeting-2012-08',
          title: 'Strategic alliance joint working group',
          bodyIds: ['jwg'],
          allianceId: 'bch-alliance',
          scheduledFor: FIRST_DAY_2012,
          public: PUBLICITY_NOT_STATED,
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
          meetingId: 'jwg-meeting-2012-08',
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
      command: { type: 'RecordMeetingHeld', data: { meetingId: 'jwg-meeting-2012-08', attendees: [] } },
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
          recommendationId: 'jwg-2012-08',
          byBodyId: 'jwg',
          toBodyIds: FORCES.map((f) => `pa-${f}`),
          content: 'do-not-proceed',
          rationale:
            "The chief constables' assessment, made while considering scrapping the deal; any change must be considered in public by each police authority. The report does not give the recommendation's exact terms.",
          meetingId: 'jwg-meeting-2012-08',
        },
      },
    },
  ];
}

function pccsArrive(): StoryStep[] {
  const pcc = {
    bedfordshire: ['olly-martins', 'Olly Martins', undefined],
    cambridgeshire: ['graham-bright', 'Graham Bright', 'Sir'],
    hertfordshire: ['david-lloyd', 'David Lloyd', undefined],
  } as const;
  const steps: StoryStep[] = [];
  for (const f of FORCES) {
    const [personId, name, honorificPrefix] = pcc[f];
    const at = {
      occurredAt: ABOLITION_DATE,
      recordedAt: '2012-11-23T09:00:00Z',
      sources: facts(
        'Police and Crime Commissioners took over on 22 November 2012 (elected 15 November 2012)',
      ),
    };
    steps.push(
      {
        label: `PCC for ${title(f)}`,
        ...at,
        command: {
          type: 'RegisterBody',
          data: {
            bodyId: `pcc-${f}`,
            name: `Police and Crime Commissioner for ${title(f)}`,
            classification: 'police-and-crime-commissioner',
            area: title(f),
            powers: 'decides',
            foundingDate: ABOLITION_DATE,
          },
        },
      },
      {
        label: `Post of PCC for ${title(f)}`,
        ...at,
        command: {
          type: 'CreatePost',
          data: {
            bodyId: `pcc-${f}`,
            postId: 'commissioner',
            label: `Police and Crime Commissioner for ${title(f)}`,
            role: 'Police and Crime Commissioner',
          },
        },
      },
      {
        label: name,
        ...at,
        sources: report(
          REPORT_2013_A,
          f === 'cambridgeshire'
            ? 'Cambridgeshire\u2019s Police and Crime Commissioner Sir Graham Bright'
            : f === 'hertfordshire'
              ? 'Hertfordshire PCC David Lloyd'
              : 'Olly Martins, the PCC for Bedfordshire',
        ),
        command: {
          type: 'RegisterPerson',
          data: { personId, name, ...(honorificPrefix ? { honorificPrefix } : {}) },
        },
      },
      {
        label: `${name} takes office`,
        ...at,
        command: {
          type: 'AppointOfficeHolder',
          data: {
            bodyId: `pcc-${f}`,
            membershipId: `${personId}-2012`,
            postId: 'commissioner',
            personId,
            startDate: ABOLITION_DATE,
          },
        },
      },
      {
        label: `${title(f)} Police Authority abolished`,
        ...at,
        command: {
          type: 'AbolishBody',
          data: {
            bodyId: `pa-${f}`,
            dissolutionDate: ABOLITION_DATE,
            successorId: `pcc-${f}`,
            reason:
              'Police Reform and Social Responsibility Act 2011: functions passed to the Police and Crime Commissioner',
          },
        },
      },
    );
  }
  return steps;
}

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

function early2013(): StoryStep[] {
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
          scheduledFor: FIRST_DAY_2013,
          public: PUBLICITY_NOT_STATED,
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
          claimant: 'G4S (Kim Challis, chief executive)',
          statement: 'guaranteed them savings of over \u00a3100m over the next 10 years',
        },
      },
    },
    {
      label: 'Hertfordshire keeps outsourcing open alone',
      occurredAt: meetingAt,
      recordedAt: '2013-02-05T09:10:00Z',
      sources: report(
        REPORT_2013_A,
        'Andrew White, chief executive for commissioner Lloyd, said',
        'Hertfordshire will consider outsourcing of all services in the future and that includes discussions with G4S',
      ),
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
      sources: report(
        REPORT_2013_B,
        'substantial elements of policing support services will be best delivered by the private sector and will ensure that this option is immediately pursued',
        'I am already in discussion with other market providers and will continue to talk with G4S about how they can assist policing support services in Hertfordshire.',
      ),
      command: {
        type: 'TakeForwardByMember',
        data: {
          proposalId: ALLIANCE_PROPOSAL,
          memberBodyId: 'pcc-hertfordshire',
          newProposalId: HERTS_PROPOSAL,
          statement:
            'I am already in discussion with other market providers and will continue to talk with G4S about how they can assist policing support services in Hertfordshire.',
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

function later(): StoryStep[] {
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
          foundingDate: FIRST_DAY_2013,
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
          foundingDate: FIRST_DAY_2013,
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

/**
 * Every date is approximate but two: the PCCs' arrival (an outside fact with its day) and the
 * clerk's correction (dated when it was made). The rest are the year the reports or facts place
 * a step in, which none of them gives exactly.
 */
const approximate = (step: StoryStep): StoryStep =>
  step.occurredAt === ABOLITION_DATE || step.sources.every((s) => s.kind === 'clerk-check')
    ? step
    : { ...step, occurredAtApproximate: true };

/** The whole story in the order it happened and was recorded. */
export const STRATEGIC_ALLIANCE_STORY: readonly StoryStep[] = [
  ...registerBodies(),
  ...summer2012(),
  ...pccsArrive(),
  ...early2013(),
  ...later(),
].map(approximate);

/**
 * Corrections name the event they correct by id, which only exists once recorded. A story step
 * names it as `$claim:<claimId>`; this finds the id among recorded events.
 */
export function resolveStoryEventRef(
  ref: string,
  events: ReadonlyArray<{ id: string; type: string; data: unknown }>,
): string {
  if (!ref.startsWith('$claim:')) return ref;
  const claimId = ref.slice('$claim:'.length);
  const found = events.find(
    (e) => e.type === 'ClaimRecorded' && (e.data as { claimId?: string }).claimId === claimId,
  );
  if (!found) throw new Error(`Story: no recorded claim ${claimId}`);
  return found.id;
}
