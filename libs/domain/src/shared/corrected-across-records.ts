import {
  breaks,
  canonical,
  commandOf,
  dated,
  namedAsCorrected,
  redecide,
  type Outcome,
} from './corrected-entries';
import { asCorrected, effectiveEvents, type CorrectionCommand, type CorrectionEvent } from './corrections';
import type {
  DecideContext,
  Decider,
  DomainCommand,
  DomainEvent,
  NamingRecord,
  Recorded,
  Reference,
  References,
} from './decider';
import { DomainRuleViolation, type DomainRule } from './rules';

/**
 * A correction or a retraction of an entry of one record must not leave an entry of ANOTHER
 * record that rests on it outside the rules it was recorded by: a vote closed, or a decision
 * recorded, at a meeting past midnight, once the meeting is corrected to have ended before it; a
 * decision signed, or a ballot cast, in a term of office once the term is retracted or corrected
 * to end before it; a document of an agenda item once the item is retracted. Within one record
 * the entries after a correction are decided again (corrected-entries.ts, firstBroken); across
 * records the same is done here for the records that name the corrected one (its namers, the
 * derived stream `namedby-<stream>`, registry.ts): each entry of a namer, from the first that
 * names the record on (what follows may read it through the namer's state: a vote's closing reads
 * its meeting), is decided again by its command, on the namer as it stood before that entry and
 * its own date, once with the record as it stands and once as corrected, everything else as it
 * stands. The correction is refused when the second is refused and the first was not, or by
 * another rule: what it breaks, not what was broken before it. An entry its decider records by no
 * command (a ballot, a vote's opening: vote.corrections.ts says why) is held instead to the
 * rules it keeps whatever else has changed (Decider.checkCorrected), the same two ways.
 *
 * The refusal names the first such entry, in the order the namers are listed and each namer's
 * entries are recorded, with the rule it would break (`retraction-leaves-dependent` for a
 * retraction, `correction-breaks-dependent` for a correction).
 *
 * What the public may see of an entry is not held to it here: it follows the record the entry
 * rests on as the ledger holds it now. A meeting found private after all withholds what was done
 * at it, an agenda item found exempt its documents, a decision found taken in private its
 * documents and reviews, at every date (README, "What the public can and cannot see";
 * libs/projections visibility.ts), so such a correction is taken and what rests on it is hidden.
 * Those rules hold an entry when it is recorded, or itself corrected (Decider.checkCorrected).
 *
 * Only the records that name the corrected one directly are read: an entry that reads it through
 * a third record (a decision carried by a vote at the meeting, naming the vote but not the
 * meeting) is not decided again.
 */

type AnyDecider = Decider<unknown, DomainCommand, DomainEvent>;

/** The rules of what the public may see, which the read side keeps for what rests on a record (above). */
const WITHHELD_WHEN_READ: ReadonlySet<DomainRule> = new Set<DomainRule>([
  'document-must-be-exempt',
  'private-decision-in-public',
  'review-of-private-decision',
]);

/** The decider of each kind of record (registry.ts gives DECIDERS): the namers are of any kind. */
export type DeciderOf = (kind: NamingRecord['kind']) => AnyDecider;

/** Where the corrected record is, and the records that name it (registry.ts, loadNamers). */
export interface Elsewhere {
  stream: string;
  namers: readonly NamingRecord[];
  deciderOf: DeciderOf;
}

/** Where a namer's entries begin to name the record: none is decided again before it. */
function firstNaming(namer: NamingRecord): number {
  const first = namer.naming[0];
  const at = first ? namer.entries.findIndex((e) => e.id === first.id) : -1;
  return at < 0 ? namer.entries.length : at;
}

/**
 * What deciding the namers' entries again reads: each namer (and what its state leads to), and
 * what the command of each of its entries decided again names, as when it was recorded.
 */
export function referencesOfNamers(namers: readonly NamingRecord[], deciderOf: DeciderOf): Reference[] {
  return namers.flatMap((namer) => {
    const decider = deciderOf(namer.kind);
    return [
      { kind: namer.kind, id: namer.id },
      ...namer.entries.slice(firstNaming(namer)).flatMap((entry) => {
        const command = commandOf(decider, entry);
        return command ? decider.referencesOf(command) : [];
      }),
    ];
  });
}

/** An entry with no command held to Decider.checkCorrected, on its record as it stands. */
function checked(
  decider: AnyDecider,
  entry: Recorded,
  state: unknown,
  refs: References,
): Outcome | undefined {
  if (!decider.checkCorrected) return undefined;
  try {
    decider.checkCorrected(entry, state, refs);
    return { decided: [] };
  } catch (error) {
    if (error instanceof DomainRuleViolation) return { refused: error };
    throw error;
  }
}

/** The first entry of a namer that `corrected` (the refs with the record as corrected) breaks. */
function firstBrokenElsewhere(
  { namers, deciderOf }: Elsewhere,
  standing: DecideContext,
  corrected: DecideContext,
): { namer: NamingRecord; entry: Recorded; broken: DomainRuleViolation } | undefined {
  for (const namer of namers) {
    const decider = deciderOf(namer.kind);
    const from = firstNaming(namer);
    let before = namer.entries.slice(0, from).reduce((s, e) => decider.evolve(s, e), decider.initialState());
    for (const entry of namer.entries.slice(from)) {
      const broken = commandOf(decider, entry)
        ? breaks(redecide(decider, entry, before, standing), redecide(decider, entry, before, corrected))
        : breaks(
            checked(decider, entry, namer.state, standing.refs),
            checked(decider, entry, namer.state, corrected.refs),
          );
      if (broken && !WITHHELD_WHEN_READ.has(broken.rule)) return { namer, entry, broken };
      before = decider.evolve(before, entry);
    }
  }
  return undefined;
}

/** The first entry of a namer the record's change of state, from `was` to `is`, breaks. */
function brokenByChange(
  decider: AnyDecider,
  was: unknown,
  is: unknown,
  context: DecideContext,
  elsewhere: Elsewhere,
): ReturnType<typeof firstBrokenElsewhere> {
  // A change that leaves the record's state as it was (a reason, a source) changes no decision.
  if (canonical(was) === canonical(is)) return undefined;
  const id = elsewhere.stream.slice(decider.category.length + 1);
  const asChangedRefs: References = {
    get: (kind, i) => (kind === decider.category && i === id ? (is as never) : context.refs.get(kind, i)),
  };
  return firstBrokenElsewhere(elsewhere, context, { ...context, refs: asChangedRefs });
}

/**
 * New entries that end, from a date of their own, what others rest on: a term of office (an
 * office holder's leaving, from its end date) and a body (its abolition, from its dissolution).
 * Dated before what was done on the strength of it, such an entry breaks that as a correction
 * would, and is refused so (checkNewEntriesElsewhere); other new entries only add.
 */
export const ENDS_FROM: Readonly<Record<string, string>> = {
  OfficeHolderLeft: 'endDate',
  BodyAbolished: 'dissolutionDate',
};

/** Whether any of a command's new entries ends what others may rest on (ENDS_FROM). */
export const endsWhatOthersRestOn = (events: readonly { type: string }[]): boolean =>
  events.some((e) => Object.hasOwn(ENDS_FROM, e.type));

/**
 * Refuses new entries of a record (`entries`, decided on its state `state`) that break an entry
 * of a record naming it: decided again with the record as it would stand after them, that entry
 * could not have been recorded. `context.refs` holds what the namers' entries read, as it stands.
 */
export function checkNewEntriesElsewhere<S, C extends DomainCommand, E extends DomainEvent>(
  typed: Decider<S, C, E>,
  state: S,
  entries: readonly Recorded[],
  context: DecideContext,
  elsewhere: Elsewhere,
): void {
  const decider = typed as unknown as AnyDecider;
  const is = entries.reduce((s, e) => decider.evolve(s, e), state as unknown);
  const found = brokenByChange(decider, state, is, context, elsewhere);
  if (!found) return;
  const { namer, entry: dependent, broken } = found;
  const ending = entries.find((e) => Object.hasOwn(ENDS_FROM, e.type)) ?? entries[0];
  const given = (ending.data as Record<string, unknown>)[ENDS_FROM[ending.type]];
  const from = typeof given === 'string' ? given : ending.occurredAt;
  throw new DomainRuleViolation(
    'entry-breaks-dependent',
    `${ending.type} of ${from}: ${dated(dependent)} in ${namer.stream} could not have been recorded (${broken.rule}: ${broken.detail}); correct or retract that entry first, or date this one after it`,
    { dependents: [{ stream: namer.stream, eventId: dependent.id }], brokenRule: broken.rule },
  );
}

/**
 * Refuses a correction or retraction (`command`, on the record of `elsewhere.stream`, whose
 * stream as stored is `events` and state `state`) that breaks an entry of a record naming it.
 * `context.refs` holds what the namers' entries read (referencesOfNamers), as it stands.
 */
export function checkEntriesElsewhere<S, C extends DomainCommand, E extends DomainEvent>(
  typed: Decider<S, C, E>,
  events: readonly Recorded[],
  state: S,
  command: CorrectionCommand,
  context: DecideContext,
  elsewhere: Elsewhere,
): void {
  if (elsewhere.namers.length === 0) return;
  const decider = typed as unknown as AnyDecider;
  const stands = effectiveEvents(events as Recorded<DomainEvent | CorrectionEvent>[]);
  const entry = stands.find((e) => e.id === command.data.eventId);
  if (!entry) return;
  const corrected = command.type === 'CorrectEvent' ? asCorrected(events, command) : undefined;
  const after = stands.flatMap((e) => (e !== entry ? [e] : corrected ? [corrected] : []));
  const is = after.reduce((s, e) => decider.evolve(s, e), decider.initialState());
  const found = brokenByChange(decider, state, is, context, elsewhere);
  if (!found) return;
  const { namer, entry: dependent, broken } = found;
  const could = `${dated(dependent)} in ${namer.stream} could not have been recorded`;
  const about = {
    eventId: entry.id,
    dependents: [{ stream: namer.stream, eventId: dependent.id }],
    brokenRule: broken.rule,
  };
  if (corrected) {
    const changed = Object.keys(
      (command as Extract<CorrectionCommand, { type: 'CorrectEvent' }>).data.changes,
    );
    throw new DomainRuleViolation(
      'correction-breaks-dependent',
      `${namedAsCorrected(corrected, changed)}: ${could} (${broken.rule}: ${broken.detail}); correct or retract that entry first`,
      { ...about, changed },
    );
  }
  throw new DomainRuleViolation(
    'retraction-leaves-dependent',
    `${dated(entry)} cannot be retracted: ${could} without it (${broken.rule}: ${broken.detail}); retract or correct that entry first`,
    about,
  );
}
