import { ALLIANCE_PROPOSAL, HERTS_PROPOSAL, JWG_RECOMMENDATION } from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Over HTTP, through the story (whose steps the reports date to `2012` or `2013`, approximately):
 * every date a proposal's story is read by says beside it whether it is a guess, as the entry that
 * set it was dated. A recommendation's and a decision's `date` (`dateApproximate`) wherever they
 * are read (the proposal, its positions, the part's own read, the registers and what came of each
 * recommendation, decided-by), and the diff's and the outcome's `occurredAt`
 * (`occurredAtApproximate`). Entries added on a day the minutes give read `false`. The client
 * checks every answer against the OpenAPI document, which declares each flag beside its date.
 */
describe('approximate dates of recommendations, decisions and changes over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const EXACT_RECOMMENDATION = 'herts-pcc-advice';
  const EXACT_DECISION = 'herts-defer';
  const EXACT_CC_DECISION = 'herts-cc-defer';

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    const source = { kind: 'minutes', reference: 'Minutes of the day' };
    const write = async (operationId: string, body: object) => {
      const res = await client.call(operationId, {
        params: { proposalId: HERTS_PROPOSAL },
        body: { source, ...body },
        token: ctx.tokens.clerk,
      });
      expect(res.status).toBe(201);
    };
    // Hertfordshire's own proposal, carried on: the commissioner's advice to his chief constable,
    // and a decision of each, on days the minutes give.
    await write('issueRecommendation', {
      recommendationId: EXACT_RECOMMENDATION,
      byBodyId: 'pcc-hertfordshire',
      toBodyIds: ['cc-hertfordshire'],
      content: 'proceed',
      rationale: 'The commissioner asks the chief constable to go on alone.',
      occurredAt: '2013-03-04',
    });
    await write('recordDecision', {
      decisionId: EXACT_DECISION,
      bodyId: 'pcc-hertfordshire',
      postId: 'commissioner',
      personId: 'david-lloyd',
      outcome: 'defer',
      rationale: 'Not before the budget.',
      occurredAt: '2013-04-02',
    });
    await write('recordDecision', {
      decisionId: EXACT_CC_DECISION,
      bodyId: 'cc-hertfordshire',
      outcome: 'defer',
      rationale: 'Not before the commissioner.',
      occurredAt: '2013-04-03',
    });
    await ctx.settle();
  }, 120_000);
  afterAll(async () => ctx.stop());

  const get = async (operationId: string, params: Record<string, string>, query?: Record<string, string>) => {
    const res = await client.call(operationId, { params, query });
    expect(res.status).toBe(200);
    return res.body;
  };
  const flags = (items: Array<Record<string, unknown>>, id: string, flag = 'dateApproximate') =>
    Object.fromEntries(items.map((i) => [i[id], i[flag]]));

  it("flags the story's recommendation and decisions as approximate in the proposal and each one's own read", async () => {
    for (const query of [undefined, { asOf: '2012-12-31' }]) {
      const read = await get('getProposal', { proposalId: ALLIANCE_PROPOSAL }, query);
      expect(read.recommendations).toEqual([
        expect.objectContaining({
          recommendationId: JWG_RECOMMENDATION,
          date: '2012',
          dateApproximate: true,
        }),
      ]);
      for (const d of read.decisions) expect(d).toMatchObject({ date: '2013', dateApproximate: true });
      // The working group only advises: no position stands on its recommendation; three stand on the PCCs' decisions.
      for (const p of read.positions) expect(p.recommendation).toBeUndefined();
      const decided = read.positions.filter((p: { decision?: object }) => p.decision);
      expect(decided.length).toBe(query ? 0 : 3);
      for (const p of decided) expect(p.decision).toMatchObject({ date: '2013', dateApproximate: true });
    }
    expect(
      (
        await get('getRecommendation', {
          proposalId: ALLIANCE_PROPOSAL,
          recommendationId: JWG_RECOMMENDATION,
        })
      ).dateApproximate,
    ).toBe(true);
    const decision = await get('getDecision', {
      proposalId: ALLIANCE_PROPOSAL,
      decisionId: 'discontinue-hertfordshire',
    });
    expect(decision).toMatchObject({ date: '2013', dateApproximate: true, occurredAtApproximate: true });
  });

  it('flags entries dated on a known day as not approximate', async () => {
    const read = await get('getProposal', { proposalId: HERTS_PROPOSAL });
    expect(flags(read.recommendations, 'recommendationId')).toEqual({ [EXACT_RECOMMENDATION]: false });
    expect(flags(read.decisions, 'decisionId')).toEqual({
      [EXACT_DECISION]: false,
      [EXACT_CC_DECISION]: false,
    });
    const herts = read.positions.find((p: { body: { id: string } }) => p.body.id === 'pcc-hertfordshire');
    expect(herts.decision).toMatchObject({ decisionId: EXACT_DECISION, dateApproximate: false });
    expect(herts.recommendation).toMatchObject({
      recommendationId: EXACT_RECOMMENDATION,
      dateApproximate: false,
    });
  });

  it('flags them in the decisions and recommendations registers, and in what came of each recommendation', async () => {
    const decisions = (await get('listDecisions', {}, { limit: '100' })).items;
    expect(flags(decisions, 'decisionId')).toEqual({
      'surrey-suspend': true,
      'discontinue-hertfordshire': true,
      'discontinue-bedfordshire': true,
      'discontinue-cambridgeshire': true,
      'met-sscl-contract': true,
      [EXACT_DECISION]: false,
      [EXACT_CC_DECISION]: false,
    });
    const byPerson = (await get('listDecisionsByPerson', { personId: 'david-lloyd' })).items;
    expect(flags(byPerson, 'decisionId')).toEqual({
      'discontinue-hertfordshire': true,
      [EXACT_DECISION]: false,
    });
    const recommendations = (await get('listRecommendations', {}, { limit: '100' })).items;
    expect(flags(recommendations, 'recommendationId')).toEqual({
      [JWG_RECOMMENDATION]: true,
      'to-protect-and-save': true,
      [EXACT_RECOMMENDATION]: false,
    });
    const jwg = recommendations.find(
      (r: { recommendationId: string }) => r.recommendationId === JWG_RECOMMENDATION,
    );
    expect(jwg.whatCameOfIt.length).toBe(3);
    for (const d of jwg.whatCameOfIt) expect(d).toMatchObject({ date: '2013', dateApproximate: true });
    const advice = recommendations.find(
      (r: { recommendationId: string }) => r.recommendationId === EXACT_RECOMMENDATION,
    );
    expect(advice.whatCameOfIt).toEqual([
      expect.objectContaining({ decisionId: EXACT_CC_DECISION, dateApproximate: false }),
    ]);
  });

  it("flags decided-by's decisions and the outcome that closed the proposal", async () => {
    const decided = await get('whoDecided', { proposalId: ALLIANCE_PROPOSAL });
    expect(decided.decisions.length).toBe(3);
    for (const d of decided.decisions) expect(d).toMatchObject({ date: '2013', dateApproximate: true });
    expect(decided.outcome).toMatchObject({
      type: 'ProposalDiscontinued',
      occurredAt: '2013',
      occurredAtApproximate: true,
    });
  });

  it("flags each change of the diff by its entry's date: the reports' guesses, and the clerk's correction on its day", async () => {
    const diff = await get(
      'getProposalDiff',
      { proposalId: ALLIANCE_PROPOSAL },
      { from: '2011-12-31', to: '2013-12-31' },
    );
    const changes = diff.changes as Array<{
      type: string;
      occurredAt: string;
      occurredAtApproximate: boolean;
    }>;
    expect(changes.length).toBeGreaterThan(5);
    for (const c of changes)
      expect([c.type, c.occurredAtApproximate]).toEqual([c.type, c.type !== 'EventCorrected']);
    expect(changes.filter((c) => c.type === 'EventCorrected')).toEqual([
      expect.objectContaining({ occurredAt: '2013-02-05T09:20:00.000Z', occurredAtApproximate: false }),
    ]);
  });

  it('declares each flag in the OpenAPI document beside its date, always given with it', () => {
    const schemas = (client.document.components?.schemas ?? {}) as Record<
      string,
      { properties?: Record<string, { type?: string; description?: string }>; required?: string[] }
    >;
    for (const [schema, field] of [
      ['ProposalRecommendationDto', 'dateApproximate'],
      ['RecommendationDto', 'dateApproximate'],
      ['PositionRecommendationDto', 'dateApproximate'],
      ['ProposalDecisionDto', 'dateApproximate'],
      ['DecisionDto', 'dateApproximate'],
      ['PositionDecisionDto', 'dateApproximate'],
      ['DecisionEntryDto', 'dateApproximate'],
      ['RecommendationEntryDto', 'dateApproximate'],
      ['WhatCameOfItDto', 'dateApproximate'],
      ['DecidedByDecisionDto', 'dateApproximate'],
      ['OutcomeDto', 'occurredAtApproximate'],
      ['DiffChangeDto', 'occurredAtApproximate'],
    ]) {
      expect([schema, schemas[schema]?.properties?.[field]?.type]).toEqual([schema, 'boolean']);
      expect([schema, schemas[schema]?.properties?.[field]?.description]).toEqual([
        schema,
        expect.stringMatching(/approximate: the source gave no exact date/),
      ]);
      expect([schema, schemas[schema]?.required]).toEqual([schema, expect.arrayContaining([field])]);
    }
  });
});
