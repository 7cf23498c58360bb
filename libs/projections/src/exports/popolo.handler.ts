import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import {
  countVotes,
  displayName,
  streamName,
  type AggregateKind,
  type AggregateStates,
  type DecisionRule,
  type Publicity,
  type VoteOption,
} from '@ledger/domain';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import { NotFoundError } from '../queries/not-found.error';
import { GetProposalQuery } from '../queries/proposals.query';
import { GetMeetingQuery, type AuditEntity } from '../queries/registers.query';
import { CutStates } from '../time-travel/cut-states';
import { seesEverything } from '../visibility';
import { ExportPopoloQuery } from './popolo.query';
import { auditTrail, distinctLinks, exportDate, type AuditEntry } from './sources';

/** A decision rule in words, as Popolo's `requirement` of a motion. */
export function requirementOf(rule: DecisionRule): string {
  switch (rule.kind) {
    case 'unanimity':
      return 'unanimity of the members';
    case 'majority':
      return `a majority of the members present and voting, quorum ${rule.quorum}${rule.chairHasCastingVote ? ", the chair's casting vote on a tie" : ''}`;
    case 'each-member':
      return 'each member decides for itself';
  }
}

/** The ledger's results in Popolo's words ("pass", "fail"); the others as they are. */
const POPOLO_RESULT: Record<string, string> = {
  passed: 'pass',
  failed: 'fail',
  agreed: 'pass',
  rejected: 'fail',
};
const popoloResult = (result: string | undefined) =>
  result === undefined ? undefined : (POPOLO_RESULT[result] ?? result);

/** A body's part in a vote: how its office holders' ballots came out. */
function groupResult(options: VoteOption[]): string {
  if (options.length === 0) return 'absent';
  const c = countVotes(options);
  return c.yes > c.no ? 'pass' : c.no > c.yes ? 'fail' : 'tied';
}

/** A date as Popolo's organizations give it: a year, a month or a day (a date-time's day). */
const popoloDate = (date: string) => date.slice(0, 10);

/**
 * What a Popolo event says of a meeting beyond its date: that it was private, or that no source
 * says whether it was public (not stated is not private), and that its date is a guess.
 */
export function meetingDescription(m: {
  publicity: Publicity;
  heldOn?: string;
  heldOnApproximate?: boolean;
  scheduledForApproximate?: boolean;
}): { description?: string } {
  const parts = [
    m.publicity === 'private' ? 'Held in private.' : undefined,
    m.publicity === 'not-stated' ? 'Whether it was open to the public: not stated.' : undefined,
    (m.heldOn === undefined ? m.scheduledForApproximate : m.heldOnApproximate)
      ? 'Its date is approximate.'
      : undefined,
  ].filter((p) => p !== undefined);
  return parts.length ? { description: parts.join(' ') } : {};
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The Popolo export, composed from the reads the API answers: each proposal through
 * GetProposalQuery, each meeting through GetMeetingQuery, every object's sources through its audit
 * trail (GetAuditTrailQuery), so the visibility rule and the cut are the same as theirs; bodies,
 * people, alliances and votes as they stood at the cut through CutStates (for the public, votes are
 * folded from the events it may see: one taken at a private meeting has none, and is left out).
 */
@QueryHandler(ExportPopoloQuery)
export class ExportPopoloHandler implements IQueryHandler<ExportPopoloQuery> {
  constructor(
    private readonly projections: ProjectionService,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ cut, viewer }: ExportPopoloQuery) {
    const rm = this.projections.readModels;
    const knownAt = cut.knownAt ? new Date(cut.knownAt).toISOString() : '\uffff';
    const ids = (kind: AggregateKind) =>
      (
        rm
          .prepare('SELECT id FROM rm_aggregates WHERE kind = ? AND first_recorded_at <= ? ORDER BY id')
          .all(kind, knownAt) as Array<{ id: string }>
      ).map((r) => r.id);
    const states = new CutStates(this.store, cut, rm, seesEverything(viewer) ? undefined : rm.publicEvents());
    const existing = async <K extends AggregateKind>(kind: K, id: string) => {
      const { state, events } = await states.state(kind, id);
      return events > 0 && state.exists ? state : undefined;
    };
    const trail = (entity: AuditEntity, id: string) => auditTrail(this.queries, entity, id, cut, viewer);
    const own = (entries: AuditEntry[], kind: AggregateKind, id: string) =>
      entries.filter((e) => e.stream === streamName(kind, id));

    const organizations = [];
    const posts = [];
    const memberships = [];
    const names = new Map<string, string>();
    for (const id of ids('body')) {
      const body = await existing('body', id);
      if (!body) continue;
      names.set(id, body.name);
      const entries = own(await trail('body', id), 'body', id);
      organizations.push({
        id,
        name: body.name,
        classification: body.classification,
        ...(body.area ? { area_id: body.area } : {}),
        // At its precision, and only when a source states it; Popolo has no flag for a guess.
        ...(body.foundingDate ? { founding_date: popoloDate(body.foundingDate) } : {}),
        ...(body.foundingDateApproximate ? { description: 'Its founding date is approximate.' } : {}),
        ...(body.dissolutionDate ? { dissolution_date: body.dissolutionDate } : {}),
        // Popolo has no successor field: the body that took over is linked by its id in this document.
        links: body.successorId ? [{ url: `#${body.successorId}`, note: 'successor' }] : [],
        sources: distinctLinks(entries.filter((e) => !('postId' in e.data) && !('membershipId' in e.data))),
      });
      for (const [postId, post] of Object.entries(body.posts)) {
        posts.push({
          id: `${id}/${postId}`,
          label: post.label,
          role: post.role,
          organization_id: id,
          sources: distinctLinks(entries.filter((e) => e.type === 'PostCreated' && e.data.postId === postId)),
        });
      }
      for (const m of body.memberships) {
        memberships.push({
          id: m.membershipId,
          person_id: m.personId,
          organization_id: id,
          post_id: `${id}/${m.postId}`,
          role: body.posts[m.postId]?.role ?? m.postId,
          start_date: m.startDate,
          ...(m.endDate ? { end_date: m.endDate } : {}),
          sources: distinctLinks(entries.filter((e) => e.data.membershipId === m.membershipId)),
        });
      }
    }
    const rules = new Map<string, DecisionRule>();
    for (const id of ids('alliance')) {
      const alliance = await existing('alliance', id);
      if (!alliance) continue;
      names.set(id, alliance.name);
      rules.set(id, alliance.decisionRule);
      organizations.push({
        id,
        name: alliance.name,
        classification: 'alliance',
        ...(alliance.foundingDate ? { founding_date: popoloDate(alliance.foundingDate) } : {}),
        ...(alliance.foundingDateApproximate ? { description: 'Its founding date is approximate.' } : {}),
        links: [],
        sources: distinctLinks(own(await trail('alliance', id), 'alliance', id)),
      });
    }

    const persons = [];
    for (const id of ids('person')) {
      const person = await existing('person', id);
      if (!person) continue;
      persons.push({
        id,
        name: displayName(person),
        ...(person.honorificPrefix ? { honorific_prefix: person.honorificPrefix } : {}),
        sources: distinctLinks(own(await trail('person', id), 'person', id)),
      });
    }

    const motions = [];
    for (const id of ids('proposal')) {
      let proposal: {
        proposalId: string;
        title: string;
        description?: string;
        allianceId?: string;
        bodyId?: string;
        tabledBy: { id: string };
        tabledAt: string;
        status: string;
      };
      try {
        proposal = await this.queries.execute<GetProposalQuery, typeof proposal>(
          new GetProposalQuery(id, cut, viewer),
        );
      } catch (error) {
        if (error instanceof NotFoundError) continue;
        throw error;
      }
      const rule = proposal.allianceId ? rules.get(proposal.allianceId) : undefined;
      motions.push({
        id,
        organization_id: proposal.allianceId ?? proposal.bodyId ?? proposal.tabledBy.id,
        text: proposal.description ? `${proposal.title}: ${proposal.description}` : proposal.title,
        classification: 'proposal',
        date: proposal.tabledAt,
        requirement: rule
          ? requirementOf(rule)
          : `decided by ${names.get(proposal.bodyId ?? proposal.tabledBy.id) ?? proposal.bodyId ?? proposal.tabledBy.id}`,
        result: popoloResult(proposal.status),
        sources: distinctLinks(own(await trail('proposal', id), 'proposal', id)),
      });
    }

    const voteEvents = [];
    const meetingDates = new Map<string, string>();
    const events = [];
    for (const id of ids('meeting')) {
      let meeting: {
        meetingId: string;
        title: string;
        scheduledFor: string;
        scheduledForApproximate: boolean;
        heldOn?: string;
        heldOnApproximate?: boolean;
        status: string;
        publicity: Publicity;
        place?: string;
        allianceId?: string;
        bodies: Array<{ id: string }>;
      };
      try {
        meeting = await this.queries.execute<GetMeetingQuery, typeof meeting>(
          new GetMeetingQuery(id, cut, viewer),
        );
      } catch (error) {
        if (error instanceof NotFoundError) continue;
        throw error;
      }
      meetingDates.set(id, exportDate(meeting.heldOn ?? meeting.scheduledFor));
      events.push({
        id,
        name: meeting.title,
        start_date: meetingDates.get(id),
        ...meetingDescription(meeting),
        ...(meeting.place ? { location: meeting.place } : {}),
        status: meeting.status,
        classification: 'meeting',
        organization_id: meeting.allianceId ?? meeting.bodies[0]?.id,
        sources: distinctLinks(own(await trail('meeting', id), 'meeting', id)),
      });
    }
    for (const id of ids('vote')) {
      const vote: (AggregateStates['vote'] & { allianceId?: string; bodyId?: string }) | undefined =
        await existing('vote', id);
      if (!vote) continue;
      const sources = distinctLinks(own(await trail('vote', id), 'vote', id));
      const result = popoloResult(vote.closed?.result);
      const date = meetingDates.get(vote.meetingId) ?? (vote.votes[0] && exportDate(vote.votes[0].date));
      // The question put to the vote is a motion of its own, under the rule copied onto the vote.
      motions.push({
        id: `${id}/question`,
        organization_id: vote.allianceId ?? vote.bodyId,
        text: vote.question,
        classification: 'question',
        ...(date ? { date } : {}),
        requirement: requirementOf(vote.rule),
        ...(result ? { result } : {}),
        sources,
      });
      voteEvents.push({
        id,
        motion_id: `${id}/question`,
        organization_id: vote.allianceId ?? vote.bodyId,
        legislative_session_id: vote.meetingId,
        ...(date ? { start_date: date } : {}),
        ...(result ? { result } : {}),
        counts: vote.closed
          ? Object.entries(vote.closed.counts).map(([option, value]) => ({ option, value }))
          : [],
        group_results: vote.votingBodyIds.map((bodyId) => ({
          group: { id: bodyId, name: names.get(bodyId) ?? bodyId },
          result: groupResult(vote.votes.filter((v) => v.bodyId === bodyId).map((v) => v.option)),
        })),
        votes: vote.votes.map((v) => ({
          vote_event_id: id,
          voter_id: v.personId,
          option: v.option,
          group_id: v.bodyId,
          role: v.postId,
        })),
        sources,
      });
    }
    return {
      organizations: organizations.sort(byId),
      persons,
      posts,
      memberships,
      motions: motions.sort(byId),
      vote_events: voteEvents,
      events,
    };
  }
}
