import fc from 'fast-check';
import {
  DECIDERS,
  decideCommand,
  fold,
  streamOfCommand,
  toRecorded,
  type AggregateKind,
  type DomainEvent,
} from '@ledger/domain';
import { storeLoader } from './stream-loader';
import {
  NOW,
  collect,
  command,
  context,
  expectIssue16Invariants,
  malformed,
  referenced,
  runnerOverTheWorld,
  type AnyDecider,
} from './testing/recording-property.fixtures';

describe('the command side, property-tested on the embedded store', () => {
  it('stores exactly what the decider decided, folds to the state it saw plus its events, and writes nothing it refuses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { arbitrary: command, weight: 4 },
            { arbitrary: referenced, weight: 3 },
            { arbitrary: malformed, weight: 1 },
          ),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        async (sequence) => {
          const { store, runner, close } = await runnerOverTheWorld();
          try {
            for (const { command: c, occurredAt } of sequence) {
              const head = await store.head();
              // What the pure decider decides on the stored state, before the runner runs.
              let decided: DomainEvent[] | undefined;
              let stream: string | undefined;
              try {
                stream = streamOfCommand(c).stream;
                decided = (
                  await decideCommand(
                    c,
                    { occurredAt: new Date(occurredAt).toISOString(), now: NOW.toISOString() },
                    storeLoader(store),
                  )
                ).events;
              } catch {
                decided = undefined;
              }
              const before = stream ? await collect(store.readStream(stream)) : [];
              const outcome = await runner.record(c, context(occurredAt)).then(
                () => 'written',
                () => 'refused',
              );
              if (outcome === 'refused') {
                expect(await store.head()).toBe(head);
                continue;
              }
              expect(decided).toBeDefined();
              const after = await collect(store.readStream(stream as string));
              const added = after.slice(before.length);
              expect(added.map((e) => ({ type: e.type, data: e.data }))).toEqual(decided);
              const kind = (stream as string).slice(0, (stream as string).indexOf('-')) as AggregateKind;
              const decider = DECIDERS[kind] as AnyDecider;
              const seen = fold(decider, before.map(toRecorded)).state;
              const evolved = added.map(toRecorded).reduce((s, e) => decider.evolve(s, e as never), seen);
              expect(fold(decider, after.map(toRecorded)).state).toEqual(evolved);
            }
            await expectIssue16Invariants(store);
          } finally {
            await close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
