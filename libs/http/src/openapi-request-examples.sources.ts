/*
 * What the request examples cite and when they are dated: the reports in shared/seeds (named by
 * what they report: they carry no title or date of their own), the outside facts the seeds'
 * README gives, and the few sources an illustrative example needs.
 */

import { STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';

/**
 * The data of the story's command of `type` that `matches`: an example the story records already
 * is taken from it, not written out a second time.
 */
export function storyData(
  type: string,
  matches: (data: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  const step = STRATEGIC_ALLIANCE_STORY.find(
    (s) => s.command.type === type && matches(s.command.data as Record<string, unknown>),
  );
  if (!step) throw new Error(`The story records no ${type} as the example needs`);
  return step.command.data as Record<string, unknown>;
}

/** One write's example: the command's fields (those its path carries too), when it happened, its sources. */
export interface RequestExample {
  /** What the entry records, shown as the example's summary. */
  summary: string;
  /** The fields a path parameter names go to the URL (as that parameter's example); the rest are the body. */
  value: Record<string, unknown>;
}

export const REPORT_2012 =
  'News report, summer 2012: the chief constables consider scrapping the plan to outsource back office functions to G4S';
export const REPORT_2013_A = 'News report, early 2013: plans to privatise Cambridgeshire police dropped';
export const REPORT_2013_B = 'News report, early 2013: the three PCCs discontinue negotiations with G4S';

/** Sources quoting one report, each quote its exact words. */
export const fromReport = (reference: string, ...quotes: string[]) => ({
  sources: quotes.map((quote) => ({ kind: 'news-report', reference, quote })),
});

/** The reports give no day: summer 2012 is the year 2012, early 2013 the year 2013, both approximate. */
export const SUMMER_2012 = { occurredAt: '2012', occurredAtApproximate: true };
export const EARLY_2013 = { occurredAt: '2013', occurredAtApproximate: true };

/** Facts from outside the reports (shared/seeds/README.md). */
export const FACTS = {
  abolition: {
    kind: 'statute',
    reference:
      'Police Reform and Social Responsibility Act 2011: Police and Crime Commissioners took over the functions of police authorities on 22 November 2012',
  },
  businessCase: {
    kind: 'statute',
    reference:
      'Collaboration agreement: a business case is agreed by the three PCCs and the three chief constables; before November 2012 each police authority approved',
  },
  decisionRecords: {
    kind: 'statute',
    reference:
      'Elected Local Policing Bodies (Specified Information) Order 2011: a record of each decision of significant public interest',
  },
};

/** The one day the reports' setting knows: the PCCs take office, the police authorities are abolished. */
export const TAKING_OFFICE = { occurredAt: '2012-11-22', source: FACTS.abolition };

/** Sources of the illustrative examples: entries of a kind the reports do not record. */
export const ILLUSTRATIVE = {
  termsOfReference: {
    kind: 'terms-of-reference',
    reference: 'Strategic Alliance joint collaboration working group: terms of reference',
  },
  surreyMinutes: { kind: 'minutes', reference: 'Surrey Police Authority: minutes' },
  pccMinutes: {
    kind: 'minutes',
    reference: 'Minutes of the meeting of the three Police and Crime Commissioners on the G4S plan',
  },
  panelMinutes: { kind: 'minutes', reference: 'Hertfordshire Police and Crime Panel: minutes' },
};
