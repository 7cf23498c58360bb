import { InvalidInput } from '../errors';
import type { EventStore, NewEvent } from '../event-store.port';
import { newEvent, type ContractSuite } from './event-store.contract.fixtures';

/** The contract on input no store may accept: each refused with a typed error naming the field. */
export function badInputCases(suite: ContractSuite): void {
  const { stream } = suite;
  let store: EventStore;
  beforeEach(() => ({ store } = suite));

  describe('refuses bad input with a typed error and writes nothing', () => {
    const cases: Array<[string, () => [string, NewEvent[], unknown], string, string]> = [
      [
        'an expected revision in an unknown form',
        () => [stream('x'), [newEvent()], 'latest'],
        'invalid-expected-revision',
        'expectedRevision',
      ],
      [
        'a negative expected revision',
        () => [stream('x'), [newEvent()], -1],
        'invalid-expected-revision',
        'expectedRevision',
      ],
      [
        'a non-UUID id',
        () => [stream('x'), [newEvent({ id: 'vote-1' })], 'any'],
        'invalid-event-id',
        'events[0].id',
      ],
      ['an empty batch', () => [stream('x'), [], 'any'], 'empty-batch', 'events'],
      [
        'an event over the size limit',
        () => [stream('x'), [newEvent({ data: { text: 'x'.repeat(300 * 1024) } })], 'any'],
        'event-too-large',
        'events[0].data',
      ],
      [
        'data with a function',
        () => [stream('x'), [newEvent({ data: { f: () => 1 } })], 'any'],
        'data-not-json',
        'events[0].data.f',
      ],
      [
        'data with a BigInt',
        () => [stream('x'), [newEvent({ data: { n: BigInt(1) } })], 'any'],
        'data-not-json',
        'events[0].data.n',
      ],
      [
        'data with NaN',
        () => [stream('x'), [newEvent({ data: { n: NaN } })], 'any'],
        'data-not-json',
        'events[0].data.n',
      ],
      [
        'a stream name without a category',
        () => ['proposal', [newEvent()], 'any'],
        'invalid-stream-name',
        'stream',
      ],
      [
        'a stream name with spaces',
        () => ['proposal-g4s plan', [newEvent()], 'any'],
        'invalid-stream-name',
        'stream',
      ],
      [
        'an occurredAt that is not a date',
        () => [stream('x'), [newEvent({ occurredAt: 'last Monday' })], 'any'],
        'invalid-metadata',
        'events[0].metadata.occurredAt',
      ],
    ];
    it.each(cases)('%s', async (_label, make, code, field) => {
      const head = await store.head();
      const [s, events, expectedRevision] = make();
      const error = await store
        .append(s, events, { expectedRevision: expectedRevision as never })
        .catch((e) => e);
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ code, field });
      expect(error.message.toLowerCase()).toContain(field.split('.')[0].toLowerCase());
      expect(await store.head()).toBe(head);
    });

    it('data that refers back to itself', async () => {
      const data: Record<string, unknown> = {};
      data.self = data;
      await expect(store.append(stream('x'), [newEvent({ data })])).rejects.toMatchObject({
        code: 'data-not-json',
      });
      expect((await store.streamInfo(stream('x'))).exists).toBe(false);
    });
  });
}
