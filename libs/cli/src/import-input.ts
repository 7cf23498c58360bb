import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import type { CliIo } from './cli-io';
import { CliError } from './errors';
import { readLines, type Line } from './ndjson-lines';

/** The import stopped at a line: the lines before it are imported, this one and the rest are not. */
export class ImportStopped extends CliError {
  constructor(
    readonly line: number,
    readonly reason: string,
    code: string,
  ) {
    super(code, `import stopped at line ${line}: ${reason}`);
  }
}

/** One line of an export as the event object it must be, or ImportStopped naming the line. */
export function eventOfLine(line: Line): Record<string, unknown> {
  let event: unknown;
  try {
    event = JSON.parse(line.text);
  } catch (error) {
    throw new ImportStopped(line.number, `not valid JSON (${(error as Error).message})`, 'malformed-line');
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event))
    throw new ImportStopped(
      line.number,
      'not a JSON object: each line must be one exported event',
      'malformed-line',
    );
  return event as Record<string, unknown>;
}

/** An import's input, opened and read up to its first event. */
export interface ImportInput {
  /** The file as given, or - for stdin. */
  source: string;
  /** Its size in bytes, for the progress bar; NaN for stdin. */
  size: number;
  /** The first event, and the number of its line. */
  first: { line: number; event: Record<string, unknown> };
  /** Every line from the first: those read to find the first event are handed out again. */
  lines: AsyncGenerator<Line>;
  /** Stops reading (after a failure, or an interruption). */
  close(): void;
}

/** How the input is named in a message. */
export function inputName(source: string): string {
  return source === '-' ? 'The input (stdin)' : resolve(source);
}

/**
 * Opens an import's input and reads it up to its first event, so that the CLI can do this before it
 * opens the ledger: opening a ledger file that is not there creates it, and an import that cannot
 * import anything (no such file, no event in it, a first line that is no event) must leave nothing
 * behind. `nothing` ends each refusal: what was left undone ("nothing was imported, …").
 */
export async function openImportInput(
  source: string,
  io: CliIo,
  nothing = 'nothing was imported',
): Promise<ImportInput> {
  let input: Readable;
  let size = Number.NaN;
  if (source === '-') {
    input = io.stdin;
  } else {
    let handle: FileHandle | undefined;
    try {
      handle = await open(source, 'r');
      size = (await handle.stat()).size;
    } catch (error) {
      await handle?.close();
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(
        'unreadable-file',
        `The export ${resolve(source)} cannot be read: ${code === 'ENOENT' ? 'there is no such file' : (error as Error).message}; ${nothing}`,
      );
    }
    input = handle.createReadStream();
  }
  const reader = readLines(input);
  const seen: Line[] = [];
  let first: ImportInput['first'] | undefined;
  try {
    while (!first) {
      const next = await reader.next();
      if (next.done)
        throw new CliError(
          'nothing-to-import',
          `${inputName(source)} holds no event (${seen.length === 0 ? 'it is empty' : `${seen.length} blank line(s)`}): ${nothing}`,
        );
      seen.push(next.value);
      if (next.value.text.trim() !== '') first = { line: next.value.number, event: eventOfLine(next.value) };
    }
  } catch (error) {
    input.destroy();
    if (error instanceof ImportStopped)
      throw new ImportStopped(error.line, `${error.reason}; ${nothing}`, error.code);
    throw error;
  }
  async function* lines(): AsyncGenerator<Line> {
    yield* seen;
    yield* reader;
  }
  return { source, size, first, lines: lines(), close: () => input.destroy() };
}
