import { checkCorrectedEntries, checkRetractedEntry } from './corrected-entries';
import {
  decideCorrection,
  effectiveEvents,
  isCorrectionCommand,
  isCorrectionEvent,
  type CorrectionCommand,
  type CorrectionEvent,
} from './corrections';
import type { AlongsideWrite, DecideContext, Decider, DomainCommand, DomainEvent, Recorded } from './decider';
import { isInformationalCommand, isInformationalEvent } from './late-entries';
import { ensure } from './rules';
import {
  assertGivenDatesNotInFuture,
  assertNotInFuture,
  assertTimely,
  compareDates,
  isOnOrBefore,
} from './time';

/** A stream folded into its decider's state. `events` keeps the raw history for corrections. */
export interface Folded<S> {
  state: S;
  /** -1 for a stream with no events. */
  revision: number;
  /** The latest `occurredAt` of any event. */
  lastOccurredAt?: string;
  /**
   * The latest `occurredAt` of an entry that changes the state as it stands: not an informational
   * entry, not a retracted one, and not a retraction (it takes an entry out rather than adding
   * one). So an entry recorded with too late a date is mended by retracting it and recording it
   * again with its right date, however early (a correction cannot change an entry's date).
   */
  lastChangedAt?: string;
  /** When the record began: its first event's `occurredAt`. */
  firstOccurredAt?: string;
  events: Recorded[];
}

const latest = (dates: readonly string[]): string | undefined =>
  dates.reduce<string | undefined>(
    (last, d) => (last === undefined || compareDates(d, last) > 0 ? d : last),
    undefined,
  );

export function fold<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Pick<Decider<S, C, E>, 'initialState' | 'evolve'>,
  events: readonly Recorded[],
  revision = events.length - 1,
): Folded<S> {
  const effective = effectiveEvents(events as Recorded<E | CorrectionEvent>[]);
  const state = effective.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  return {
    state,
    revision,
    lastOccurredAt: latest(events.map((e) => e.occurredAt)),
    lastChangedAt: latest(changingEntries(events).map((e) => e.occurredAt)),
    firstOccurredAt: events[0]?.occurredAt,
    events: [...events],
  };
}

/** The entries that change a record's state as it stands (Folded.lastChangedAt). */
function changingEntries(events: readonly Recorded[]): Recorded[] {
  const retracted = new Set(
    events.filter((e) => e.type === 'EventRetracted').map((e) => (e.data as { eventId: string }).eventId),
  );
  return events.filter(
    (e) => !isInformationalEvent(e.type) && e.type !== 'EventRetracted' && !retracted.has(e.id),
  );
}

/**
 * `previous` carried on by the events that follow it: the same Folded as `fold(decider, events)`,
 * in time proportional to the new events, not to the stream. Why it is the same: `events` must
 * begin with exactly the events `previous` was folded from (the same objects, checked one by one),
 * and no new event may be a correction, which alone changes how earlier events fold. Otherwise
 * (undefined) the caller folds the whole stream. A ballot added to a vote of n ballots then costs
 * one evolve instead of n.
 */
export function foldFurther<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Pick<Decider<S, C, E>, 'initialState' | 'evolve'>,
  previous: Folded<S>,
  events: readonly Recorded[],
  revision = events.length - 1,
): Folded<S> | undefined {
  const known = previous.events;
  if (known.length > events.length || !known.every((event, i) => events[i] === event)) return undefined;
  const added = events.slice(known.length);
  if (added.some((e) => isCorrectionEvent(e))) return undefined;
  // None of them is a correction: none retracts, or is retracted, yet.
  const changed = changingEntries(added).map((e) => e.occurredAt);
  return {
    state: added.reduce((s, e) => decider.evolve(s, e as Recorded<E>), previous.state),
    revision,
    lastOccurredAt: latest([
      ...(previous.lastOccurredAt ? [previous.lastOccurredAt] : []),
      ...added.map((e) => e.occurredAt),
    ]),
    lastChangedAt: latest([...(previous.lastChangedAt ? [previous.lastChangedAt] : []), ...changed]),
    firstOccurredAt: events[0]?.occurredAt,
    events: [...events],
  };
}

/**
 * The one entry point for deciding on any stream: the dates a command gives are not in the
 * future (first: nothing else is asked of an entry that cannot be true yet), then corrections
 * (the same for every aggregate) or the aggregate's own rules, then the record's order.
 *
 * The time rule (late-found facts): an entry that changes the record's state may not be dated
 * before the latest entry that changed it (`date-goes-backwards`: fix the earlier one with a
 * correction), so a record's states follow one another in the order of their dates. An
 * informational entry (./late-entries.ts) may be dated anywhere from the record's first entry
 * on (`date-before-record`), however late it is found: it changes no state, so every as-of view
 * simply counts it from its date.
 */
export function decideOn<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  folded: Folded<S>,
  command: C | CorrectionCommand,
  context: DecideContext,
  stream: string,
): Array<E | CorrectionEvent> {
  assertNotInFuture(context.occurredAt, context.now);
  // Every other date the command gives is held to now too (a correction's changes among them).
  assertGivenDatesNotInFuture(command.data, context.now);
  if (isInformationalCommand(command.type))
    ensure(
      folded.firstOccurredAt === undefined || isOnOrBefore(folded.firstOccurredAt, context.occurredAt),
      'date-before-record',
      `${stream} began at ${folded.firstOccurredAt}, after ${context.occurredAt}`,
      { occurredAt: context.occurredAt, firstOccurredAt: folded.firstOccurredAt },
    );
  // The record's own rules are asked before its order: a rule that refuses the entry whatever its
  // date (it is already recorded, the vote was not open yet, a correction predates its entry) is
  // the one a clerk acts on; `date-goes-backwards` only when nothing else refuses it.
  const decided = decideOwnRules(decider, folded, command, context, stream);
  if (!isInformationalCommand(command.type))
    assertTimely(context.occurredAt, context.now, folded.lastChangedAt, stream);
  return decided;
}

/** A command's own decision, or a correction's, without the time rules (decideOn runs them). */
function decideOwnRules<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  folded: Folded<S>,
  command: C | CorrectionCommand,
  context: DecideContext,
  stream: string,
): Array<E | CorrectionEvent> {
  if (isCorrectionCommand(command)) {
    const decided = decideCorrection(command, folded.events, decider.fieldValues, context.occurredAt);
    // Each value was checked alone; the rules across fields, records and dates are run again on
    // the entry as corrected and on the entries after it, or, for a retraction, on the entries
    // that rest on the one taken out (./corrected-entries.ts).
    if (command.type === 'CorrectEvent')
      checkCorrectedEntries(decider, folded.events, folded.state, command, context);
    else checkRetractedEntry(decider, folded.events, folded.state, command, context, stream);
    return decided;
  }
  return decider.decide(command, folded.state, context);
}

/**
 * decideOn, then what the decision writes in other streams beside its own events (registers
 * that keep a value unique: see Decider.alongside), on the same states. Either may refuse.
 */
export function decideWithAlongside<S, C extends DomainCommand, E extends DomainEvent>(
  decider: Decider<S, C, E>,
  folded: Folded<S>,
  command: C | CorrectionCommand,
  context: DecideContext,
  stream: string,
): { events: Array<E | CorrectionEvent>; alongside: AlongsideWrite[] } {
  const events = decideOn(decider, folded, command, context, stream);
  const alongside = decider.alongside?.(command, events, folded.events, context) ?? [];
  return { events, alongside };
}
