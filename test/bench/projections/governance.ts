/**
 * The governance workload as one endless stream of commands: the regions are set up in 1989, then
 * every month they table proposals (days 1-2), schedule their meetings (day 3), hold them (day 15)
 * and take late claims (day 20). Grower decides each step with `World` and appends it, in this order.
 */
import type { Step, World } from './world';
import { CLAIMANTS, drawsFrom, month, REGIONS, type Meeting, type Region, type Watched } from './workload';
import { setUpRegion } from './workload-setup';
import { tableProposals } from './workload-tabling';
import { scheduleMeeting } from './workload-agenda';
import { holdMeeting, type OnDecided } from './workload-meeting';

/** The workload's steps, without end; `onWatched` is told the measured proposal once one is settled. */
export function* governance(
  world: World,
  rng: () => number,
  onWatched: (w: Watched) => void,
): Generator<Step> {
  const draws = drawsFrom(rng);
  const { pick, chance } = draws;
  const regions: Region[] = [];
  let watched: Watched | undefined;

  // Setup, 1989: bodies, posts, office holders, alliances.
  for (let r = 0; r < REGIONS; r += 1) regions.push(yield* setUpRegion(r, draws));

  for (let m = 0; ; m += 1) {
    // Day 1-2: proposals tabled, with claims.
    for (const region of regions) yield* tableProposals(m, region, draws);

    // Day 3: this month's meeting is scheduled, with last month's proposals and the deferred ones on its agenda.
    const meetings = new Map<number, Meeting>();
    for (const region of regions) meetings.set(region.r, yield* scheduleMeeting(m, region, draws));

    // The measured proposal: the first alliance proposal agreed by all three bodies.
    const watch: OnDecided = (p, deferred) => {
      if (
        !watched &&
        p.alliance &&
        deferred.length === 0 &&
        world.get('proposal', p.proposalId)?.lifecycle === 'open' &&
        world.get('proposal', p.proposalId)?.decisions.length === 3
      ) {
        watched = {
          proposalId: p.proposalId,
          tabledAt: world.get('proposal', p.proposalId)!.tabledAt,
          lastAt: month(m, 20, '09:00'),
        };
        onWatched(watched);
      }
    };

    // Day 15: the meetings are held; recommendations, votes, amendments, decisions.
    for (const region of regions) yield* holdMeeting(m, region, meetings.get(region.r)!, world, draws, watch);

    // Day 20: late claims on some decided proposals; then the generator forgets what it no longer needs.
    for (const region of regions) {
      for (const proposalId of region.done) {
        if (chance(0.05)) {
          yield {
            actor: `clerk:region-${region.r}`,
            occurredAt: month(m, 20, '09:00'),
            source: {
              kind: 'news-report',
              reference: `${pick(CLAIMANTS)}: a figure after the decision on ${proposalId}`,
            },
            command: {
              type: 'RecordClaim',
              data: {
                proposalId,
                claimId: 'claim-late',
                subject: 'savings',
                amount: Math.floor(rng() * 50) * 1_000_000,
                unit: 'GBP',
                qualifier: 'about',
                claimant: pick(CLAIMANTS),
                statement: 'Savings claimed after the decision',
              },
            },
          };
        }
        world.forget('proposal', proposalId);
      }
      region.done = [];
      world.forget('meeting', meetings.get(region.r)!.meetingId);
    }
  }
}
