import type { DomainEvent, Recorded } from './decider';
import {
  changedTextProblems,
  FLAG,
  NUMBER,
  orNull,
  quoted,
  sameKindAs,
  TEXT,
  UNCERTAIN_DATE,
  type AnyFieldValues,
  type ValueRule,
} from './field-values';
import { ensure } from './rules';
import { isOnOrBefore } from './time';

/**
 * Corrections. Nothing is edited: a later event in the same stream names the event it corrects
 * or retracts, with a reason. Folding applies them (see `effectiveEvents`); auditors still see
 * both the original and the correction in the log.
 */
export type CorrectionEvent =
  | DomainEvent<'EventCorrected', { eventId: string; reason: string; changes: Record<string, unknown> }>
  | DomainEvent<'EventRetracted', { eventId: string; reason: string }>;

export type CorrectionCommand =
  | { type: 'CorrectEvent'; data: { eventId: string; reason: string; changes: Record<string, unknown> } }
  | { type: 'RetractEvent'; data: { eventId: string; reason: string } };

export const CORRECTION_EVENT_TYPES = new Set(['EventCorrected', 'EventRetracted']);
export const CORRECTION_COMMAND_TYPES = new Set(['CorrectEvent', 'RetractEvent']);

export function isCorrectionEvent(event: DomainEvent): event is CorrectionEvent {
  return CORRECTION_EVENT_TYPES.has(event.type);
}

export function isCorrectionCommand(command: { type: string }): command is CorrectionCommand {
  return CORRECTION_COMMAND_TYPES.has(command.type);
}

/** The stream as it stands after its corrections: retracted events dropped, corrected ones changed. */
export function effectiveEvents<E extends DomainEvent>(
  events: readonly Recorded<E | CorrectionEvent>[],
): Recorded<E>[] {
  const retracted = new Set<string>();
  const changes = new Map<string, Record<string, unknown>>();
  for (const e of events) {
    if (e.type === 'EventRetracted') retracted.add((e as Recorded<CorrectionEvent>).data.eventId);
    if (e.type === 'EventCorrected') {
      const c = (e as Recorded<Extract<CorrectionEvent, { type: 'EventCorrected' }>>).data;
      changes.set(c.eventId, { ...(changes.get(c.eventId) ?? {}), ...c.changes });
    }
  }
  const out: Recorded<E>[] = [];
  for (const e of events) {
    if (isCorrectionEvent(e) || retracted.has(e.id)) continue;
    const change = changes.get(e.id);
    out.push(change ? { ...e, data: { ...(e.data as object), ...change } } : e);
  }
  return out;
}

/**
 * The event a correction names as it would stand once corrected: its earlier corrections and
 * this one applied. A field a correction sets to null is taken out (the source states none), as
 * every reader takes it, so the rules that read the event see it absent.
 */
export function asCorrected(
  events: readonly Recorded[],
  command: Extract<CorrectionCommand, { type: 'CorrectEvent' }>,
): Recorded | undefined {
  const target = effectiveEvents(events as Recorded<DomainEvent | CorrectionEvent>[]).find(
    (e) => e.id === command.data.eventId,
  );
  if (!target) return undefined;
  const data = Object.entries({ ...(target.data as object), ...command.data.changes }).filter(
    ([, value]) => value !== null,
  );
  return { ...target, data: Object.fromEntries(data) };
}

/**
 * Checks a correction against the stream it belongs to. `values` are the stream's aggregate's
 * rules for its events' fields (its decider's `fieldValues`): the corrected event must still be a
 * valid event of its type.
 */
export function decideCorrection(
  command: CorrectionCommand,
  events: readonly Recorded[],
  values: AnyFieldValues = {},
  /** When the correction is dated, if it is to be held to its entry's date. */
  occurredAt?: string,
): CorrectionEvent[] {
  const target = events.find((e) => e.id === command.data.eventId);
  ensure(
    target && !isCorrectionEvent(target),
    'correction-target-missing',
    `Event ${command.data.eventId} is not in this record`,
  );
  ensure(
    occurredAt === undefined || isOnOrBefore(target.occurredAt, occurredAt),
    'correction-before-entry',
    `The ${command.type === 'RetractEvent' ? 'retraction' : 'correction'} is dated ${occurredAt}, before the entry it names (${target.occurredAt}, ${target.type})`,
    { occurredAt, eventOccurredAt: target.occurredAt },
  );
  const retracted = events.some(
    (e) => e.type === 'EventRetracted' && (e.data as { eventId: string }).eventId === target.id,
  );
  ensure(!retracted, 'correction-target-retracted', `Event ${target.id} was retracted`);
  ensure(command.data.reason.trim() !== '', 'invalid-value', 'A correction must give its reason');
  if (command.type === 'RetractEvent') return [{ type: 'EventRetracted', data: command.data }];
  const keys = Object.keys(command.data.changes);
  ensure(keys.length > 0, 'invalid-value', 'A correction must change at least one field');
  const recorded = target.data as Record<string, unknown>;
  // Own fields only: `toString` is in every object, and is no field of an event.
  const unknown = keys.filter((k) => !Object.hasOwn(recorded, k) && !Object.hasOwn(OPTIONAL_CORRECTABLE, k));
  // An entry's date is when it happened, kept beside its fields: a clerk who asks to change it is
  // told how a date is mended (aggregate.ts, Folded.lastChangedAt), not that the entry has no date.
  const dated = unknown.filter((k) => k === 'occurredAt' || k === 'occurredAtApproximate');
  ensure(
    unknown.length === 0,
    'correction-changes-unknown-field',
    dated.length > 0
      ? `A correction cannot change when ${target.type} ${target.id} happened (${dated.join(', ')}): retract it and record it again with its right date`
      : `${target.type} has no field ${unknown.join(', ')}`,
  );
  const identity = keys.filter((k) => IDENTITY_FIELDS.has(k));
  ensure(
    identity.length === 0,
    'invalid-value',
    `${identity.join(', ')} identifies the record and cannot be corrected`,
  );
  // A value of the wrong kind is named as such; one of the right kind has its text judged as the
  // field's command has it judged at the edge (field-values.ts, changedTextProblems).
  const invalid = Object.entries(command.data.changes).flatMap(
    ([field, value]): Array<{ field: string; allowed?: string; problem?: string; says: string }> => {
      const rule = ruleOf(values, target.type, field, recorded);
      if (!rule.test(value))
        return [
          { field, allowed: rule.allowed, says: `cannot be ${quoted(value)}: it must be ${rule.allowed}` },
        ];
      return changedTextProblems(target.type, field, value).map((t) => ({ ...t, says: t.problem }));
    },
  );
  ensure(
    invalid.length === 0,
    'correction-invalid-value',
    invalid.map((i) => `${target.type}.${i.field} ${i.says}`).join('; '),
    {
      fields: invalid.map(({ field, allowed, problem }) =>
        allowed ? { field, allowed } : { field, problem },
      ),
    },
  );
  return [{ type: 'EventCorrected', data: command.data }];
}

/**
 * What a corrected field may hold: the aggregate's rule for it, else what an optional field
 * below holds, else the kind of value it was recorded with.
 */
function ruleOf(
  values: AnyFieldValues,
  type: string,
  field: string,
  recorded: Record<string, unknown>,
): ValueRule {
  // Own keys only, so no name an object inherits (`constructor`) is taken for a rule.
  const forType = Object.hasOwn(values, type) ? values[type] : undefined;
  const listed = forType && Object.hasOwn(forType, field) ? forType[field] : undefined;
  // The aggregate's rule says whether null takes its field out: a field optional on one event is
  // required on another (a body's founding date may be unstated, an alliance's may not).
  if (listed) return listed;
  if (Object.hasOwn(OPTIONAL_CORRECTABLE, field)) return OPTIONAL_CORRECTABLE[field];
  return sameKindAs(Object.hasOwn(recorded, field) ? recorded[field] : undefined);
}

/**
 * Optional fields a correction may add even when the original left them out, with what each may
 * hold. Among them what a source found later states that the first left unstated: whether a
 * meeting or decision was in public, a body's founding date, and whether a date was a guess.
 * Null takes one back out (the record has no number after all, the source does not say whether
 * it was in public), except a rationale: where an event has one, it is required.
 */
const OPTIONAL_CORRECTABLE: Readonly<Record<string, ValueRule>> = {
  reference: orNull(TEXT),
  rationale: TEXT,
  place: orNull(TEXT),
  url: orNull(TEXT),
  note: orNull(TEXT),
  public: orNull(FLAG),
  inPublic: orNull(FLAG),
  foundingDate: orNull(UNCERTAIN_DATE),
  foundingDateApproximate: orNull(FLAG),
  scheduledForApproximate: orNull(FLAG),
  // A document found exempt after all (or public after all), a decision found to have undone
  // another: their aggregates' rules say what these hold, and re-deciding the entry as corrected
  // that they agree (corrected-entries.ts).
  exemptParagraph: orNull(NUMBER),
  undoesDecisionId: orNull(TEXT),
  // An agenda item found exempt after all gives its ground with it (its command's rule).
  exemptionReason: orNull(TEXT),
};
/** Ids tie events together; correcting one would silently move an entry to another record. */
const IDENTITY_FIELDS = new Set([
  'proposalId',
  'bodyId',
  'meetingId',
  'allianceId',
  'personId',
  'voteEventId',
  'decisionId',
  'recommendationId',
  'claimId',
  'documentId',
  'itemId',
  'membershipId',
  'newProposalId',
  'questionId',
  'reviewId',
]);
