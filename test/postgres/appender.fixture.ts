/**
 * One appender process of the ordering test: appends for a bounded time through the port, with
 * the Merkle log on, from several concurrent loops, then prints the ids it got acknowledged.
 *
 *   node -r @swc-node/register test/postgres/appender.fixture.ts <url> <seconds> <name>
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore, WrongExpectedRevision, type NewEvent } from '@ledger/event-store';
import { enablePostgresMerkleLog } from '@ledger/integrity';

const [url, seconds, name] = process.argv.slice(2);

const event = (i: number): NewEvent => ({
  id: randomUUID(),
  type: 'OrderingProbe',
  data: { by: name, i, pad: 'x'.repeat(i % 200) },
  metadata: {
    occurredAt: '2024-01-01T00:00:00.000Z',
    actor: `test:${name}`,
    source: { kind: 'test', reference: 'ordering' },
  },
});

async function main(): Promise<void> {
  const store = new PostgresEventStore({ url });
  enablePostgresMerkleLog(store);
  await store.ready;
  const acknowledged: string[] = [];
  let conflicts = 0;
  const until = Date.now() + Number(seconds) * 1000;
  const loop = async (lane: number) => {
    for (let i = 0; Date.now() < until; i++) {
      const stream = `probe-${(lane * 7 + i) % 20}`;
      const batch = Array.from({ length: 1 + (i % 3) }, (_, k) => event(i * 3 + k));
      try {
        // Every fifth append races on an exact revision: losers are refused, never half-written.
        const revision = i % 5 === 0 ? (await store.streamInfo(stream)).revision : undefined;
        const expectedRevision = revision === undefined ? 'any' : revision < 0 ? 'no_stream' : revision;
        await store.append(stream, batch, { expectedRevision });
        acknowledged.push(...batch.map((e) => e.id));
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision)) throw error;
        conflicts += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: 6 }, (_, lane) => loop(lane)));
  await store.close();
  process.stdout.write(JSON.stringify({ name, acknowledged, conflicts }) + '\n');
}

main().catch((error) => {
  process.stderr.write(`appender ${name}: ${(error as Error).stack}\n`);
  process.exit(1);
});
