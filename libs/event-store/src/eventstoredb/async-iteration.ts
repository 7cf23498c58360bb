import type { StreamingRead } from '@eventstore/db-client';

/**
 * How the adapter iterates the client's gRPC streams: pulled by the consumer, cancelled on the
 * server when the consumer leaves early, and ended at once by an abort.
 */

export const noop = () => undefined;

/**
 * Iterates a client read, pulled by the consumer (the Readable's own back-pressure pauses the
 * gRPC stream). Leaving early cancels the call on the server instead of leaving it paused open.
 */
export function drain<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  read.on('error', noop); // the iterator reports errors; this keeps a stray one from crashing the process
  return iterate(read);
}

async function* iterate<E>(read: StreamingRead<E>): AsyncGenerator<E> {
  let finished = false;
  try {
    for await (const item of read) yield item;
    finished = true;
  } finally {
    if (!finished) await read.cancel().catch(noop);
  }
}

/**
 * Iterates `source` until it ends or `signal` aborts. An abort ends a wait for the next item at
 * once, even when nothing is arriving (a quiet live subscription).
 */
export async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  if (signal.aborted) return;
  const iterator = source[Symbol.asyncIterator]();
  let onAbort: () => void = noop;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    while (true) {
      const next = await Promise.race([iterator.next(), aborted]);
      if (next === 'aborted' || next.done) return;
      yield next.value;
      if (signal.aborted) return;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    // Not awaited: with a next() still pending, return() waits for it; the caller cancels the source.
    void Promise.resolve(iterator.return?.()).catch(noop);
  }
}
