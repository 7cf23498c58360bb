import { GetProposalDiffQuery, GetProposalQuery, type Viewer } from '@ledger/projections';
import type { PageDates } from '../pages/page-query';
import type { LedgerReader, TrailEntry } from './ledger-reader';
import type { SpokenByRead } from '../pages/template-filters';
import type { Claim, ProposalRead } from './read-shapes';
import { registerPath, replayAt, timelineOf } from './timeline.view';
import { bothWanted, idsOfTrail, PageNames } from './names';

/** What changed between two dates (GetProposalDiff), each change with its date as given. */
interface DiffRead {
  changes: Array<{
    eventId: string;
    occurredAt: string;
    occurredAtApproximate: boolean;
    [field: string]: unknown;
  }>;
  [field: string]: unknown;
}

/**
 * Everything the proposal page shows, from the API's own queries: the proposal at the cut, its
 * audit trail at the cut (the timeline), the dates it can be replayed to, and the diff. Each date
 * comes with its read's own flag of whether it is approximate (tabling, closing, recommendations,
 * positions, the diff's changes): the page draws them as given.
 */
export async function proposalView(
  reader: LedgerReader,
  proposalId: string,
  dates: PageDates,
  viewer: Viewer,
) {
  const cut = { asOf: dates.asOf, knownAt: dates.knownAt };
  const isCut = cut.asOf !== undefined || cut.knownAt !== undefined;
  const [proposal, trailAtCut, trailNow, diff] = await Promise.all([
    reader.ask<ProposalRead>(new GetProposalQuery(proposalId, cut, viewer)),
    reader.trail('proposal', proposalId, cut, viewer),
    isCut ? reader.trail('proposal', proposalId, {}, viewer) : undefined,
    dates.from && dates.to
      ? reader.ask<DiffRead>(
          new GetProposalDiffQuery(proposalId, dates.from, dates.to, dates.knownAt, viewer),
        )
      : undefined,
  ]);
  // The trail's entries, the alliance and the positions' meetings give ids alone: the page shows the names.
  const names = await new PageNames(reader, viewer, cut).book(
    bothWanted(idsOfTrail(trailAtCut.items), {
      alliance: [proposal.allianceId],
      meeting: (proposal.positions ?? []).map((p) => p.decision?.meetingId),
    }),
  );
  return {
    pageTitle: proposal.title,
    proposal,
    names,
    cut,
    isCut,
    timeline: timelineOf(
      trailAtCut.items,
      speakersOf(proposal, trailAtCut.items),
      names,
      registerPath('proposals', proposalId),
    ),
    timelineTruncated: trailAtCut.truncated,
    claimGroups: claimGroups(proposal.claims ?? [], trailAtCut.items),
    // Stepped through every day of the trail now, whatever the cut drawn.
    replay: replayAt((trailNow ?? trailAtCut).items, cut.asOf),
    diff,
    dates,
  };
}

/** Who said each entry that names a speaker: its claims, and its taking forward by a member. */
function speakersOf(proposal: ProposalRead, trail: TrailEntry[]): Map<string, SpokenByRead> {
  const speakers = new Map<string, SpokenByRead>();
  for (const claim of proposal.claims ?? []) if (claim.spokenBy) speakers.set(claim.eventId, claim.spokenBy);
  const takenForward = proposal.takenForward?.spokenBy;
  // A proposal is taken forward once (it is closed by it), so its one entry is the one read.
  const entry = trail.find((e) => e.type === 'ProposalTakenForwardByMember');
  if (takenForward && entry) speakers.set(entry.eventId, takenForward);
  return speakers;
}

/** Claims by subject; a subject with claims that disagree is shown side by side, each with its source. */
function claimGroups(claims: Claim[], trail: TrailEntry[]) {
  const sourceOf = new Map(trail.map((e) => [e.eventId, e.source]));
  const bySubject = new Map<string, Array<Claim & { source?: TrailEntry['source'] }>>();
  for (const claim of claims)
    bySubject.set(claim.subject, [
      ...(bySubject.get(claim.subject) ?? []),
      { ...claim, source: sourceOf.get(claim.eventId) },
    ]);
  return [...bySubject].map(([subject, items]) => ({
    subject,
    items,
    conflicting: new Set(items.map((c) => `${c.qualifier}:${c.amount}:${c.unit}`)).size > 1,
  }));
}
