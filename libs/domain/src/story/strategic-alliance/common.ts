import type { LedgerCommand } from '../../registry';
import type { CorrectionCommand } from '../../shared/corrections';

/*
 * What every act of the story shares: the shape of a step, its sources, and the ids and dates the
 * acts name one another by.
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
export const report = (file: string, ...quotes: string[]): StorySource[] =>
  quotes.map((quote) => ({ kind: 'news-report', reference: file, quote }));
export const facts = (what: string): StorySource[] => [{ kind: 'statute', reference: `${FACTS}: ${what}` }];

export const ALLIANCE_PROPOSAL = 'g4s-back-office';
export const HERTS_PROPOSAL = 'herts-support-services';
export const SURREY_PROPOSAL = 'surrey-privatisation';
export const MET_PROPOSAL = 'met-back-office';
/**
 * The meetings and the working group's recommendation are named for what they were about, not
 * when: the reports give none of them a day or a month ("yesterday", "on Monday", "earlier").
 */
export const CC_MEETING = 'cc-g4s-review-meeting';
export const JWG_MEETING = 'jwg-g4s-meeting';
export const JWG_RECOMMENDATION = 'jwg-g4s-recommendation';
export const PCC_MEETING = 'pcc-g4s-meeting';
/** The one day the story knows: an outside fact (seeds/README.md). */
export const ABOLITION_DATE = '2012-11-22';

/**
 * A meeting's date as the reports give it: the year only, approximate (`scheduledFor` takes the
 * same uncertain forms as `occurredAt`). Its publicity is left out: no report says whether any of
 * these meetings was open to the public, and not stated is not private.
 */
export const meetingIn = (year: '2012' | '2013') => ({
  scheduledFor: year,
  scheduledForApproximate: true,
});

/** A meeting held in the year the reports give (the entry's occurredAt), marked approximate as its schedule is. */
export const HELD_APPROXIMATELY = { heldOnApproximate: true } as const;

export const FORCES = ['bedfordshire', 'cambridgeshire', 'hertfordshire'] as const;
export const title = (f: string) => f[0].toUpperCase() + f.slice(1);
