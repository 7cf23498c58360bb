import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import { actorFor, eventVisible, type MeetingPrivacy } from '../visibility';
import { NotFoundError } from './not-found.error';
import { GetAuditTrailQuery } from './registers.query';

/**
 * The audit trail of one entity, read through the entity index: only the events that concern it
 * are read, whatever the size of the ledger. Corrections stand beside the event they correct;
 * the original is never hidden from auditors.
 */
@QueryHandler(GetAuditTrailQuery)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrailQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
  ) {}

  private async eventAt(position: number): Promise<StoredEvent | undefined> {
    for await (const e of this.store.readAll({ fromPosition: position, limit: 1 })) return e.position === position ? e : undefined;
    return undefined;
  }

  async execute({ entity, id, page, cut, viewer }: GetAuditTrailQuery) {
    const db = this.projections.readModels.db;
    const known = db.prepare('SELECT 1 FROM rm_entity_events WHERE entity = ? LIMIT 1').get(`${entity}:${id}`);
    const privacy: MeetingPrivacy = this.projections.readModels.meetingPrivacy();
    if (!known || (entity === 'meeting' && privacy.isPrivate(id) && viewer.role === 'public')) throw new NotFoundError(`${entity} ${id}`);
    const positions = (db.prepare('SELECT position FROM rm_entity_events WHERE entity = ? AND position > ? ORDER BY position LIMIT ?').all(`${entity}:${id}`, page.after ?? 0, page.limit) as { position: number }[]).map((r) => r.position);
    const asOf = cut.asOf && new Date(cut.asOf).toISOString();
    const knownAt = cut.knownAt && new Date(cut.knownAt).toISOString();
    const events: StoredEvent[] = [];
    for (const position of positions) {
      const e = await this.eventAt(position);
      if (!e) continue;
      if (knownAt && e.metadata.recordedAt > knownAt) continue;
      if (asOf && e.metadata.occurredAt > asOf && e.type !== 'EventCorrected' && e.type !== 'EventRetracted') continue;
      events.push(e);
    }
    const hidden = new Set(events.filter((e) => !eventVisible(e, viewer, privacy)).map((e) => e.id));
    const visible = events.filter((e) => eventVisible(e, viewer, privacy, hidden));
    const corrections = visible.filter((e) => e.type === 'EventCorrected' || e.type === 'EventRetracted');
    const entries = visible.map((e) => ({
      position: e.position,
      eventId: e.id,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      schemaVersion: e.schemaVersion,
      occurredAt: e.metadata.occurredAt,
      recordedAt: e.metadata.recordedAt,
      recordedBy: actorFor(e.metadata.actor, viewer),
      correlationId: viewer.role === 'public' ? undefined : e.metadata.correlationId,
      source: e.metadata.source,
      data: e.data,
      hash: e.hash,
      prevHash: e.prevHash,
      correctedBy: corrections
        .filter((c) => (c.data as { eventId: string }).eventId === e.id)
        .map((c) => ({ eventId: c.id, type: c.type, occurredAt: c.metadata.occurredAt, recordedAt: c.metadata.recordedAt, recordedBy: actorFor(c.metadata.actor, viewer), data: c.data, source: c.metadata.source })),
    }));
    return { entity, id, items: entries, next: positions.length === page.limit ? String(positions[positions.length - 1]) : undefined };
  }
}
