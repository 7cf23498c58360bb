import { Semaphore } from 'async-mutex';
import type { RecordableCommand } from './record.command';

/**
 * The gate's width: each ordinary command takes one place, a retraction all of them. Beyond this
 * many commands in flight at once, more wait their turn (a clerk's service sees a handful; the
 * HTTP bench, 64). Not larger: async-mutex looks through one slot per place at every release.
 */
const ALL = 256;

/**
 * Which commands of this process may be decided and appended at the same time. A retraction is
 * refused while another record names what it takes out (the index of what names what), and a
 * command naming a record is refused once that record is retracted; but the two, decided at
 * the same moment on two requests, each saw the other not yet written, and both landed: a
 * proposal tabled by a body whose registration was retracted.
 *
 * So a retraction goes alone: it waits for the commands in flight to be appended (the index then
 * finds them), and the commands that arrive meanwhile wait for it to be appended (their deciders
 * then find the record retracted). Every other command goes alongside the others, as before.
 * Waiters are served in turn (async-mutex's weighted semaphore): a retraction waiting is not
 * overtaken by the commands that came after it, nor are they held back by more than it.
 *
 * This holds within one process. Two processes recording on one ledger at once (several service
 * instances on PostgreSQL, or the CLI's `story load` beside the service) are not held to it.
 */
export class RecordingGate {
  private readonly semaphore = new Semaphore(ALL);

  /** Runs `work` alone if the command is a retraction, else alongside the others. */
  async through<T>(command: RecordableCommand, work: () => Promise<T>): Promise<T> {
    return this.semaphore.runExclusive(work, goesAlone(command) ? ALL : 1);
  }
}

/** A retraction takes out what others may name: it is decided with nothing else in flight. */
function goesAlone(command: RecordableCommand): boolean {
  return command.type === 'RetractEvent';
}
