import request from 'supertest';
import { HERTS_PROPOSAL, STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { recordStagedDecisions, STAGED, ANNEX_CANARY, PRIVATE_CANARY } from '../support/staged-decisions';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The decisions register carries what a PCC's register lists of each decision record (issue 16):
 * reference, title, stage, key decision, significant public interest, signatory and date,
 * publication, delegation and publicity. The story's decisions are listed with what the reports
 * give and nothing they do not; a staged sequence (in principle, final under delegation, a
 * contract signed with an exempt annex, a rescission) shows every column; the annex never shows.
 */
const STORY_DECISIONS = STRATEGIC_ALLIANCE_STORY.map((s) => s.command)
  .filter((c) => c.type === 'RecordDecision')
  .map((c) => c.data as Record<string, any>);

/** The register's columns of a decision record that the recorded command gives as they are. */
const COLUMNS = [
  'reference',
  'title',
  'outcome',
  'stage',
  'undoesDecisionId',
  'keyDecision',
  'significantPublicInterest',
  'publishedOn',
];
const pick = (o: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.map((k) => [k, o[k]]));

describe('the decisions register, as a clerk would accept it', () => {
  let ctx: TestApp;
  const get = (url: string, token?: string) => {
    const req = request(ctx.app.getHttpServer()).get(url);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const register = async (query: string, token?: string) => {
    const res = await get(`/decisions?limit=100&${query}`, token);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    const client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    await recordStagedDecisions(client, ctx);
  });
  afterAll(async () => ctx?.stop());

  it("lists the story's decisions with their reference, stage and signer as the story recorded them", async () => {
    const items = await register('');
    expect(STORY_DECISIONS.length).toBeGreaterThan(3);
    for (const d of STORY_DECISIONS) {
      const row = items.find((i) => i.decisionId === d.decisionId);
      expect(row).toBeDefined();
      // What the reports do not give is left out, never invented.
      expect(pick(row!, [...COLUMNS, 'delegation'])).toEqual(pick(d, [...COLUMNS, 'delegation']));
      expect(row!.signed).toEqual(
        d.signed && { ...d.signed, person: expect.objectContaining({ id: d.signed.personId }) },
      );
      expect(row!.publicity).toBe(
        d.inPublic === undefined ? 'not-stated' : d.inPublic ? 'public' : 'private',
      );
    }
    const bright = items.find((i) => i.decisionId === 'discontinue-cambridgeshire')!;
    expect(bright.signed).toEqual({
      personId: 'graham-bright',
      on: '2013',
      person: { id: 'graham-bright', name: 'Sir Graham Bright' },
    });
    expect(items.find((i) => i.decisionId === 'met-sscl-contract')).toMatchObject({
      outcome: 'sign-contract',
      title: 'Ten-year contract with Shared Services Connected Limited',
    });
  });

  it('lists each stage of a staged decision with every register column', async () => {
    const items = await register(`proposalId=${HERTS_PROPOSAL}`);
    const ids = items.map((i) => i.decisionId);
    expect(ids).toEqual(expect.arrayContaining(STAGED.map((d) => d.decisionId)));
    for (const d of STAGED) {
      const row = items.find((i) => i.decisionId === d.decisionId)!;
      expect(pick(row, COLUMNS)).toEqual(pick(d, COLUMNS));
      expect(row).toMatchObject({
        signed: { ...d.signed, person: { id: d.signed.personId } },
        publicity: 'public',
        inPublic: true,
      });
    }
    expect(items.find((i) => i.decisionId === 'herts-final')!.delegation).toEqual({
      personId: 'herts-ceo',
      role: 'Chief Executive',
      scheme: 'Scheme of Delegation, para 4.2',
      person: { id: 'herts-ceo', name: 'Hannah Executive' },
    });
    expect(items.find((i) => i.decisionId === 'herts-final')!.person).toEqual({
      id: 'david-lloyd',
      name: 'David Lloyd',
    });
  });

  it('never lists the exempt annex, to the public or an auditor, and gives the public no private decision', async () => {
    for (const token of [undefined, ctx.tokens.auditor]) {
      const json = await get(`/decisions?limit=100&proposalId=${HERTS_PROPOSAL}`, token);
      const csv = await get(`/decisions.csv?proposalId=${HERTS_PROPOSAL}`, token);
      for (const text of [json.text, csv.text]) expect(text).not.toContain(ANNEX_CANARY);
      expect(json.body.items.every((i: object) => !('exemptAnnex' in i))).toBe(true);
    }
    const pub = await get(`/decisions?limit=100&proposalId=${HERTS_PROPOSAL}`);
    expect(pub.text).not.toContain(PRIVATE_CANARY);
    const audited = await register(`proposalId=${HERTS_PROPOSAL}`, ctx.tokens.auditor);
    expect(audited.find((i) => i.decisionId === 'herts-private-deferral')).toMatchObject({
      publicity: 'private',
      inPublic: false,
      title: PRIVATE_CANARY,
    });
    // The decision's own read gives the auditor the annex: the register leaves it out by design.
    const own = await get(`/proposals/${HERTS_PROPOSAL}/decisions/herts-contract`, ctx.tokens.auditor);
    expect(own.body.exemptAnnex.content).toBe(ANNEX_CANARY);
  });

  it('lists the new columns in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).body;
    const entry = doc.components.schemas.DecisionEntryDto.properties;
    for (const field of [
      'title',
      'stage',
      'undoesDecisionId',
      'keyDecision',
      'significantPublicInterest',
      'signed',
      'publishedOn',
      'delegation',
      'publicity',
    ])
      expect([field, entry[field]]).toEqual([field, expect.anything()]);
    expect(entry.exemptAnnex).toBeUndefined();
  });
});
