import { referenceRegisterId } from '@ledger/domain';
import { PostgresEventStore, type StoredEvent } from '@ledger/event-store';
import { PostgresServer } from '@ledger/event-store/testing';
import { clerkKey, LedgerInstance } from './ledger-instance';

/**
 * Issue 16 on PostgreSQL with two API processes on one database: decisions by the same PCC in
 * the same term, on different proposals, each pair sent to both instances at once with the same
 * reference. The register stream and the decision go in one transaction, so of each pair exactly
 * one is recorded, the other is refused naming it, and nothing of the loser is in the database.
 */
const source = { kind: 'decision-record', reference: 'postgres decision references test' };
const RACES = 8;

let server: PostgresServer;
let url: string;
let key: ReturnType<typeof clerkKey>;
let a: LedgerInstance;
let b: LedgerInstance;

async function collect(iterable: AsyncIterable<StoredEvent>): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

const ok = async (instance: LedgerInstance, path: string, body: Record<string, unknown>) => {
  const res = await instance.request('POST', path, { token: key.token, body: { source, ...body } });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res;
};

beforeAll(async () => {
  server = await PostgresServer.primary('decision-refs');
  url = server.createDatabase();
  key = clerkKey();
  [a, b] = await Promise.all([
    LedgerInstance.start('a', url, key.file),
    LedgerInstance.start('b', url, key.file),
  ]);
  await ok(a, '/people', { personId: 'olly', name: 'Olly Martins', occurredAt: '2012-11-22' });
  await ok(a, '/bodies', {
    bodyId: 'pcc',
    name: 'PCC for Bedfordshire',
    classification: 'police-and-crime-commissioner',
    powers: 'decides',
    foundingDate: '2012-11-22',
    decisionReferenceFormat: 'PCC/D/{seq:3}',
    occurredAt: '2012-11-22',
  });
  await ok(a, '/bodies/pcc/posts', {
    postId: 'commissioner',
    label: 'Commissioner',
    role: 'pcc',
    occurredAt: '2012-11-22',
  });
  await ok(a, '/bodies/pcc/office-holders', {
    membershipId: 'olly-2012',
    postId: 'commissioner',
    personId: 'olly',
    startDate: '2012-11-22',
    occurredAt: '2012-11-22',
  });
  for (let i = 0; i < RACES; i++)
    for (const side of ['a', 'b'])
      await ok(a, '/proposals', {
        proposalId: `race-${i}-${side}`,
        title: `Proposal ${i}${side}`,
        description: 'A proposal of the PCC',
        scope: ['HR'],
        tabledBy: 'pcc',
        bodyId: 'pcc',
        occurredAt: '2013-01-02',
      });
}, 180_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await server?.stop();
  key?.dispose();
});

it('records exactly one of two decisions taking the same reference on two instances at once; the other is refused naming it, and nothing of it is written', async () => {
  const decide = (instance: LedgerInstance, proposalId: string, reference: string) =>
    instance.request('POST', `/proposals/${proposalId}/decisions`, {
      token: key.token,
      body: {
        decisionId: `${proposalId}-decision`,
        bodyId: 'pcc',
        personId: 'olly',
        postId: 'commissioner',
        outcome: 'defer',
        reference,
        rationale: 'To consider it further',
        occurredAt: '2013-02-01',
        source,
      },
    });
  const races = await Promise.all(
    Array.from({ length: RACES }, (_, i) => {
      const reference = `PCC/D/${String(i + 1).padStart(3, '0')}`;
      return Promise.all([decide(a, `race-${i}-a`, reference), decide(b, `race-${i}-b`, reference)]);
    }),
  );
  const store = new PostgresEventStore({ url });
  try {
    for (const [i, pair] of races.entries()) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 422]);
      const winner = pair[0].status === 201 ? `race-${i}-a` : `race-${i}-b`;
      const loser = winner.endsWith('-a') ? `race-${i}-b` : `race-${i}-a`;
      const lost = pair.find((r) => r.status === 422)!;
      const reference = `PCC/D/${String(i + 1).padStart(3, '0')}`;
      expect(lost.body).toMatchObject({ code: 'decision-reference-taken' });
      expect(lost.body.detail).toContain(
        `${reference} is decision ${winner}-decision of PCC for Bedfordshire in the same term (on proposal ${winner})`,
      );
      expect((await collect(store.readStream(`proposal-${loser}`))).map((e) => e.type)).toEqual([
        'ProposalTabled',
      ]);
      expect((await collect(store.readStream(`proposal-${winner}`))).map((e) => e.type)).toEqual([
        'ProposalTabled',
        'DecisionRecorded',
      ]);
      const register = await collect(
        store.readStream(
          `decisionref-${referenceRegisterId({ bodyId: 'pcc', personId: 'olly', reference })}`,
        ),
      );
      expect(register.map((e) => [e.type, (e.data as { proposalId: string }).proposalId])).toEqual([
        ['DecisionReferenceReserved', winner],
      ]);
    }
  } finally {
    await store.close();
  }
  // And afterwards, on either instance, the reference stays taken.
  const loser = races[0][0].status === 201 ? 'race-0-b' : 'race-0-a';
  for (const instance of [a, b]) {
    const later = await decide(instance, loser, 'PCC/D/001');
    expect([later.status, later.body.code]).toEqual([422, 'decision-reference-taken']);
  }
}, 120_000);
