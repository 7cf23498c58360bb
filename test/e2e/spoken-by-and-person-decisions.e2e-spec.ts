import request from 'supertest';
import { ALLIANCE_PROPOSAL, HERTS_PROPOSAL } from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { ANNEX_CANARY, PRIVATE_CANARY, recordStagedDecisions } from '../support/staged-decisions';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Who spoke for whom, and a person's decisions (issue 16), over HTTP against a real SQLite file:
 * the story's speakers read back with their names; a speaker for someone who held no office there
 * is refused; GET /people/{id}/decisions (and /decisions?personId=) lists what a person decided,
 * signed or decided under delegation, with the register's visibility (no annex, no private
 * decision for the public).
 */
describe('who spoke for whom, and a person’s decisions, over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const get = (url: string, token?: string) => {
    const req = request(ctx.app.getHttpServer()).get(url);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const items = async (url: string, token?: string) => {
    const res = await get(url, token);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };
  const byId = (rows: Array<Record<string, any>>) =>
    Object.fromEntries(rows.map((r) => [r.decisionId, r.personCapacities]));

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    await recordStagedDecisions(client, ctx);
  });
  afterAll(async () => ctx?.stop());

  it("reads Andrew White as the speaker of Hertfordshire's taking it forward, for its PCC, David Lloyd", async () => {
    const proposal = (await get(`/proposals/${ALLIANCE_PROPOSAL}`)).body;
    expect(proposal.takenForward.spokenBy).toEqual({
      name: 'Andrew White',
      role: 'chief executive',
      forBodyId: 'pcc-hertfordshire',
      forPersonId: 'david-lloyd',
      forBody: { id: 'pcc-hertfordshire', name: 'Police and Crime Commissioner for Hertfordshire' },
      forPerson: { id: 'david-lloyd', name: 'David Lloyd' },
    });
    expect(proposal.takenForward.statement).toContain(
      'Hertfordshire will consider outsourcing of all services',
    );
    const claim = (await get(`/proposals/${ALLIANCE_PROPOSAL}/claims/savings-100m`)).body;
    expect(claim).toMatchObject({
      claimant: 'G4S',
      spokenBy: { name: 'Kim Challis', role: 'chief executive' },
    });
    // A claim whose source names nobody reads without a speaker.
    expect(
      proposal.claims.find((c: { claimId: string }) => c.claimId === 'staff-1100').spokenBy,
    ).toBeUndefined();
  });

  it('refuses a speaker for someone who held no office in the body spoken for (spoken-for-not-office-holder)', async () => {
    const res = await client.call('recordClaim', {
      params: { proposalId: ALLIANCE_PROPOSAL },
      token: ctx.tokens.clerk,
      body: {
        claimId: 'misattributed',
        subject: 'savings',
        amount: 1,
        unit: 'GBP',
        qualifier: 'about',
        claimant: 'Hertfordshire',
        statement: 'a figure',
        // Olly Martins was Bedfordshire's commissioner, never Hertfordshire's.
        spokenBy: { name: 'Andrew White', forBodyId: 'pcc-hertfordshire', forPersonId: 'olly-martins' },
        occurredAt: '2013',
        source: { kind: 'news-report', reference: 'test' },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ type: '/problems/spoken-for-not-office-holder' });
  });

  it("lists a person's decisions by how they are named on each: decided, signed, under delegation", async () => {
    const lloyd = byId(await items('/people/david-lloyd/decisions?limit=100'));
    expect(lloyd).toEqual({
      'discontinue-hertfordshire': ['decision-maker', 'signatory'],
      'herts-in-principle': ['decision-maker', 'signatory'],
      // Taken by Hannah Executive under delegation, for him, and signed by her.
      'herts-final': ['decision-maker'],
      'herts-contract': ['decision-maker', 'signatory'],
      'herts-rescind': ['decision-maker', 'signatory'],
    });
    expect(byId(await items('/people/herts-ceo/decisions'))).toEqual({
      'herts-final': ['signatory', 'delegated-officer'],
    });
    expect(await items('/decisions?personId=herts-ceo')).toEqual(await items('/people/herts-ceo/decisions'));
    // A person not registered is 404, as /people/nobody is, not someone who decided nothing.
    expect((await get('/people/nobody/decisions')).status).toBe(404);
  });

  it('gives the public no private decision and nobody the exempt annex, on the person’s register', async () => {
    for (const token of [undefined, ctx.tokens.auditor]) {
      const res = await get('/people/david-lloyd/decisions?limit=100', token);
      expect(res.text).not.toContain(ANNEX_CANARY);
    }
    expect((await get('/people/david-lloyd/decisions?limit=100')).text).not.toContain(PRIVATE_CANARY);
    const audited = byId(await items('/people/david-lloyd/decisions?limit=100', ctx.tokens.auditor));
    expect(audited['herts-private-deferral']).toEqual(['decision-maker']);
  });

  it('answers CSV, at its .csv route and by Accept, with the same rows', async () => {
    const csv = await get('/people/herts-ceo/decisions.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const rows = csv.text.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('herts-final');
    const accepted = await get('/people/herts-ceo/decisions').set('accept', 'text/csv');
    expect(accepted.text).toBe(csv.text);
    expect((await get('/decisions.csv?personId=herts-ceo')).text).toBe(csv.text);
    expect((await get('/people/david-lloyd/decisions.csv')).text).not.toContain(PRIVATE_CANARY);
  });

  it('pages and filters by date as the register does', async () => {
    const first = await get('/people/david-lloyd/decisions?limit=2');
    expect(first.body.items).toHaveLength(2);
    const rest = await items(
      `/people/david-lloyd/decisions?limit=100&after=${encodeURIComponent(first.body.next)}`,
    );
    expect([...first.body.items, ...rest].map((i) => i.decisionId)).toEqual(
      (await items('/people/david-lloyd/decisions?limit=100')).map((i) => i.decisionId),
    );
    const spring = await items('/people/david-lloyd/decisions?from=2013-04-01&to=2013-05-31');
    expect(spring.map((i) => i.decisionId)).toEqual(['herts-final', 'herts-contract']);
    expect(spring.every((i) => i.proposal.id === HERTS_PROPOSAL)).toBe(true);
  });

  it('documents the route, the filter and the speaker in the OpenAPI document', async () => {
    const doc = (await get('/openapi.json')).body;
    expect(doc.paths['/people/{personId}/decisions'].get.operationId).toBe('listDecisionsByPerson');
    expect(doc.paths['/decisions'].get.parameters.map((p: { name: string }) => p.name)).toContain('personId');
    expect(doc.components.schemas.DecisionEntryDto.properties.personCapacities).toBeDefined();
    for (const dto of ['ClaimDto', 'TakenForwardDto'])
      expect(doc.components.schemas[dto].properties.spokenBy).toBeDefined();
    expect(Object.keys(doc.components.schemas.SpokenByReadDto.properties)).toEqual(
      expect.arrayContaining([
        'name',
        'role',
        'personId',
        'forBodyId',
        'forPersonId',
        'forBody',
        'forPerson',
      ]),
    );
    // The commands' bodies, whatever their schemas are named.
    for (const path of [`/proposals/{proposalId}/claims`, `/proposals/{proposalId}/taken-forward`]) {
      const body = JSON.stringify(doc.paths[path].post.requestBody);
      const schemas = [...body.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
      expect(schemas.some((name) => doc.components.schemas[name].properties?.spokenBy)).toBe(true);
    }
  });
});
