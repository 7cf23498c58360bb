import { registerBodies } from './bodies-2012';
import { ABOLITION_DATE, type StoryStep } from './common';
import { early2013 } from './early-2013';
import { later } from './later';
import { pccsArrive } from './pccs-arrive';
import { summer2012 } from './summer-2012';

/**
 * The story of the four reports in shared/seeds, as the commands a clerk would record, in order,
 * each with its sources: every quote is the exact text of the report its source names (the
 * story's spec checks them against the reports). One file per act, in the order it happened.
 *
 * The reports carry no dates, so every step dated from one is dated to the year and marked
 * approximate: summer 2012 is '2012', early 2013 '2013', and the later report, known only to come
 * after them, '2013' too (the earliest it can be). The one exact date is the outside fact of 22
 * November 2012. The meetings are scheduled for the year the reports give, marked approximate
 * (`scheduledForApproximate`), with their publicity not stated (`public` left out: not stated is
 * not private). Where a report does not give a fact (a founding date, a decision record's number,
 * a chief constable's name, whether a meeting or decision was in public), the story leaves it out
 * rather than invent it; the alliance's founding, which its members' terms need, is the year.
 *
 * `recordedAt` is when a clerk entered it, for "as known at" tests: minutes are often entered
 * days after the meeting.
 */
export {
  ABOLITION_DATE,
  ALLIANCE_PROPOSAL,
  CC_MEETING,
  HERTS_PROPOSAL,
  JWG_MEETING,
  JWG_RECOMMENDATION,
  MET_PROPOSAL,
  PCC_MEETING,
  REPORT_2012,
  REPORT_2013_A,
  REPORT_2013_B,
  REPORT_LATER,
  SURREY_PROPOSAL,
  type StorySource,
  type StoryStep,
} from './common';

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
