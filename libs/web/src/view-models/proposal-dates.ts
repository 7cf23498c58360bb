import type { TrailEntry } from './ledger-reader';
import type { ProposalRead } from './read-shapes';

/** The events that close a proposal: the one that did gives `closedAt`. */
const CLOSING = new Set(['ProposalWithdrawn', 'ProposalDiscontinued', 'ProposalSuperseded']);

/** The trail's events whose date is approximate, by event id: each entry gives its date as given. */
export function approximateEventIds(items: TrailEntry[]): Set<string> {
  return new Set(items.filter((e) => e.occurredAtApproximate === true).map((e) => e.eventId));
}

/**
 * The proposal's read with whether each date it gives without its flag is approximate, for the
 * `dateAsGiven` filter: its tabling and closing, and each recommendation's (in the list and behind
 * each position). The read gives these dates as given ("2012") but not whether they are a guess;
 * the events that set them do, in the proposal's trail (the reader's own: `items`). A date whose
 * event the trail does not hold (beyond the page's MAX_TRAIL) reads as given, without the flag.
 */
export function withProposalDatesAsGiven<P extends ProposalRead>(proposal: P, items: TrailEntry[]) {
  const approximate = approximateEventIds(items);
  // A proposal's trail holds the proposals it led to (one taken forward), each with its own tabling.
  const own = items.filter((e) => e.data?.proposalId === proposal.proposalId);
  const flag = (entry: TrailEntry | undefined) => entry !== undefined && approximate.has(entry.eventId);
  const recommendations = (proposal.recommendations ?? []).map((r) => ({
    ...r,
    dateApproximate: approximate.has(r.eventId),
  }));
  const recommendationApproximate = new Map(
    recommendations.map((r) => [r.recommendationId, r.dateApproximate]),
  );
  return {
    ...proposal,
    // The read's own flag where it gives one (GetProposal is to carry both); else its event's.
    tabledAtApproximate: proposal.tabledAtApproximate ?? flag(own.find((e) => e.type === 'ProposalTabled')),
    // Closed once: the last closing event is the one its `closedAt` is the date of.
    closedAtApproximate: proposal.closedAtApproximate ?? flag(own.filter((e) => CLOSING.has(e.type)).pop()),
    recommendations,
    positions: (proposal.positions ?? []).map((p) =>
      p.recommendation
        ? {
            ...p,
            recommendation: {
              ...p.recommendation,
              dateApproximate: recommendationApproximate.get(p.recommendation.recommendationId) === true,
            },
          }
        : p,
    ),
  };
}

/** What changed between two dates (GetProposalDiff), each change with whether its date is approximate. */
export interface DiffRead {
  changes: Array<{ eventId: string; [field: string]: unknown }>;
  [field: string]: unknown;
}

/** The diff with each change's date as given, from the same trail (its changes carry no flag). */
export function diffWithDatesAsGiven(diff: DiffRead | undefined, items: TrailEntry[]) {
  if (!diff) return undefined;
  const approximate = approximateEventIds(items);
  return {
    ...diff,
    changes: diff.changes.map((c) => ({ ...c, occurredAtApproximate: approximate.has(c.eventId) })),
  };
}
