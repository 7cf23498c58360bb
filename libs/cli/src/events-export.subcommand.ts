import { open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { InvalidInput, type EventStore, type ReadAllOptions } from '@ledger/event-store';
import { say, type CliIo } from './cli-io';
import { CliError, Interrupted } from './errors';
import { checkEventTypeNames } from './event-type-names';
import { LineSink } from './line-sink';
import { startProgress } from './progress';

export interface ExportOptions {
  /** A file to write; stdout when absent. */
  out?: string;
  /** Add to the end of `out` instead of replacing it (to resume an export into the same file). */
  append?: boolean;
  /** The position to start after (exclusive): the last position of an earlier export. */
  from?: number;
  streamPrefix?: readonly string[];
  types?: readonly string[];
  occurredUntil?: string;
  recordedUntil?: string;
}

export interface ExportSummary {
  exported: number;
  /** The position of the last event written; `from` when none was. */
  lastPosition: number;
}

const FLAGS: Record<string, string> = {
  occurredUntil: '--occurred-until',
  recordedUntil: '--recorded-until',
  fromPosition: '--from',
  streamPrefix: '--stream-prefix',
  types: '--types',
};

/** The store names its read options; the user typed flags. */
function withFlagNames<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    const flag = error instanceof InvalidInput ? FLAGS[error.field] : undefined;
    if (error instanceof InvalidInput && flag) {
      throw new InvalidInput(error.code, error.field, error.message.replace(error.field, flag));
    }
    throw error;
  }
}

/**
 * What a failed export says: the position of the last event the output took, to resume after, or
 * that it took none. The lines read but never written are not counted: a --from past them would
 * leave them out of the file for good.
 */
function stoppedAt(written: { lines: number; mark?: number }, out: string | undefined): string {
  const where = out ?? 'the output';
  if (written.lines === 0 || written.mark === undefined)
    return `export stopped: nothing was written to ${where}`;
  return (
    `export stopped after ${written.lines} events written to ${where}, last position ${written.mark}; resume with --from ${written.mark}` +
    (out
      ? ` (${out} may hold part of what came after it: cut it after the line of position ${written.mark} before resuming with --append)`
      : '')
  );
}

/** Opens --out before anything is read, so a path it cannot write is refused as that, with nothing written. */
async function openOutput(out: string, append: boolean | undefined): Promise<Writable> {
  try {
    return (await open(out, append ? 'a' : 'w')).createWriteStream();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      'unwritable-output',
      `--out ${resolve(out)} cannot be written: ${code === 'ENOENT' ? `there is no folder ${dirname(resolve(out))}` : (error as Error).message}; nothing was exported`,
    );
  }
}

/** Exports runs longer than this many positions get a progress bar (on a terminal). */
const PROGRESS_MIN_EVENTS = 10_000;

/**
 * `ledger events export`: every event (or the ones the filters keep) as NDJSON, one StoredEvent a
 * line, in global order. It reads the store page by page and writes with back-pressure, so memory
 * stays flat whatever the ledger's size. Stopped (Ctrl-C, a closed pipe, a full disk) or finished,
 * it says on stderr which position it got to and how to resume from there.
 */
export async function exportEvents(
  store: EventStore,
  options: ExportOptions,
  io: CliIo,
): Promise<ExportSummary> {
  // A mistyped type would match nothing and pass for an empty export: refused before any output is made.
  if (options.types?.length)
    checkEventTypeNames('--types', options.types, 'nothing was exported, and no file written');
  const from = options.from ?? 0;
  const read: ReadAllOptions = {
    fromPosition: from + 1,
    ...(options.streamPrefix?.length ? { streamPrefix: options.streamPrefix } : {}),
    ...(options.types?.length ? { types: options.types } : {}),
    ...(options.occurredUntil !== undefined ? { occurredUntil: options.occurredUntil } : {}),
    ...(options.recordedUntil !== undefined ? { recordedUntil: options.recordedUntil } : {}),
  };
  // Bad read options are refused here, before any output file is created.
  const events = withFlagNames(() => store.readAll(read));
  const head = await store.head();
  const output: Writable = options.out ? await openOutput(options.out, options.append) : io.stdout;
  const sink = new LineSink<number>(output);
  const progress = startProgress(io, {
    label: 'export',
    total: head - from,
    unit: 'events',
    minTotal: PROGRESS_MIN_EVENTS,
  });
  const summary: ExportSummary = { exported: 0, lastPosition: from };
  const resume = () =>
    summary.exported === 0
      ? `resume with --from ${from}`
      : `last position ${summary.lastPosition}; resume with --from ${summary.lastPosition}`;
  try {
    for await (const event of events) {
      if (io.signal?.aborted) break;
      await sink.write(`${JSON.stringify(event)}\n`, event.position);
      summary.exported += 1;
      summary.lastPosition = event.position;
      progress.update(event.position - from);
    }
    await sink.close(output !== io.stdout);
  } catch (error) {
    progress.stop();
    sink.abandon();
    if (output !== io.stdout) output.destroy();
    say(io, stoppedAt(sink.written, options.out));
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
      throw new CliError('output-closed', 'The reader closed the output before the export finished');
    }
    throw error;
  }
  progress.stop();
  if (io.signal?.aborted) {
    say(io, `export interrupted after ${summary.exported} events, ${resume()}`);
    throw new Interrupted('Export interrupted');
  }
  say(
    io,
    summary.exported === 0
      ? `exported 0 events after position ${from}; the ledger's head is ${head}`
      : `exported ${summary.exported} events, last position ${summary.lastPosition}; resume with --from ${summary.lastPosition}`,
  );
  return summary;
}
