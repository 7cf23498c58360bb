/**
 * The integrity watch's thread (integrity-pass-thread.ts starts it): it opens the ledger file
 * read-only, on a connection of its own, and walks it whenever asked, answering each pass with its
 * report. It imports the verifier's files directly, not the lib's index, so that a thread started
 * from the TypeScript sources (tests, benches) loads only what a pass needs.
 *
 * Messages in: { pass: PassRequest }. Out: { report } or { error }.
 */
import Database from 'better-sqlite3';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { INTEGRITY_THREAD_ROLE, pacedPass, type PassRequest } from './paced-pass';

function serve(file: string): void {
  const port = parentPort!;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let running: Promise<void> = Promise.resolve();
  // One pass at a time, in the order asked. The thread is ended by the watch (terminate), which
  // closes this read-only connection with it.
  port.on('message', (message: { pass: PassRequest }) => {
    running = running.then(() =>
      pacedPass(db, message.pass).then(
        (report) => port.postMessage({ report }),
        (error: unknown) => port.postMessage({ error: (error as Error).message ?? String(error) }),
      ),
    );
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === INTEGRITY_THREAD_ROLE)
  serve((workerData as { file: string }).file);
