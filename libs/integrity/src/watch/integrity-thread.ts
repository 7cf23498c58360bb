/**
 * The integrity watch's thread (integrity-pass-thread.ts starts it): it opens the ledger file
 * read-only, on a connection of its own, and walks it whenever asked, answering each pass with its
 * report. It imports the verifier's files directly, not the lib's index, so that a thread started
 * from the TypeScript sources (tests, benches) loads only what a pass needs.
 *
 * Messages in: { pass: PassRequest } or { stop: true }. Out: { report } or { error }.
 */
import Database from 'better-sqlite3';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { INTEGRITY_THREAD_ROLE, pacedPass, type PassRequest } from './paced-pass';

function serve(file: string): void {
  const port = parentPort!;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  let stopping = false;
  let running: Promise<void> = Promise.resolve();
  port.on('message', (message: { pass?: PassRequest; stop?: true }) => {
    if (message.stop) {
      stopping = true;
      // The walk in progress ends at its next page; then the connection closes and the thread ends.
      void running.finally(() => {
        db.close();
        port.close();
      });
      return;
    }
    const request = message.pass!;
    running = running.then(() =>
      pacedPass(db, request, () => stopping).then(
        (report) => port.postMessage({ report: report ?? null }),
        (error: unknown) => port.postMessage({ error: (error as Error).message ?? String(error) }),
      ),
    );
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === INTEGRITY_THREAD_ROLE)
  serve((workerData as { file: string }).file);
