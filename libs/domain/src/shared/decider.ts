import type { FieldValues } from './field-values';

/**
 * The shapes every aggregate shares. Events are plain typed unions (no classes), so what is read
 * back from JSON is already the event.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/** An event as a decider sees it once stored: with its id and when it happened. */
export type Recorded<E extends DomainEvent = DomainEvent> = E & { id: string; occurredAt: string };

export interface DomainCommand<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

/**
 * What a decision may look at besides its own stream: when the command happened, the server's
 * clock, and the current state of the other aggregates it names (loaded by the command handler).
 */
export interface DecideContext {
  occurredAt: string;
  now: string;
  refs: References;
  /**
   * For a retraction: the records that name the one it retracts from, whatever stream they are
   * in (registry.ts, decideCommand), where `namedElsewhere` looks for entries resting on it.
   */
  namers?: readonly NamingRecord[];
}

/** Read-only lookups of other aggregates, preloaded by the handler from `referencesOf(command)`. */
export interface References {
  get<K extends keyof AggregateStates>(kind: K, id: string): AggregateStates[K] | undefined;
}

/** Filled in by each feature (declaration merging keeps features independent). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging fills it
export interface AggregateStates {}

export interface Reference {
  kind: keyof AggregateStates;
  id: string;
}

/** A record that names another (../named-records.ts says how that is found), as it stands. */
export type NamingRecord = {
  [K in keyof AggregateStates]: {
    kind: K;
    id: string;
    stream: string;
    state: AggregateStates[K];
    /** Its entries as they stand: corrections applied, retracted ones left out. */
    entries: readonly Recorded[];
    /** Those of its entries that name the other record, in order: none once nothing does. */
    naming: readonly Recorded[];
  };
}[keyof AggregateStates];

/** An entry of another record that rests on the one a retraction would take out. */
export interface DependentEntry {
  stream: string;
  entry: Recorded;
  /** What it says of the retracted entry's record, as a clerk reads it: "was taken at meeting m". */
  says: string;
}

/**
 * Entries a decision writes in another stream, in the same append as its own events (every part
 * written or none): a register that keeps a value unique across streams. Appended at the
 * revision of that stream the decision read.
 */
export interface AlongsideWrite {
  kind: keyof AggregateStates;
  id: string;
  events: DomainEvent[];
}

export interface Decider<State, Command extends DomainCommand, Event extends DomainEvent> {
  /**
   * Optional: what fields of its events may hold where their kind alone does not say (allowed
   * values, dates, ranges), so that a correction leaves a valid event (shared/corrections.ts).
   */
  fieldValues?: FieldValues<Event>;
  /**
   * Optional: the command that records each type of its events. A correction re-decides the
   * entry as corrected with it, and each entry after it: the same rules as when they were
   * recorded, on their own dates, after the entries before them (shared/corrected-entries.ts).
   * A type left out (a ballot: casting one also asks whether the proposal is still undecided,
   * which it is not once its vote carried a decision) is checked by `checkCorrected` alone.
   */
  recordedBy?: { readonly [T in Event['type']]?: Command['type'] };
  /**
   * Optional: rules a corrected event keeps whatever else has changed since it was recorded
   * (what the public may see: an exempt document names its paragraph, a decision at a private
   * meeting is not public; a ballot's voter held its post that day), run on the event as a
   * correction leaves it by the functions its command runs. `state` is the stream's as it
   * stands, `refs` what the stream's state leads to (registry.ts, decideCommand); throws a
   * DomainRuleViolation to refuse.
   */
  checkCorrected?(corrected: Recorded<Event>, state: State, refs: References): void;
  /**
   * Optional: the entries of other records that rest on `entry` and would name nothing, or rest
   * on nothing, once it is retracted (a decision names the vote that carried it; a vote taken at
   * a meeting rests on its holding), so that its retraction is refused until they are retracted
   * or corrected (shared/corrected-entries.ts). They are looked for in `namers`, the records
   * that name this one (registry.ts, decideCommand). Entries of its own stream are found by
   * deciding them again without it, and every entry naming a record the retraction ends (its
   * registration, its tabling) by corrected-entries.ts itself.
   */
  namedElsewhere?(entry: Recorded<Event>, state: State, namers: readonly NamingRecord[]): DependentEntry[];
  /** The stream category: events live in `<category>-<id>`. */
  category: string;
  initialState(): State;
  decide(command: Command, state: State, context: DecideContext): Event[];
  evolve(state: State, event: Recorded<Event>): State;
  /** The id of the aggregate a command is about. */
  streamIdOf(command: Command): string;
  /** Other aggregates the decision needs to see. */
  referencesOf(command: Command): Reference[];
  /** Whether a command may be retried on a concurrency conflict (re-deciding on the new state). */
  retryOnConflict(command: Command): boolean;
  /**
   * Optional: what a command or a correction (`CorrectEvent`, `RetractEvent`, on this stream)
   * writes in other streams beside `decided`, its own events, which it may also refuse. `history`
   * is the stream's events as stored (a correction names one of them); `context.refs` holds
   * what `referencesOf` and `alongsideReferencesOf` name.
   */
  alongside?(
    command: DomainCommand,
    decided: readonly DomainEvent[],
    history: readonly Recorded[],
    context: DecideContext,
  ): AlongsideWrite[];
  /** Optional: what `alongside` reads besides `referencesOf` (for a correction, all it reads). */
  alongsideReferencesOf?(command: DomainCommand, history: readonly Recorded[]): Reference[];
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
