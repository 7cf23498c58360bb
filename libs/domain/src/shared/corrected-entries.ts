import { asCorrected, effectiveEvents, type CorrectionCommand, type CorrectionEvent } from './corrections';
import type {
  DecideContext,
  Decider,
  DependentEntry,
  DomainCommand,
  DomainEvent,
  NamingRecord,
  Recorded,
  Reference,
} from './decider';
import { quoted } from './field-values';
import { DomainRuleViolation } from './rules';

/**
 * What a correction leaves must be what the ledger could have recorded. Each changed value is
 * checked alone (corrections.ts); here the rules across records and dates are run again: the
 * entry as corrected is re-decided by the command that records it (its decider's `recordedBy`),
 * on its own date, after the entries before it, so a decision's post is one its maker held that
 * day and its outcome one that may follow the body's standing decision. Each entry after it is
 * re-decided too (a discontinuation still names decisions to reject). The same `decide` runs
 * when an entry is recorded: a rule lives in one place, its command's.
 *
 * A retraction is checked the same way, as a correction that takes its entry out (below,
 * `checkRetractedEntry`). The entries of OTHER records that name the record are decided again the
 * same way, on the record as corrected, once these checks pass (corrected-across-records.ts, run
 * by the command side, which loads those records: registry.ts, decideCommand).
 *
 * A correction is refused for what it breaks, not for what was broken before it: an entry that
 * its command would refuse already (a body since found founded later, a rule added since) may
 * still have its typing mended. Only `checkCorrected` holds a corrected entry to its rules
 * whatever else has changed (what the public may see).
 */

type CorrectEvent = Extract<CorrectionCommand, { type: 'CorrectEvent' }>;
type RetractEvent = Extract<CorrectionCommand, { type: 'RetractEvent' }>;
type AnyDecider<S> = Decider<S, DomainCommand, DomainEvent>;

/** The command that records `entry`, from its data: deciding it again works out anew what its decider adds. */
export function commandOf<S>(decider: AnyDecider<S>, entry: Recorded): DomainCommand | undefined {
  // Own keys only, so no name an object inherits (`constructor`) is taken for an event type.
  const types = decider.recordedBy;
  const type = types && Object.hasOwn(types, entry.type) ? types[entry.type] : undefined;
  return type === undefined ? undefined : { type, data: entry.data };
}

/** What deciding an entry again gave: the events its command decides, or the rule it breaks. */
export type Outcome = { decided: DomainEvent[] } | { refused: DomainRuleViolation };

/**
 * `entry` decided again by its command, on `before` (the stream up to it) and its date. The
 * stream reads itself as `before` too, as its command read it (registry.ts, decideCommand).
 */
export function redecide<S>(
  decider: AnyDecider<S>,
  entry: Recorded,
  before: S,
  { now, refs }: DecideContext,
): Outcome | undefined {
  const command = commandOf(decider, entry);
  if (!command) return undefined;
  const own = decider.streamIdOf(command);
  const asBefore: DecideContext['refs'] = {
    get: (kind, id) => (kind === decider.category && id === own ? (before as never) : refs.get(kind, id)),
  };
  try {
    return {
      decided: decider.decide(command, before, { occurredAt: entry.occurredAt, now, refs: asBefore }),
    };
  } catch (error) {
    if (error instanceof DomainRuleViolation) return { refused: error };
    throw error;
  }
}

/** The correction breaks a rule: `after` is refused, where `before` was not, or by another rule. */
export const breaks = (
  before: Outcome | undefined,
  after: Outcome | undefined,
): DomainRuleViolation | undefined =>
  after &&
  'refused' in after &&
  !(before && 'refused' in before && before.refused.rule === after.refused.rule)
    ? after.refused
    : undefined;

/** Canonical JSON: the same value whatever order its keys were written in. */
export const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  ) ?? 'undefined';

/** The fields of `entry` that differ from what deciding it again gives (a vote's counts, from its ballots). */
function notWorkedOut(entry: Recorded, outcome: Outcome | undefined): Map<string, unknown> {
  const decided =
    outcome && 'decided' in outcome ? outcome.decided.find((e) => e.type === entry.type) : undefined;
  if (!decided) return new Map();
  const given = entry.data as Record<string, unknown>;
  const worked = decided.data as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(given), ...Object.keys(worked)])];
  return new Map(
    fields.filter((f) => canonical(given[f]) !== canonical(worked[f])).map((f) => [f, worked[f]] as const),
  );
}

/** Refused again, naming the rule broken and the fields the correction changed. */
function refusal(violation: DomainRuleViolation, detail: string, context: Record<string, unknown>) {
  return new DomainRuleViolation(violation.rule, detail, { ...violation.context, ...context });
}

/**
 * Refuses a correction that leaves its entry, or any entry after it, one the ledger would not
 * record: by `checkCorrected`, then by deciding them again. `events` is the stream as stored.
 */
export function checkCorrectedEntries<S, C extends DomainCommand, E extends DomainEvent>(
  typed: Decider<S, C, E>,
  events: readonly Recorded[],
  state: S,
  command: CorrectEvent,
  context: DecideContext,
): void {
  // Entries are read back as any event of the stream, and decided by whatever command records them.
  const decider = typed as unknown as AnyDecider<S>;
  const corrected = asCorrected(events, command);
  if (!corrected) return;
  const changed = Object.keys(command.data.changes);
  const named = namedAsCorrected(corrected, changed);
  const about = { eventId: corrected.id, changed };
  try {
    decider.checkCorrected?.(corrected, state, context.refs);
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    throw refusal(error, `${named}: ${error.detail}`, about);
  }
  const stands = effectiveEvents(events as Recorded<DomainEvent | CorrectionEvent>[]);
  const at = stands.findIndex((e) => e.id === corrected.id);
  const before = stands.slice(0, at).reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const was = redecide(decider, stands[at], before, context);
  const is = redecide(decider, corrected, before, context);
  const broken = breaks(was, is);
  if (broken) throw refusal(broken, `${named}: ${broken.detail}`, about);
  // What the ledger works out when it records the entry is what the correction leaves, unless it
  // was not before either and the correction leaves it alone (an entry recorded by an older rule
  // may still be mended elsewhere); a field the correction sets must be what is worked out.
  const already = notWorkedOut(stands[at], was);
  const wrong = [...notWorkedOut(corrected, is)].filter(
    ([field]) => changed.includes(field) || !already.has(field),
  );
  if (wrong.length > 0)
    throw new DomainRuleViolation(
      'correction-invalid-value',
      wrong
        .map(
          ([field, worked]) =>
            `${corrected.type}.${field} cannot be ${quoted((corrected.data as Record<string, unknown>)[field])}: the ledger works it out as ${quoted(worked)}`,
        )
        .join('; '),
      { ...about, fields: wrong.map(([field, worked]) => ({ field, allowed: quoted(worked) })) },
    );
  const later = firstBroken(
    decider,
    stands.slice(at + 1),
    decider.evolve(before, stands[at]),
    decider.evolve(before, corrected),
    context,
  );
  if (later)
    throw refusal(
      later.broken,
      `${named}, ${dated(later.entry)} could not have been recorded: ${later.broken.detail}`,
      { ...about, entryId: later.entry.id },
    );
}

/** A corrected entry as a refusal names it: its type and the fields changed. */
export const namedAsCorrected = (corrected: Recorded, changed: readonly string[]): string =>
  `${corrected.type}.${changed.join(', ')} as corrected`;

/** An entry as a refusal names it: its type, id and date. */
export const dated = (entry: Recorded): string => `${entry.type} ${entry.id} of ${entry.occurredAt}`;

/**
 * The first entry of `later` that could be recorded after the stream as it stood (`was`) and
 * cannot after the stream as changed (`is`), with the rule it breaks. What it works out (a
 * closing's counts, after a ballot is corrected) is left to a correction of its own, which is
 * checked so.
 */
function firstBroken<S>(
  decider: AnyDecider<S>,
  later: readonly Recorded[],
  was: S,
  is: S,
  context: DecideContext,
): { entry: Recorded; broken: DomainRuleViolation } | undefined {
  // A change that leaves the state as it was (a reason, a quotation) changes no later decision.
  if (canonical(was) === canonical(is)) return undefined;
  for (const entry of later) {
    const broken = breaks(redecide(decider, entry, was, context), redecide(decider, entry, is, context));
    if (broken) return { entry, broken };
    was = decider.evolve(was, entry);
    is = decider.evolve(is, entry);
  }
  return undefined;
}

/**
 * A retraction is a correction that takes its entry out: the ledger then reads as if it had never
 * been recorded, so what still stands may not rest on it. It is refused, naming the entry that
 * does (the clerk retracts or corrects that one first, and the retraction is then taken), when:
 * an entry of another record rests on it (`namedElsewhere`, looked for in the records that name
 * this one, `context.namers`: a decision carried by a vote names the vote, a vote taken at a
 * meeting rests on its holding), or, when the retraction ends the record itself (its
 * registration, its tabling, a meeting's scheduling), any entry of another record that names
 * the record; or an entry after it in its stream, decided again on the stream without it as a
 * correction's later entries are, breaks a rule it kept before (a discontinuation names the
 * rejection, a rescission the decision it undoes, a leaving the term). Those are looked for in
 * that order, as the clerk must undo them: from the last that rests on it.
 */
export function checkRetractedEntry<S, C extends DomainCommand, E extends DomainEvent>(
  typed: Decider<S, C, E>,
  events: readonly Recorded[],
  state: S,
  command: RetractEvent,
  context: DecideContext,
  stream: string,
): void {
  const decider = typed as unknown as AnyDecider<S>;
  const stands = effectiveEvents(events as Recorded<DomainEvent | CorrectionEvent>[]);
  const at = stands.findIndex((e) => e.id === command.data.eventId);
  // An entry not standing is refused by decideCorrection already (missing, or retracted).
  if (at < 0) return;
  const entry = stands[at];
  const refuse = (dependent: string, about: Record<string, unknown>) =>
    new DomainRuleViolation(
      'retraction-leaves-dependent',
      `${dated(entry)} cannot be retracted: ${dependent}; retract or correct that entry first`,
      { eventId: entry.id, ...about },
    );
  const elsewhere = dependentsElsewhere(decider, stands, entry, state, context.namers ?? [], stream);
  if (elsewhere.length > 0)
    throw refuse(listed(elsewhere), {
      dependents: elsewhere.map((d) => ({ stream: d.stream, eventId: d.entry.id })),
    });
  const before = stands.slice(0, at).reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const later = firstBroken(decider, stands.slice(at + 1), decider.evolve(before, entry), before, context);
  if (later)
    throw refuse(
      `${dated(later.entry)} could not have been recorded without it (${later.broken.rule}: ${later.broken.detail})`,
      { entryId: later.entry.id, brokenRule: later.broken.rule },
    );
}

/** How many dependents a refusal names one by one; the rest it counts. */
const LISTED = 5;

/** Dependents as a refusal names them: each entry, its record's stream and what it says. */
function listed(dependents: readonly DependentEntry[]): string {
  const named = dependents.slice(0, LISTED).map((d) => `${dated(d.entry)} in ${d.stream} ${d.says}`);
  const more = dependents.length - named.length;
  return [...named, ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}

/**
 * The entries of other records resting on `entry`: what its decider finds (namedElsewhere), or,
 * when the record would not exist without it, the latest entry of each record naming it.
 */
function dependentsElsewhere<S>(
  decider: AnyDecider<S>,
  stands: readonly Recorded[],
  entry: Recorded,
  state: S,
  namers: readonly NamingRecord[],
  stream: string,
): DependentEntry[] {
  const found = decider.namedElsewhere?.(entry, state, namers) ?? [];
  if (found.length > 0 || namers.length === 0) return found;
  const exists = (s: S) => (s as { exists?: boolean }).exists === true;
  const without = stands
    .filter((e) => e !== entry)
    .reduce((s, e) => decider.evolve(s, e), decider.initialState());
  if (!exists(state) || exists(without)) return [];
  const record = stream.replace('-', ' ');
  return namers.map((n) => ({
    stream: n.stream,
    entry: n.naming[n.naming.length - 1],
    says: `names ${record}`,
  }));
}

/**
 * What deciding a correction's entries again reads: what each entry's command names, for the
 * entry as it stands and as corrected, and for each entry after it; for a retraction, what each
 * entry after it names (registry.ts, decideCommand).
 */
export function referencesOfCorrection<S, C extends DomainCommand, E extends DomainEvent>(
  typed: Decider<S, C, E>,
  command: DomainCommand,
  events: readonly Recorded[],
): Reference[] {
  const decider = typed as unknown as AnyDecider<S>;
  if (command.type !== 'CorrectEvent' && command.type !== 'RetractEvent') return [];
  const stands = effectiveEvents(events as Recorded<DomainEvent | CorrectionEvent>[]);
  const { eventId } = (command as CorrectionCommand).data;
  const at = stands.findIndex((e) => e.id === eventId);
  if (at < 0) return [];
  const corrected =
    command.type === 'CorrectEvent' ? asCorrected(events, command as CorrectEvent) : undefined;
  const entries = corrected ? [corrected, ...stands.slice(at)] : stands.slice(at + 1);
  return entries.flatMap((entry) => {
    const recorded = commandOf(decider, entry);
    return recorded ? decider.referencesOf(recorded) : [];
  });
}
