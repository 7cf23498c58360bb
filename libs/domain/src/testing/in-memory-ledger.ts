import { randomUUID } from 'node:crypto';
import type { CorrectionCommand } from '../shared/corrections';
import type { DomainEvent, Recorded } from '../shared/decider';
import { DomainRuleViolation } from '../shared/rules';
import { REDUCED_PRECISION_DATE } from '../shared/time';
import { NAMED_BY, namedByEntries } from '../named-records';
import {
  decideCommand,
  recordsNamedInStream,
  type DecidedCommand,
  type LedgerCommand,
  type StreamLoader,
} from '../registry';

/**
 * The command side with streams held in memory: the same `decideCommand` pipeline the Nest
 * handlers run, for domain tests that need several aggregates without a store.
 */
export class InMemoryLedger {
  readonly streams = new Map<string, Recorded[]>();

  constructor(private readonly now: () => string = () => new Date().toISOString()) {}

  async execute(
    command: LedgerCommand | (CorrectionCommand & { stream: string }),
    occurredAt: string,
  ): Promise<DecidedCommand & { recorded: Recorded[] }> {
    const decided = await decideCommand(command, { occurredAt, now: this.now() }, this.loader);
    const recorded = decided.events.map((e: DomainEvent) => ({
      ...e,
      id: randomUUID(),
      // As the stores keep it: a year, month or day as given, a timestamp as toISOString writes it.
      occurredAt: REDUCED_PRECISION_DATE.test(occurredAt) ? occurredAt : new Date(occurredAt).toISOString(),
    }));
    this.streams.set(decided.stream, [...(this.streams.get(decided.stream) ?? []), ...recorded]);
    return { ...decided, recorded };
  }

  /**
   * Its streams, and the derived `namedby-<stream>` of each (named-records.ts), worked out by
   * reading every stream it holds, as the store's index (libs/recording) keeps it.
   */
  private readonly loader: StreamLoader = async (stream) => {
    if (stream.startsWith(`${NAMED_BY}-`)) {
      const record = stream.slice(NAMED_BY.length + 1);
      const namers: string[] = [];
      for (const other of this.streams.keys())
        if ((await recordsNamedInStream(other, this.loader)).includes(record)) namers.push(other);
      return { events: namedByEntries(record, namers), revision: -1 };
    }
    const events = this.streams.get(stream) ?? [];
    return { events, revision: events.length - 1 };
  };

  events(stream: string): Recorded[] {
    return this.streams.get(stream) ?? [];
  }
}

/** The refusal `run` met (a rule of the domain); undefined when it was taken. */
export async function refusalOf(run: () => Promise<unknown>): Promise<DomainRuleViolation | undefined> {
  try {
    await run();
  } catch (e) {
    if (e instanceof DomainRuleViolation) return e;
    throw e;
  }
  return undefined;
}
