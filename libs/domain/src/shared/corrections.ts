import type { DomainEvent, Recorded } from './decider';
import { ensure } from './rules';

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

/** Checks a correction against the stream it belongs to. */
export function decideCorrection(command: CorrectionCommand, events: readonly Recorded[]): CorrectionEvent[] {
  const target = events.find((e) => e.id === command.data.eventId);
  ensure(
    target && !isCorrectionEvent(target),
    'correction-target-missing',
    `Event ${command.data.eventId} is not in this record`,
  );
  const retracted = events.some(
    (e) => e.type === 'EventRetracted' && (e.data as { eventId: string }).eventId === target.id,
  );
  ensure(!retracted, 'correction-target-retracted', `Event ${target.id} was retracted`);
  ensure(command.data.reason.trim() !== '', 'invalid-value', 'A correction must give its reason');
  if (command.type === 'RetractEvent') return [{ type: 'EventRetracted', data: command.data }];
  const keys = Object.keys(command.data.changes);
  ensure(keys.length > 0, 'invalid-value', 'A correction must change at least one field');
  const unknown = keys.filter((k) => !(k in (target.data as object)) && !OPTIONAL_CORRECTABLE.has(k));
  ensure(
    unknown.length === 0,
    'correction-changes-unknown-field',
    `${target.type} has no field ${unknown.join(', ')}`,
  );
  const identity = keys.filter((k) => IDENTITY_FIELDS.has(k));
  ensure(
    identity.length === 0,
    'invalid-value',
    `${identity.join(', ')} identifies the record and cannot be corrected`,
  );
  return [{ type: 'EventCorrected', data: command.data }];
}

/**
 * Optional fields a correction may add even when the original left them out. Among them what a
 * source found later states that the first left unstated: whether a meeting or decision was in
 * public, a body's founding date, and whether a date was a guess.
 */
const OPTIONAL_CORRECTABLE = new Set([
  'reference',
  'rationale',
  'place',
  'url',
  'note',
  'public',
  'inPublic',
  'foundingDate',
  'foundingDateApproximate',
  'scheduledForApproximate',
]);
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
]);
