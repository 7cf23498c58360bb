import {
  checkImportBatch,
  DEFAULT_MAX_EVENT_BYTES,
  InvalidInput,
  type EventStore,
  type ImportResult,
  type StoredEvent,
} from '@ledger/event-store';
import { say, type CliIo } from './cli-io';
import { CliError, Interrupted } from './errors';
import { eventOfLine, ImportStopped, inputName, openImportInput, type ImportInput } from './import-input';
import { startProgress } from './progress';

export { ImportStopped } from './import-input';

export interface ImportOptions {
  /** Lines per `importEvents` call (one transaction each). */
  chunkSize?: number;
  /** Start an empty ledger with an export whose first event is not at position 1 (see checkStartsTheLedger). */
  anyFirstPosition?: boolean;
}

export interface ImportSummary extends ImportResult {
  /** Lines read, blank ones included. */
  lines: number;
}

export const DEFAULT_IMPORT_CHUNK = 500;
/** Imports of files larger than this get a progress bar (on a terminal). */
const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;

interface Pending {
  line: number;
  event: StoredEvent;
}

/**
 * Refuses to start an empty ledger with an export whose first event is not at position 1. An export
 * made with --from, --stream-prefix or --types leaves out records that the ones it holds refer to
 * (a decision's meeting, a vote's proposal), and the store numbers what it imports from 1 on: the
 * ledger built from it would verify, and still refer to records it does not hold. Into a ledger
 * that has events, an export made --from its head carries it on (as a resumed export does).
 */
export function checkStartsTheLedger(input: ImportInput, head: number, anyFirstPosition = false): void {
  const position = input.first.event.position;
  if (head > 0 || anyFirstPosition || position === 1) return;
  const at = typeof position === 'number' ? `is at position ${position}` : 'has no position';
  throw new CliError(
    'partial-export',
    `${inputName(input.source)} is a partial export: its first event (line ${input.first.line}) ${at}, not 1. ` +
      'Imported into an empty ledger, its events would be numbered from 1 and refer to records it does not hold ' +
      '(the events before it, or of the streams and types left out). Nothing was imported. ' +
      'To copy a ledger, export the whole of it (ledger events export --out <file>, with no --from, --stream-prefix or --types) and import that. ' +
      'A whole export of an EventStoreDB ledger, whose positions are commit positions and do not start at 1, goes in with --any-first-position.',
  );
}

/**
 * `ledger events import <file|->`: restores an NDJSON export through `store.importEvents`, in
 * chunks, each chunk one transaction. Running it again imports nothing and skips everything. A bad
 * line (not JSON, not an event, a changed hash, a broken chain) stops the import there: every line
 * before it is imported, even in the same chunk, and the error names the line.
 */
export async function importEventsFrom(
  store: EventStore,
  source: string | ImportInput,
  options: ImportOptions,
  io: CliIo,
): Promise<ImportSummary> {
  const chunkSize = options.chunkSize ?? DEFAULT_IMPORT_CHUNK;
  const input = typeof source === 'string' ? await openImportInput(source, io) : source;
  try {
    checkStartsTheLedger(input, await store.head(), options.anyFirstPosition);
  } catch (error) {
    input.close();
    throw error;
  }
  const progress = startProgress(io, {
    label: 'import',
    total: input.size,
    unit: 'bytes',
    minTotal: PROGRESS_MIN_BYTES,
  });
  const summary: ImportSummary = { imported: 0, skipped: 0, lines: 0 };
  let chunk: Pending[] = [];
  const flush = async (): Promise<void> => {
    if (chunk.length === 0) return;
    const batch = chunk;
    chunk = [];
    const { result, stop } = await importChunk(store, batch);
    summary.imported += result.imported;
    summary.skipped += result.skipped;
    if (stop) throw stop;
  };
  const counts = () => `imported ${summary.imported} events, skipped ${summary.skipped} already present`;
  let interrupted = false;
  try {
    for await (const line of input.lines) {
      summary.lines = line.number;
      progress.update(line.bytesRead);
      if (line.text.trim() === '') continue;
      let event: Record<string, unknown>;
      try {
        event = eventOfLine(line);
      } catch (error) {
        await flush(); // the lines before it are imported
        throw error;
      }
      chunk.push({ line: line.number, event: event as unknown as StoredEvent });
      if (chunk.length >= chunkSize) {
        await flush();
        if (io.signal?.aborted) {
          interrupted = true;
          break;
        }
      }
    }
    await flush();
  } catch (error) {
    progress.stop();
    input.close();
    say(io, `${counts()} before the import stopped`);
    throw error;
  }
  progress.stop();
  if (interrupted) {
    input.close();
    say(
      io,
      `import interrupted after line ${summary.lines}: ${counts()}; run it again to continue (imported lines are skipped)`,
    );
    throw new Interrupted('Import interrupted');
  }
  say(io, `${counts()} (${summary.lines} lines)`);
  return summary;
}

/** `events[i]` at the start of a store error's field: the index in the batch it was given. */
function batchIndex(error: unknown): number | null {
  if (!(error instanceof InvalidInput)) return null;
  const match = /^events\[(\d+)\]/.exec(error.field);
  return match ? Number(match[1]) : null;
}

/** The store's message, with its `events[i]` (an index in a batch the user never saw) made plain. */
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\bevents\[\d+\]/g, 'the event');
}

function stopAt(line: number, error: unknown): ImportStopped {
  const code = (error as { code?: unknown }).code;
  return new ImportStopped(line, reasonOf(error), typeof code === 'string' ? code : 'import-failed');
}

/**
 * Imports one chunk. When the store refuses it (the whole chunk is rolled back), finds the first
 * bad event, imports the ones before it, and says where to stop.
 *
 * Finding it: `importEvents` first checks every event's content (shape, hash), then continues each
 * chain in a transaction. A content error's field indexes a batch of one (the content check runs
 * event by event), so the content check is re-run here event by event to find the line. A chain
 * error's field indexes the batch given: it is used as is, on ever shorter prefixes until one goes in.
 */
async function importChunk(
  store: EventStore,
  chunk: Pending[],
): Promise<{ result: ImportResult; stop?: ImportStopped }> {
  const events = chunk.map((p) => p.event);
  try {
    return { result: await store.importEvents(events) };
  } catch (error) {
    let bad = await firstContentError(store, events);
    if (!bad) {
      const index = batchIndex(error);
      if (index === null || index >= chunk.length) {
        const range = `lines ${chunk[0].line}-${chunk[chunk.length - 1].line}`;
        throw Object.assign(
          new Error(`import failed in ${range}, none of which were imported: ${reasonOf(error)}`),
          {
            code: (error as { code?: unknown }).code,
          },
        );
      }
      bad = { index, error };
    }
    let result: ImportResult = { imported: 0, skipped: 0 };
    while (bad.index > 0) {
      try {
        result = await store.importEvents(events.slice(0, bad.index));
        break;
      } catch (again) {
        const index = batchIndex(again);
        if (index === null || index >= bad.index) throw again;
        bad = { index, error: again };
      }
    }
    return { result, stop: stopAt(chunk[bad.index].line, bad.error) };
  }
}

async function firstContentError(
  store: EventStore,
  events: StoredEvent[],
): Promise<{ index: number; error: unknown } | null> {
  const limit = await maxEventBytes(store);
  for (let index = 0; index < events.length; index += 1) {
    try {
      checkImportBatch([events[index]], limit);
    } catch (error) {
      return { index, error };
    }
  }
  return null;
}

/** The store's event-size limit, so the content check here refuses what the store refuses. */
async function maxEventBytes(store: EventStore): Promise<number> {
  const limit = (await store.info()).details.maxEventBytes;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_MAX_EVENT_BYTES;
}
