import type { RecommendationContent } from '@ledger/domain';
import { GetProposalPartQuery } from './queries/entities.query';
import { GetProposalDiffQuery, GetProposalQuery, WhoDecidedQuery } from './queries/proposals.query';
import { ListDecisionsQuery, ListRecommendationsQuery } from './queries/registers.query';
import type { LedgerHarness } from './testing/ledger-harness';
import { projectedRows, scopedLedger } from './testing/scoped-ledger';
import { AUDITOR, PUBLIC } from './visibility';

/**
 * The dates a proposal's story gives beside its tabling and closing: each recommendation's and
 * each decision's `date` (in the proposal, its positions, the part's own read, the registers and
 * decided-by), and each change of the diff (`occurredAt`). Each is the date of the entry that made
 * it, so each says beside it whether that entry was dated as a guess (`dateApproximate`,
 * `occurredAtApproximate`), as `tabledAtApproximate` does: true or false wherever the date is
 * given. The same at every cut, for every viewer, through a correction, and after a rebuild.
 */
describe('dates of recommendations, decisions and changes read from entries dated approximately', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('approximate entry dates spec');
  const { record, ask, withRebuilt, eventOf } = scoped;
  const HERTS = 'pcc-hertfordshire';
  const CC = 'cc-hertfordshire';
  const P = 'ae-p';
  const VIEWERS = [PUBLIC, AUDITOR];

  const recommend = (recommendationId: string, by: string, to: string, content: RecommendationContent) => ({
    type: 'IssueRecommendation' as const,
    data: { proposalId: P, recommendationId, byBodyId: by, toBodyIds: [to], content, rationale: 'Advice' },
  });

  beforeAll(async () => {
    ledger = await scoped.start();
    await record(
      {
        type: 'TableProposal',
        data: {
          proposalId: P,
          title: 'Shared support services',
          description: 'A plan',
          scope: ['HR'],
          tabledBy: HERTS,
          bodyId: HERTS,
        },
      },
      '2014',
      true,
    );
    // Guessed: a report gives only the year. The commissioner's own, so it is his position until he decides.
    await record(recommend('ae-rec-guessed', HERTS, CC, 'do-not-proceed'), '2014', true);
    // On a day the minutes give: the chief constable's position until it decides.
    await record(recommend('ae-rec-exact', CC, HERTS, 'proceed'), '2014-03-02', false);
    await record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: P,
          decisionId: 'ae-dec-guessed',
          bodyId: HERTS,
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'reject',
          rationale: 'Not now',
        },
      },
      '2014-06',
      true,
    );
    await record(
      {
        type: 'RecordDecision',
        data: { proposalId: P, decisionId: 'ae-dec-exact', bodyId: CC, outcome: 'reject', rationale: 'No' },
      },
      '2014-07-01',
      false,
    );
    await record(
      {
        type: 'DiscontinueProposal',
        data: { proposalId: P, decisionIds: ['ae-dec-guessed', 'ae-dec-exact'], reason: 'Both rejected it' },
      },
      '2014-08',
      true,
    );
    // A correction changes what the decision says, never when or how surely it is dated.
    const guessed = await scoped.decisionEvent(P, 'ae-dec-guessed');
    await record(
      {
        type: 'CorrectEvent',
        stream: `proposal-${P}`,
        data: {
          eventId: guessed.id,
          reason: 'The record says more',
          changes: { rationale: 'Not now, nor soon' },
        },
      },
      '2015-01-05T10:00:00Z',
    );
    await ledger.settle();
  }, 60_000);
  afterAll(() => scoped.close());

  const flagsOf = <T extends Record<string, unknown>>(items: T[], id: keyof T, flag = 'dateApproximate') =>
    Object.fromEntries(items.map((i) => [i[id], i[flag]]));

  it("flags each recommendation's and decision's date in the proposal's read and each part's own", async () => {
    for (const viewer of VIEWERS)
      for (const cut of [{}, { asOf: '2014-12-31' }, { knownAt: new Date().toISOString() }]) {
        const read = await ask(new GetProposalQuery(P, cut, viewer));
        expect(flagsOf(read.recommendations, 'recommendationId')).toEqual({
          'ae-rec-guessed': true,
          'ae-rec-exact': false,
        });
        expect(flagsOf(read.decisions, 'decisionId')).toEqual({
          'ae-dec-guessed': true,
          'ae-dec-exact': false,
        });
        // Each position's decision is one of those, flagged as it is.
        const positions = Object.fromEntries(
          read.positions.map((p: { body: { id: string }; decision: object }) => [p.body.id, p.decision]),
        );
        expect(positions).toEqual({
          [HERTS]: expect.objectContaining({
            decisionId: 'ae-dec-guessed',
            date: '2014-06',
            dateApproximate: true,
          }),
          [CC]: expect.objectContaining({
            decisionId: 'ae-dec-exact',
            date: '2014-07-01',
            dateApproximate: false,
          }),
        });
      }
    for (const [part, id, date, flag] of [
      ['recommendation', 'ae-rec-guessed', '2014', true],
      ['recommendation', 'ae-rec-exact', '2014-03-02', false],
      ['decision', 'ae-dec-guessed', '2014-06', true],
      ['decision', 'ae-dec-exact', '2014-07-01', false],
    ] as const)
      expect(await ask(new GetProposalPartQuery(P, part, id, {}, PUBLIC))).toMatchObject({
        date,
        dateApproximate: flag,
      });
  });

  it("flags each position's recommendation while it stands for the body's position", async () => {
    for (const viewer of VIEWERS) {
      const read = await ask(new GetProposalQuery(P, { asOf: '2014-04-01' }, viewer));
      const positions = Object.fromEntries(
        read.positions.map((p: { body: { id: string }; recommendation: object }) => [
          p.body.id,
          p.recommendation,
        ]),
      );
      expect(positions).toEqual({
        [HERTS]: expect.objectContaining({ recommendationId: 'ae-rec-guessed', dateApproximate: true }),
        [CC]: expect.objectContaining({ recommendationId: 'ae-rec-exact', dateApproximate: false }),
      });
    }
  });

  it('flags them in the registers, and in what came of each recommendation, before and after the correction', async () => {
    const correctedAt = (await eventOf(`proposal-${P}`, 'EventCorrected')).metadata.recordedAt;
    const before = new Date(Date.parse(correctedAt) - 1).toISOString();
    for (const viewer of VIEWERS)
      for (const cut of [{}, { asOf: '2014-12-31' }, { knownAt: before }]) {
        const page = { limit: 10 };
        const decisions = (await ask(new ListDecisionsQuery({ proposalId: P }, page, cut, viewer))).items;
        expect(flagsOf(decisions, 'decisionId')).toEqual({ 'ae-dec-guessed': true, 'ae-dec-exact': false });
        const recommendations = (
          await ask(new ListRecommendationsQuery({ proposalId: P }, page, cut, viewer))
        ).items;
        expect(flagsOf(recommendations, 'recommendationId')).toEqual({
          'ae-rec-guessed': true,
          'ae-rec-exact': false,
        });
        // The commissioner's advice went to the chief constable, who decided on a known day; and back.
        const cameOf = Object.fromEntries(
          recommendations.map((r: { recommendationId: string; whatCameOfIt: object[] }) => [
            r.recommendationId,
            r.whatCameOfIt,
          ]),
        );
        expect(cameOf).toEqual({
          'ae-rec-guessed': [expect.objectContaining({ decisionId: 'ae-dec-exact', dateApproximate: false })],
          'ae-rec-exact': [expect.objectContaining({ decisionId: 'ae-dec-guessed', dateApproximate: true })],
        });
      }
  });

  it("flags decided-by's decisions and the outcome that closed the proposal", async () => {
    for (const viewer of VIEWERS) {
      const decided = await ask(new WhoDecidedQuery(P, {}, viewer));
      expect(flagsOf(decided.decisions, 'decisionId')).toEqual({
        'ae-dec-guessed': true,
        'ae-dec-exact': false,
      });
      expect(decided.outcome).toMatchObject({
        type: 'ProposalDiscontinued',
        occurredAt: '2014-08',
        occurredAtApproximate: true,
      });
    }
  });

  it("flags each change of the diff by its own entry's date", async () => {
    for (const viewer of VIEWERS) {
      const diff = await ask(new GetProposalDiffQuery(P, '2013-12-31', '2015-12-31', undefined, viewer));
      expect(
        diff.changes.map((c: { type: string; occurredAt: string; occurredAtApproximate: boolean }) => [
          c.type,
          c.occurredAt,
          c.occurredAtApproximate,
        ]),
      ).toEqual([
        ['ProposalTabled', '2014', true],
        ['RecommendationIssued', '2014', true],
        ['RecommendationIssued', '2014-03-02', false],
        ['DecisionRecorded', '2014-06', true],
        ['DecisionRecorded', '2014-07-01', false],
        ['ProposalDiscontinued', '2014-08', true],
        ['EventCorrected', '2015-01-05T10:00:00.000Z', false],
      ]);
    }
  });

  it('is what a rebuild from scratch makes of the log', async () => {
    const live = projectedRows(ledger.projections.readModels);
    await withRebuilt((rebuilt) => expect(projectedRows(rebuilt)).toEqual(live));
    const rows = (table: string, id: string) =>
      ledger.projections.readModels
        .prepare(
          `SELECT ${id} AS id, date_approximate FROM ${table} WHERE proposal_id = ? ORDER BY known_from`,
        )
        .all(P);
    // The corrected decision has two versions, both flagged.
    expect(rows('rm_decisions', 'decision_id')).toEqual([
      { id: 'ae-dec-guessed', date_approximate: 1 },
      { id: 'ae-dec-exact', date_approximate: 0 },
      { id: 'ae-dec-guessed', date_approximate: 1 },
    ]);
    expect(rows('rm_recommendations', 'recommendation_id')).toEqual([
      { id: 'ae-rec-guessed', date_approximate: 1 },
      { id: 'ae-rec-exact', date_approximate: 0 },
    ]);
  });
});
