/** Day 15 of a month: each region's meeting is held; recommendations, votes, amendments, decisions. */
import type { SourceRef } from '@ledger/event-store';
import type { Step, World } from './world';
import { month, type Draws, type Meeting, type Region } from './workload';

/** Told, for each proposal on the agenda once decided, which bodies deferred it (none: it was settled this month). */
export type OnDecided = (p: Region['due'][number], deferred: string[]) => void;

/**
 * Holds `region`'s meeting of month `m`: attendance, then for each proposal on the agenda an
 * amendment (10%), the working group's recommendation, a vote (20% of alliance proposals) and the
 * bodies' decisions; then the deferred proposals of last month, decided by the bodies that deferred.
 */
export function* holdMeeting(
  m: number,
  region: Region,
  meeting: Meeting,
  world: World,
  { rng, pick, chance }: Draws,
  onDecided: OnDecided,
): Generator<Step> {
  const actor = `clerk:region-${region.r}`;
  const minutes = (what: string): SourceRef => ({
    kind: 'minutes',
    reference: `Minutes of ${meeting.meetingId}: ${what}`,
    url: `https://example.org/region-${region.r}/minutes/${m}`,
  });
  const chairBody = region.bodies[0];
  yield {
    actor,
    occurredAt: month(m, 15, '10:00'),
    source: minutes('attendance'),
    command: {
      type: 'RecordMeetingHeld',
      data: {
        meetingId: meeting.meetingId,
        place: `Headquarters ${region.r}`,
        chair: { personId: region.holders[chairBody].commissioner, bodyId: chairBody, capacity: 'chair' },
        attendees: region.bodies.map((bodyId) => ({
          personId: region.holders[bodyId].commissioner,
          bodyId,
          capacity: 'Police and Crime Commissioner',
        })),
      },
    },
  };
  const decideBy = function* (
    proposalId: string,
    bodies: string[],
    fresh: boolean,
    n: number,
  ): Generator<Step, { deferred: string[] }> {
    const deferred: string[] = [];
    const rejected: string[] = [];
    for (const [k, bodyId] of bodies.entries()) {
      const roll = rng();
      const outcome = !fresh ? 'approve' : roll < 0.06 ? 'reject' : roll < 0.14 ? 'defer' : 'approve';
      const deputy = chance(0.2);
      const decisionId = `decision-${m}-${k}`;
      yield {
        actor,
        occurredAt: month(m, 15, `12:${String(n % 60).padStart(2, '0')}`),
        source: {
          kind: 'decision-record',
          reference: `PCC/D/${region.r}/${m}/${n}/${k}`,
          url: `https://example.org/region-${region.r}/decisions/${m}-${n}-${k}`,
        },
        command: {
          type: 'RecordDecision',
          data: {
            proposalId,
            decisionId,
            bodyId,
            postId: deputy ? 'deputy' : 'commissioner',
            personId: deputy ? region.holders[bodyId].deputy : region.holders[bodyId].commissioner,
            outcome,
            reference: `PCC/D/${region.r}/${m}/${n}/${k}`,
            inPublic: meeting.public,
            meetingId: meeting.meetingId,
            rationale:
              outcome === 'approve'
                ? 'The business case shows savings without loss of service; approved subject to contract.'
                : outcome === 'reject'
                  ? 'The framework contract is not suitable for the position of the force; negotiations are discontinued.'
                  : 'More information on staff affected is needed before a decision.',
          },
        },
      };
      if (outcome === 'defer') deferred.push(bodyId);
      if (outcome === 'reject') {
        rejected.push(decisionId);
        break; // the proposal is discontinued: nobody else decides
      }
    }
    if (rejected.length > 0) {
      yield {
        actor,
        occurredAt: month(m, 15, `13:${String(n % 60).padStart(2, '0')}`),
        source: minutes('discontinued'),
        command: {
          type: 'DiscontinueProposal',
          data: {
            proposalId,
            decisionIds: rejected,
            reason: 'A member rejected the business case.',
            meetingId: meeting.meetingId,
          },
        },
      };
      return { deferred: [] };
    }
    return { deferred };
  };
  for (const [n, p] of meeting.agenda.entries()) {
    if (chance(0.1)) {
      yield {
        actor,
        occurredAt: month(m, 15, '10:30'),
        source: minutes('amendment'),
        command: {
          type: 'AmendProposal',
          data: {
            proposalId: p.proposalId,
            changes: {
              description: `Amended at ${meeting.meetingId}: the business case now phases the change over three years and protects front-line posts.`,
            },
            reason: 'Amended in discussion',
            meetingId: meeting.meetingId,
          },
        },
      };
    }
    yield {
      actor,
      occurredAt: month(m, 15, '11:00'),
      source: minutes('recommendation'),
      command: {
        type: 'IssueRecommendation',
        data: {
          proposalId: p.proposalId,
          recommendationId: `rec-${m}`,
          byBodyId: region.jwg,
          toBodyIds: p.bodies,
          content: chance(0.85) ? 'proceed' : pick(['do-not-proceed', 'amend'] as const),
          rationale: 'The working group has reviewed the business case and the claims made about it.',
          meetingId: meeting.meetingId,
        },
      },
    };
    if (p.alliance && chance(0.2)) {
      const voteEventId = `vote-${p.proposalId}`;
      yield {
        actor,
        occurredAt: month(m, 15, '11:30'),
        source: minutes('vote'),
        command: {
          type: 'OpenVote',
          data: {
            voteEventId,
            proposalId: p.proposalId,
            meetingId: meeting.meetingId,
            question: `That the alliance proceeds with ${p.proposalId}`,
            allianceId: region.alliance,
          },
        },
      };
      for (const bodyId of region.bodies) {
        yield {
          actor,
          occurredAt: month(m, 15, '11:35'),
          source: minutes('vote'),
          command: {
            type: 'CastVote',
            data: {
              voteEventId,
              personId: region.holders[bodyId].commissioner,
              bodyId,
              option: chance(0.9) ? 'yes' : pick(['no', 'abstain'] as const),
            },
          },
        };
      }
      yield {
        actor,
        occurredAt: month(m, 15, '11:40'),
        source: minutes('vote'),
        command: { type: 'CloseVote', data: { voteEventId } },
      };
      world.forget('vote', voteEventId);
    }
    const { deferred } = yield* decideBy(p.proposalId, p.bodies, true, n);
    if (deferred.length > 0) region.carried.push({ proposalId: p.proposalId, bodies: deferred });
    else region.done.push(p.proposalId);
    onDecided(p, deferred);
  }
  for (const [n, p] of meeting.carried.entries()) {
    yield* decideBy(p.proposalId, p.bodies, false, meeting.agenda.length + n);
    region.done.push(p.proposalId);
  }
}
