import {
  decideCorrection,
  effectiveEvents,
  isCorrectionCommand,
  type CorrectionCommand,
  type CorrectionEvent,
} from './corrections';
import type { DecideContext, Decider, DomainCommand, DomainEvent, Recorded } from './decider';
import { assertTimely } from './time';

/** A stream folded into its decider's state. `events` keeps the raw history for corrections. */
export interface Folded<S> {
  state: S;
  /** -1 for a stream with no events. */
  revision: number;
  lastOccurredAt?: string;
  events: Recorded[];
}

export function fold<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  events: readonly Recorded[],
  revision = events.length - 1,
): Folded<S> {
  const effective = effectiveEvents(events as Recorded<E | CorrectionEvent>[]);
  const state = effective.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const lastOccurredAt = events.reduce<string | undefined>(
    (last, e) => (last === undefined || e.occurredAt > last ? e.occurredAt : last),
    undefined,
  );
  return { state, revision, lastOccurredAt, events: [...events] };
}

/**
 * The one entry point for deciding on any stream: the time rules first, then corrections
 * (the same for every aggregate), then the aggregate's own rules.
 */
export function decideOn<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  folded: Folded<S>,
  command: C | CorrectionCommand,
  context: DecideContext,
  stream: string,
): Array<E | CorrectionEvent> {
  assertTimely(context.occurredAt, context.now, folded.lastOccurredAt, stream);
  if (isCorrectionCommand(command)) return decideCorrection(command, folded.events);
  return decider.decide(command, folded.state, context);
}
