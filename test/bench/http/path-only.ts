import { setTimeout } from 'node:timers/promises';
import { CommandRunner, type RecordResult, type RecordableCommand } from '@ledger/recording';
import type { TestApp } from '../../support/test-app';

/**
 * Runs `during` with the app's CommandRunner answering every command at once, writing nothing:
 * each request still takes the whole HTTP path (parsing, the hooks, the caller, the rate limit,
 * the envelope's and the command's validation, the answer with its ETag), but no stream is read,
 * nothing is decided, appended, committed or projected. What CastVote reaches that way is the most
 * this route can give on one thread, however cheap the command side became: the gap between it and
 * the recorded votes is the command side's own cost.
 *
 * The runner is the app's own instance, its `record` shadowed by an own property and restored after.
 */
export async function withCommandsAnsweredAtOnce<T>(ctx: TestApp, during: () => Promise<T>): Promise<T> {
  const runner = ctx.app.get(CommandRunner);
  let answered = 0;
  const atOnce = (command: RecordableCommand): Promise<RecordResult> => {
    answered += 1;
    const stream = 'stream' in command ? command.stream : `bench-${command.type}`;
    // An answer of the same shape as a recorded one; the promise settles a turn later, as an append does.
    const result: RecordResult = {
      stream,
      events: [{ id: `bench-${answered}`, type: command.type, revision: 0, position: answered, hash: '' }],
      revision: 0,
      position: answered,
      replayed: false,
    };
    return new Promise((resolve) => setImmediate(resolve, result));
  };
  Object.defineProperty(runner, 'record', { value: atOnce, configurable: true, writable: true });
  try {
    return await during();
  } finally {
    // Requests still in flight when autocannon stopped are processed all the same (their answers
    // unread): the runner is put back once they are through, or they would be recorded.
    for (let seen = -1; seen !== answered;) {
      seen = answered;
      await setTimeout(250);
    }
    delete (runner as { record?: unknown }).record;
  }
}
