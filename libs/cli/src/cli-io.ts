import type { Readable, Writable } from 'node:stream';

/** Where a command reads and writes: data on stdout, messages and progress on stderr. */
export interface CliIo {
  stdout: Writable;
  /** `isTTY` decides whether a progress bar is drawn. */
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable;
  /** Aborted on Ctrl-C: long commands stop at a clean point and say how to resume. */
  signal?: AbortSignal;
}

/**
 * The process's streams. The first Ctrl-C asks the running command to stop cleanly; the listener
 * is removed then, so a second Ctrl-C ends the process at once. A reader that closes the pipe early
 * (`ledger events export | head`) does not crash the process: the export notices and stops.
 */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    // Aborting first takes a progress bar off the line, so this message is not drawn over.
    controller.abort();
    process.stderr.write('\nStopping at the next clean point (Ctrl-C again to force)…\n');
  });
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, signal: controller.signal };
}

/** Writes one line on stderr. */
export function say(io: CliIo, line: string): void {
  io.stderr.write(`${line}\n`);
}
