import { Semaphore } from 'async-mutex';
import type { RecordableCommand } from './record.command';

/**
 * The gate's width: each ordinary command takes one place, a retraction all of them. Beyond this
 * many commands in flight at once, more wait their turn (a clerk's service sees a handful; the
 * HTTP bench, 64). Not larger: async-mutex looks through one slot per place at every release.
 */
const ALL = 256;

/**
 * Which commands of this process may be decided and appended at the same time. A retraction or
 * a correction is refused while another record rests on what it takes out or changes (the
 * records naming its record, read from the index of what names what: shared/corrected-entries.ts
 * and corrected-across-records.ts), and a command naming a record is decided on the record as it
 * stands; but the two, decided at the same moment on two requests, each saw the other not yet
 * written, and both landed: a proposal tabled by a body whose registration was retracted.
 *
 * So a correction goes alone: it waits for the commands in flight to be appended (the index then
 * finds them), and the commands that arrive meanwhile wait for it to be appended (their deciders
 * then find the record as corrected). Every other command goes alongside the others, as before.
 * Waiters are served in turn (async-mutex's weighted semaphore): a retraction waiting is not
 * overtaken by the commands that came after it, nor are they held back by more than it.
 *
 * This holds within one process. Two processes recording on one ledger at once (several service
 * instances on PostgreSQL, or the CLI's `story load` beside the service) are not held to it.
 */
export class RecordingGate {
  private readonly semaphore = new Semaphore(ALL);

  /** Runs `work` alone if the command is a correction or retraction, else alongside the others. */
  async through<T>(command: RecordableCommand, work: () => Promise<T>): Promise<T> {
    return this.semaphore.runExclusive(work, goesAlone(command) ? ALL : 1);
  }
}

/** A correction or retraction changes what others may rest on: it is decided with nothing else in flight. */
function goesAlone(command: RecordableCommand): boolean {
  return command.type === 'RetractEvent' || command.type === 'CorrectEvent';
}
