import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateCheckpointKeys, verifyCheckpointSignature, verifyProof } from '@ledger/integrity';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';
import { PRIVATE_FIXTURE_MEETING, STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';

const VERIFIER = join(__dirname, '..', 'verifier', 'verify-proof.mjs');

describe('tamper evidence over HTTP: checkpoints and proofs an outsider can check', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let dir: string;
  const keys = generateCheckpointKeys();
  const file = (name: string, value: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return path;
  };
  const verifier = (...args: string[]) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [VERIFIER, ...args], { encoding: 'utf8' }) };
    } catch (error) {
      const e = error as { status: number; stdout: string };
      return { code: e.status, out: e.stdout };
    }
  };

  beforeAll(async () => {
    const boot = await startTestApp();
    dir = dirname(boot.config.LEDGER_DB_PATH);
    const keyFile = join(dir, '..', `signing-${process.pid}.pem`);
    writeFileSync(keyFile, keys.privateKeyPem);
    await boot.stop();
    ctx = await startTestApp({ LEDGER_SIGNING_KEY_FILE: keyFile });
    dir = dirname(ctx.config.LEDGER_DB_PATH);
    client = await OpenApiClient.generate(ctx.app);
    // With a test-only private meeting and exempt item: the story itself has none.
    await recordStoryOverHttp(client, ctx, STORY_WITH_PRIVATE_MEETING);
  });
  afterAll(async () => ctx.stop());

  it('publishes a signed tree head covering every event', async () => {
    const checkpoint = (await client.call('getCheckpoint')).body;
    expect(checkpoint.treeSize).toBe(await ctx.store.head());
    expect(verifyCheckpointSignature(checkpoint, keys.publicKeyPem).ok).toBe(true);
    const published = (await client.call('getPublicKey')).body;
    expect(verifyCheckpointSignature(checkpoint, published.pem).ok).toBe(true);
    expect(
      verifyCheckpointSignature({ ...checkpoint, treeSize: checkpoint.treeSize - 1 }, published.pem).ok,
    ).toBe(false);
  });

  it("proves an event's inclusion, checked here and by the standalone verifier", async () => {
    const checkpoint = (await client.call('getCheckpoint')).body;
    const history = await client.call('getProposalHistory', {
      params: { proposalId: 'g4s-back-office' },
      token: ctx.tokens.auditor,
    });
    const decision = history.body.items.find((e: any) => e.type === 'DecisionRecorded');
    const proof = (
      await client.call('getInclusionProof', {
        query: { eventId: decision.eventId },
        token: ctx.tokens.auditor,
      })
    ).body;
    expect(proof.event.hash).toBe(decision.hash);
    expect(verifyProof(proof, checkpoint).ok).toBe(true);
    expect(
      verifier(
        file('cp.json', checkpoint),
        file('proof.json', proof),
        '--key',
        file('key.pem', keys.publicKeyPem),
      ),
    ).toMatchObject({ code: 0, out: expect.stringMatching(/^OK/) });
    const forged = { ...proof, event: { ...proof.event, data: { ...proof.event.data, outcome: 'approve' } } };
    expect(verifier(file('cp.json', checkpoint), file('forged.json', forged)).code).toBe(1);
  });

  it('proves that a later tree extends an earlier checkpoint', async () => {
    const old = (await client.call('getCheckpoint')).body;
    await client.call('recordClaim', {
      token: ctx.tokens.clerk,
      params: { proposalId: 'herts-support-services' },
      body: {
        claimId: 'later',
        subject: 'other',
        amount: 1,
        unit: 'GBP',
        qualifier: 'about',
        claimant: 'x',
        statement: 'x',
        occurredAt: '2014-01-01',
        source: { kind: 'test', reference: 'x' },
      },
    });
    const now = (await client.call('getCheckpoint')).body;
    expect(now.treeSize).toBe(old.treeSize + 1);
    const proof = (
      await client.call('getConsistencyProof', { query: { from: old.treeSize, to: now.treeSize } })
    ).body;
    expect(verifyProof(proof, now, { olderCheckpoint: old }).ok).toBe(true);
    expect(verifier(file('now.json', now), file('c.json', proof), '--old', file('old.json', old)).code).toBe(
      0,
    );
    const wrongOld = { ...old, rootHash: '0'.repeat(64) };
    expect(verifyProof(proof, now, { olderCheckpoint: wrongOld }).ok).toBe(false);
  });

  it('gives the public no proof of an exempt item, and no actor in any proof', async () => {
    const history = await client.call('getAuditTrail', {
      params: { entity: 'meeting', id: PRIVATE_FIXTURE_MEETING },
      token: ctx.tokens.auditor,
    });
    const exempt = history.body.items.find((e: any) => e.type === 'AgendaItemAdded');
    expect((await client.call('getInclusionProof', { query: { eventId: exempt.eventId } })).status).toBe(404);
    const open = (await client.call('getProposalHistory', { params: { proposalId: 'g4s-back-office' } })).body
      .items[0];
    const proof = await client.call('getInclusionProof', { query: { eventId: open.eventId } });
    expect(proof.status).toBe(200);
    expect(proof.body.event).toBeUndefined();
    expect(proof.body.eventHash).toBe(open.hash);
  });

  it('refuses impossible sizes with a problem naming the field', async () => {
    const res = await client.call('getConsistencyProof', { query: { from: 5, to: 4 } });
    expect([res.status, res.body.errors[0].field]).toEqual([400, 'from']);
  });
});
