import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  CommandRunner,
  validateCommand,
  type RecordableCommand,
  type RecordingContext,
} from '@ledger/recording';
import type { TestApp } from '../../support/test-app';
import { CONNECTIONS } from './cannon';

export interface CommandSideMeasured {
  perSecond: number;
  recorded: number;
  failed: number;
  seconds: number;
  cpuMsPerVote: number;
}

/**
 * The command side alone: the app's own CommandRunner records CastVotes handed to it directly,
 * CONNECTIONS at a time, with no HTTP in front (each command validated before the clock starts,
 * as the HTTP edge validates it). What it reaches is the most a recorded vote could reach were the
 * HTTP path free, or on a thread of its own: read the streams, decide, append with the hash chain
 * and the Merkle log, commit with its fsync, and project, as a recorded vote does.
 *
 * `nextRequest` gives the next unused CastVote request, as the HTTP rounds take them; at most
 * `count` are prepared, and the run stops at `seconds` or when they are used up.
 */
export async function commandSideAlone(
  ctx: TestApp,
  seconds: number,
  count: number,
  nextRequest: () => { path: string; body: string },
): Promise<CommandSideMeasured> {
  const runner = ctx.app.get(CommandRunner);
  const prepared: Array<{ command: RecordableCommand; context: RecordingContext }> = [];
  for (let i = 0; i < count; i += 1) {
    const { path, body } = nextRequest();
    const vote = decodeURIComponent(path.split('/')[2]); // /votes/{voteEventId}/ballots
    const { occurredAt, source, ...data } = JSON.parse(body) as Record<string, unknown>;
    prepared.push({
      command: validateCommand('CastVote', { ...data, voteEventId: vote }),
      context: {
        occurredAt: String(occurredAt),
        source: source as RecordingContext['source'],
        actor: 'bench-clerk',
        correlationId: randomUUID(),
      },
    });
  }
  let next = 0;
  let recorded = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const cpuBefore = process.cpuUsage();
  const inFlight = async () => {
    while (next < prepared.length && performance.now() < deadline) {
      const { command, context } = prepared[next++];
      await runner.record(command, context).then(
        () => (recorded += 1),
        () => (failed += 1),
      );
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, inFlight));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    perSecond: recorded / elapsed,
    recorded,
    failed,
    seconds: elapsed,
    cpuMsPerVote: (cpu.user + cpu.system) / 1000 / Math.max(1, recorded),
  };
}
