import type { Episode } from '../support/hidden-ledger';
import { leakCheck } from '../support/leak-check';
import { NOT_CRAWLED } from '../support/route-crawl';

/**
 * Nothing withheld reaches the public, on any route: for random ledgers with private meetings,
 * exempt items, private decisions, votes and recommendations at private meetings, a meeting made
 * private after the fact, and corrections and retractions of each (every hidden field a unique
 * canary), every GET route of /openapi.json is crawled as the public, with every page size down
 * to 1, its cursors, cuts and diff windows, export pages and proofs. No canary may appear; an
 * auditor's crawl finds every one. Routes left out are in NOT_CRAWLED, with the reason.
 */
describe('the public never sees what is withheld (leak property)', () => {
  // Every kind of hidden thing, with each follow-up, in one ledger crawled whole: a crawl takes a
  // minute or two alone, more beside npm test's browsers, so it runs in npm run test:long with
  // the random ledgers (leak-random.long-spec.ts). npm test keeps the targeted checks
  // (reads-never-leak, leak-named-private-decisions).
  const everyKind: Episode[] = (
    [
      'private-meeting',
      'exempt-item',
      'private-decision',
      'exempt-annex',
      'made-private-later',
      'public-only',
      'not-stated',
      'named-private-decisions',
    ] as const
  ).flatMap((kind) =>
    (['none', 'correct', 'retract'] as const)
      .filter((f) => kind !== 'made-private-later' || f === 'none')
      .filter((f) => kind !== 'not-stated' || f !== 'retract')
      .filter((f) => kind !== 'exempt-annex' || f !== 'retract')
      .map((followUp) => ({ kind, followUp })),
  );

  it('holds for a ledger with every kind of hidden thing, crawled on every route', async () => {
    const { requests, routes, canaries } = await leakCheck(everyKind, 0, true);
    // The crawl reaches the routes it must: a document without them would pass vacuously.
    for (const op of [
      'getProposal',
      'getProposalHistory',
      'getProposalDiff',
      'whoDecided',
      'listMeetings',
      'getMeeting',
      'listDecisions',
      'listDecisionsByPerson',
      'listRecommendations',
      'listVotesByPerson',
      'getAuditTrail',
      'exportEvents',
      'getInclusionProof',
      'exportPopolo',
      'exportOcdEvents',
      'listDecisionsCsv',
      'listDecisionsByPersonCsv',
      'listMeetingsCsv',
      'listVotesByPersonCsv',
      'getAuditTrailCsv',
    ])
      expect(routes).toContain(op);
    expect(canaries).toBeGreaterThan(30);
    process.stdout.write(
      `leak crawl: ${requests} requests over ${routes.size} routes, ${canaries} canaries; not crawled: ${Object.keys(NOT_CRAWLED).join(', ')}\n`,
    );
  }, 600_000);
});
