/** Grows the ledger: the governance workload's steps, decided and appended in group-committed batches. */
import { performance } from 'node:perf_hooks';
import type { SqliteEventStore } from '@ledger/event-store';
import { fmt } from '../support/bench-kit';
import { governance } from './governance';
import type { Watched } from './workload';
import type { Step, World } from './world';

/** Appends generated events until the ledger holds `target` events; each command yields one event. */
export class Grower {
  private readonly steps: Generator<Step>;
  written = 0;
  watched?: Watched;
  private clock = new Date(Date.UTC(1989, 0, 1));
  private reported = 0;

  constructor(
    private readonly world: World,
    readonly store: SqliteEventStore,
    rng: () => number,
  ) {
    this.steps = governance(world, rng, (w) => (this.watched = w));
  }

  /** What the store uses as recordedAt: a day after the latest occurredAt appended. */
  now(): Date {
    return this.clock;
  }

  async growTo(target: number): Promise<number> {
    const started = performance.now();
    let pending: Array<Promise<unknown>> = [];
    let batchLatest = '';
    let batchEarliest = '';
    while (this.written < target) {
      const step = this.steps.next().value as Step;
      const { stream, events } = this.world.decide(step);
      if (events.length !== 1)
        throw new Error(`generator: ${step.command.type} gave ${events.length} events`);
      pending.push(this.store.append(stream, events));
      if (step.occurredAt > batchLatest) batchLatest = step.occurredAt;
      batchEarliest ||= step.occurredAt;
      this.written += events.length;
      // A batch is what a clerk enters in a day or two: at most 5000 events, recorded a day after the latest.
      if (
        pending.length === 5000 ||
        this.written >= target ||
        Date.parse(batchLatest) - Date.parse(batchEarliest) > 86_400_000
      ) {
        // One group commit of the whole batch, recorded a day after it happened.
        const recorded = new Date(Date.parse(batchLatest) + 86_400_000);
        if (recorded > this.clock) this.clock = recorded;
        await Promise.all(pending);
        pending = [];
        batchEarliest = '';
        if (this.written - this.reported >= 100_000) {
          this.reported = this.written;
          process.stderr.write(`  generated ${fmt(this.written)} events\r`);
        }
      }
    }
    const head = await this.store.head();
    if (head !== target) throw new Error(`generator: head ${head}, expected ${target}`);
    return (performance.now() - started) / 1000;
  }
}
