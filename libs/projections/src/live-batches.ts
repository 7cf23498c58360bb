/** What `batchesOf` races the source against: the next turn of the event loop. */
const NEXT_TURN = Symbol('next turn');

/**
 * Groups what an async iterable yields within one turn of the event loop (at most `max` a group):
 * the live projection applies in one transaction what a subscription's page hands over at once,
 * instead of one transaction an event, and waits for nothing that is not there yet.
 */
export async function* batchesOf<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let finished = false;
  try {
    while (!finished) {
      const first = await (pending ?? iterator.next());
      pending = undefined;
      if (first.done) return;
      const batch = [first.value];
      const turn = new Promise<typeof NEXT_TURN>((resolve) => setImmediate(resolve, NEXT_TURN));
      while (batch.length < max) {
        pending = iterator.next();
        const next = await Promise.race([pending, turn]);
        if (next === NEXT_TURN) break; // `pending` is the next group's first
        pending = undefined;
        if (next.done) {
          finished = true;
          break;
        }
        batch.push(next.value);
      }
      yield batch;
    }
  } finally {
    // A consumer that stops early ends the source too (after any read it has under way).
    if (!finished) void iterator.return?.()?.catch(() => undefined);
  }
}
