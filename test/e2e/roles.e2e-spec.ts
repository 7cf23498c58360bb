import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import request from 'supertest';
import { SignJWT, importPKCS8 } from 'jose';
import { HERTS_PROPOSAL } from '@ledger/domain';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { PRIVATE_FIXTURE_MEETING, STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';

const source = { kind: 'minutes', reference: 'roles test' };

describe('who may see and do what', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    // With a test-only private meeting and exempt item: the story itself has none.
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
    const clerk = ctx.tokens.clerk;
    // A public meeting with an exempt item, and a decision taken in private.
    await client.call('scheduleMeeting', {
      token: clerk,
      body: {
        meetingId: 'herts-2013-03',
        title: 'Hertfordshire PCC decisions',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-03-01',
        public: true,
        occurredAt: '2013-02-20',
        source,
      },
    });
    await client.call('addAgendaItem', {
      token: clerk,
      params: { meetingId: 'herts-2013-03' },
      body: {
        itemId: 'public-item',
        title: 'Support services review',
        proposalId: HERTS_PROPOSAL,
        exempt: false,
        occurredAt: '2013-02-21',
        source,
      },
    });
    await client.call('addAgendaItem', {
      token: clerk,
      params: { meetingId: 'herts-2013-03' },
      body: {
        itemId: 'bids',
        title: 'Commercial bids received',
        proposalId: HERTS_PROPOSAL,
        exempt: true,
        exemptionReason: 'Commercially confidential',
        occurredAt: '2013-02-21',
        source,
      },
    });
    const decision = await client.call('recordDecision', {
      token: clerk,
      params: { proposalId: HERTS_PROPOSAL },
      body: {
        decisionId: 'herts-private',
        bodyId: 'pcc-hertfordshire',
        postId: 'commissioner',
        personId: 'david-lloyd',
        outcome: 'defer',
        inPublic: false,
        rationale: 'Awaiting bids',
        occurredAt: '2013-02-25',
        source,
      },
    });
    expect(decision.status).toBe(201);
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  const as = (token?: string) => ({ ...(token ? { token } : {}) });

  it('hides an exempt agenda item from the public, not from auditors', async () => {
    const pub = await client.call('getMeeting', { params: { meetingId: 'herts-2013-03' } });
    expect(pub.body.agenda.map((i: any) => i.itemId)).toEqual(['public-item']);
    const aud = await client.call('getMeeting', {
      params: { meetingId: 'herts-2013-03' },
      ...as(ctx.tokens.auditor),
    });
    expect(aud.body.agenda.map((i: any) => i.itemId)).toEqual(['public-item', 'bids']);
    const list = await client.call('listMeetings', { query: { bodyId: 'pcc-hertfordshire' } });
    expect(JSON.stringify(list.body)).not.toContain('Commercial bids');
  });

  it("hides a private meeting's details from the public", async () => {
    const pub = await client.call('getMeeting', { params: { meetingId: PRIVATE_FIXTURE_MEETING } });
    expect(pub.body.title).toBe('Private meeting');
    expect(pub.body.agenda).toBeUndefined();
    expect(pub.body.attendees).toBeUndefined();
    const audit = await client.call('getAuditTrail', {
      params: { entity: 'meeting', id: PRIVATE_FIXTURE_MEETING },
    });
    expect(audit.status).toBe(404);
    expect(
      (
        await client.call('getAuditTrail', {
          params: { entity: 'meeting', id: PRIVATE_FIXTURE_MEETING },
          ...as(ctx.tokens.auditor),
        })
      ).status,
    ).toBe(200);
  });

  it('hides a decision taken in private everywhere the public reads', async () => {
    const hidden = (body: unknown) => expect(JSON.stringify(body)).not.toContain('herts-private');
    hidden((await client.call('getProposal', { params: { proposalId: HERTS_PROPOSAL } })).body);
    hidden((await client.call('listDecisions', { query: { bodyId: 'pcc-hertfordshire' } })).body);
    hidden((await client.call('whoDecided', { params: { proposalId: HERTS_PROPOSAL } })).body);
    hidden((await client.call('getProposalHistory', { params: { proposalId: HERTS_PROPOSAL } })).body);
    hidden((await client.call('getAuditTrail', { params: { entity: 'person', id: 'david-lloyd' } })).body);
    hidden((await client.call('exportEvents', {})).text);
    expect(
      JSON.stringify(
        (
          await client.call('getProposal', {
            params: { proposalId: HERTS_PROPOSAL },
            ...as(ctx.tokens.auditor),
          })
        ).body,
      ),
    ).toContain('herts-private');
  });

  it('never shows the public who recorded an entry: history, audit, export', async () => {
    const history = await client.call('getProposalHistory', { params: { proposalId: HERTS_PROPOSAL } });
    expect(history.body.items.length).toBeGreaterThan(0);
    expect(history.body.items.every((e: any) => e.recordedBy === undefined)).toBe(true);
    const exported = (await client.call('exportEvents', {})).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.every((e) => e.metadata.actor === undefined)).toBe(true);
    expect(exported.some((e) => e.type === 'AgendaItemAdded' && e.data.exempt)).toBe(false);
    const audited = await client.call('getProposalHistory', {
      params: { proposalId: HERTS_PROPOSAL },
      ...as(ctx.tokens.auditor),
    });
    expect(audited.body.items[0].recordedBy).toBe('clerk:test-clerk');
    const auditorExport = (await client.call('exportEvents', { ...as(ctx.tokens.auditor) })).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(auditorExport.some((e) => e.type === 'AgendaItemAdded' && e.data.exempt)).toBe(true);
  });

  it('exports resumably: after the last position received', async () => {
    const first = (await client.call('exportEvents', { query: { limit: 5 }, ...as(ctx.tokens.auditor) })).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const next = (
      await client.call('exportEvents', {
        query: { after: first[4].position, limit: 5 },
        ...as(ctx.tokens.auditor),
      })
    ).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(next[0].position).toBe(first[4].position + 1);
  });

  it("will not record without a clerk's token: none, a wrong one, the key's name, or an auditor's", async () => {
    const body = { personId: 'x', name: 'X', occurredAt: '2013-01-01', source };
    const head = await ctx.store.head();
    const none = await client.call('registerPerson', { body });
    expect([none.status, none.body.code]).toEqual([401, 'unauthorized']);
    expect((await client.call('registerPerson', { body, token: `${ctx.tokens.clerk}x` })).status).toBe(401);
    expect((await client.call('registerPerson', { body, token: 'test-clerk-test-clerk' })).status).toBe(401);
    const auditor = await client.call('registerPerson', { body, token: ctx.tokens.auditor });
    expect([auditor.status, auditor.body.code]).toEqual([403, 'forbidden']);
    expect(await ctx.store.head()).toBe(head);
  });

  it('sets security headers and echoes the correlation id', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/bodies').set('x-correlation-id', 'trace-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-correlation-id']).toBe('trace-1');
  });
});

describe('JWTs from a configured issuer', () => {
  let ctx: TestApp;
  let key: Awaited<ReturnType<typeof importPKCS8>>;
  beforeAll(async () => {
    const pair = generateKeyPairSync('ed25519');
    const boot = await startTestApp();
    const dir = dirname(boot.config.LEDGER_DB_PATH);
    const publicKeyFile = join(dir, '..', `jwt-${process.pid}.pem`);
    writeFileSync(publicKeyFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    await boot.stop();
    ctx = await startTestApp({
      LEDGER_JWT_ISSUER: 'https://idp.example',
      LEDGER_JWT_PUBLIC_KEY_FILE: publicKeyFile,
      LEDGER_JWT_AUDIENCE: 'ledger',
    });
    key = await importPKCS8(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, 'EdDSA');
  });
  afterAll(async () => ctx.stop());

  const token = (claims: Record<string, unknown>, issuer = 'https://idp.example', expires = '5m') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA' })
      .setIssuer(issuer)
      .setAudience('ledger')
      .setSubject('jane.clerk')
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(key);
  const register = (jwt: string) =>
    request(ctx.app.getHttpServer())
      .post('/people')
      .set('authorization', `Bearer ${jwt}`)
      .send({
        personId: `p${Math.random().toString(36).slice(2)}`,
        name: 'P',
        occurredAt: '2013-01-01',
        source,
      });

  it('accepts a clerk JWT and records it as the actor', async () => {
    const res = await register(await token({ ledger_role: 'clerk' }));
    expect(res.status).toBe(201);
  });

  it('refuses a JWT from another issuer, an expired one, or one without a role', async () => {
    expect((await register(await token({ ledger_role: 'clerk' }, 'https://evil.example'))).status).toBe(401);
    expect((await register(await token({ ledger_role: 'clerk' }, 'https://idp.example', '-1m'))).status).toBe(
      401,
    );
    expect((await register(await token({}))).status).toBe(401);
  });
});
