import { batchesOf } from './live-batches';

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[][]> {
  const groups: T[][] = [];
  for await (const group of source) groups.push(group);
  return groups;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batchesOf', () => {
  it('groups what is yielded within one turn of the event loop, and splits at a turn', async () => {
    async function* source() {
      yield 1;
      yield 2;
      yield 3;
      await nextTurn();
      await nextTurn();
      yield 4;
      yield 5;
    }
    expect(await collect(batchesOf(source(), 100))).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it('never makes a group larger than the maximum, and loses nothing', async () => {
    async function* source() {
      for (let i = 0; i < 10; i += 1) {
        await Promise.resolve(); // a microtask, as a page read of the store: still the same turn
        yield i;
      }
    }
    const groups = await collect(batchesOf(source(), 4));
    expect(groups).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
  });

  it('ends the source when the consumer stops early', async () => {
    let ended = false;
    async function* source() {
      try {
        for (let i = 0; ; i += 1) {
          yield i;
          await nextTurn();
          await nextTurn();
        }
      } finally {
        ended = true;
      }
    }
    for await (const group of batchesOf(source(), 10)) {
      expect(group).toEqual([0]);
      break;
    }
    await nextTurn();
    await nextTurn();
    await nextTurn();
    expect(ended).toBe(true);
  });
});
