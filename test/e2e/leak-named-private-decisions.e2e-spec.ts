import type { Episode } from '../support/hidden-ledger';
import { leakCheck } from '../support/leak-check';

/**
 * The leak property for the hidden ledger's episode of decisions taken in private (recorded not
 * in public, at a private meeting, carried by a vote at one) whose ids are canaries, named by
 * public events: a rescission's undoesDecisionId, a discontinuation's decisionIds. Every GET
 * route is crawled as the public (every page size, cursors, cuts, diffs, exports, CSVs) and shows
 * none of the ids, though it shows the rescission and the discontinuation; an auditor's crawl
 * shows every one. Left alone, corrected, and with the discontinuation retracted.
 */
describe('the public never sees the id of a decision taken in private, named by a public event', () => {
  it('holds for each follow-up, crawled on every route', async () => {
    const episodes: Episode[] = (['none', 'correct', 'retract'] as const).map((followUp) => ({
      kind: 'named-private-decisions',
      followUp,
    }));
    const { routes, canaries } = await leakCheck(episodes, 0, true);
    for (const op of [
      'getProposal',
      'getProposalHistory',
      'getProposalDiff',
      'whoDecided',
      'getDecision',
      'listDecisions',
      'listDecisionsByPerson',
      'listDecisionsCsv',
      'getAuditTrail',
      'getAuditTrailCsv',
      'exportEvents',
    ])
      expect(routes).toContain(op);
    // Three ids, a title and a question in each episode; a correction's text and reason in one.
    expect(canaries).toBe(3 * 5 + 2);
  }, 600_000);
});
