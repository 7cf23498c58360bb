/** Days 1-2 of a month: each region tables its new proposals, and claims are made about them. */
import type { SourceRef } from '@ledger/event-store';
import type { Step } from './world';
import {
  CLAIMANTS,
  CONTRACTORS,
  month,
  NEW_PROPOSALS,
  QUALIFIERS,
  SERVICES,
  SUBJECTS,
  type Draws,
  type Region,
} from './workload';

/** Tables `region`'s proposals of month `m`, each with 1-3 claims; they are due at next month's meeting. */
export function* tableProposals(m: number, region: Region, { rng, pick, chance }: Draws): Generator<Step> {
  const actor = `clerk:region-${region.r}`;
  for (let i = 0; i < NEW_PROPOSALS; i += 1) {
    const proposalId = `p-${region.r}-${m}-${i}`;
    const alliance = chance(0.8);
    const body = pick(region.bodies);
    const scope = [pick(SERVICES), pick(SERVICES), pick(SERVICES)].filter(
      (s, j, all) => all.indexOf(s) === j,
    );
    const contractor = chance(0.6) ? pick(CONTRACTORS) : undefined;
    const source: SourceRef = {
      kind: 'report',
      reference: `Report to the working group ${m}/${i}: ${scope.join(', ')}`,
      url: `https://example.org/region-${region.r}/reports/${m}-${i}`,
    };
    yield {
      actor,
      occurredAt: month(m, 1, `09:${String(i).padStart(2, '0')}`),
      source,
      command: {
        type: 'TableProposal',
        data: {
          proposalId,
          title: `${contractor ? 'Outsourcing' : 'Collaboration'} of ${scope.join(' and ')} ${alliance ? 'across the alliance' : `for ${body}`}`,
          description: `A business case for ${contractor ? `outsourcing ${scope.join(', ')} to ${contractor}` : `sharing ${scope.join(', ')} between the forces`}, with a review of costs, staff affected and the timetable for implementation in year ${1990 + Math.floor(m / 12)}.`,
          scope,
          ...(contractor ? { contractor, framework: `${contractor} framework contract` } : {}),
          tabledBy: alliance ? region.jwg : body,
          ...(alliance ? { allianceId: region.alliance } : { bodyId: body }),
        },
      },
    };
    const claims = 1 + Math.floor(rng() * 3);
    for (let c = 0; c < claims; c += 1) {
      const subject = pick(SUBJECTS);
      yield {
        actor,
        occurredAt: month(m, 2, `10:${String(i).padStart(2, '0')}`),
        source: {
          kind: 'news-report',
          reference: `${pick(CLAIMANTS)}, ${month(m, 2, '00:00').slice(0, 10)}: "${subject} of the plan"`,
        },
        command: {
          type: 'RecordClaim',
          data: {
            proposalId,
            claimId: `claim-${c}`,
            subject,
            amount:
              subject === 'staff-affected' ? Math.floor(rng() * 2000) : Math.floor(rng() * 100) * 1_000_000,
            unit: subject === 'staff-affected' ? 'people' : 'GBP',
            qualifier: pick(QUALIFIERS),
            ...(chance(0.5) ? { period: pick(['a year', 'over 10 years', 'over 5 years']) } : {}),
            claimant: pick(CLAIMANTS),
            statement: `The plan's ${subject.replace('-', ' ')} is said to be significant`,
          },
        },
      };
    }
    region.due.push({ proposalId, alliance, bodies: alliance ? region.bodies : [body] });
  }
}
