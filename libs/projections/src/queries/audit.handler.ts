import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@ledger/event-store';
import { ProjectionService } from '../projection.service';
import { CORRECTION_EVENT_TYPES } from '@ledger/domain';
import { actorFor, dataFor, seesEverything } from '../visibility';
import { happenedBy } from '../time-travel/time-cut';
import { NotFoundError } from './not-found.error';
import { GetAuditTrailQuery } from './registers.query';
import { dateAsGiven, provenanceOf } from './provenance';

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
    for await (const e of this.store.readAll({ fromPosition: position, limit: 1 }))
      return e.position === position ? e : undefined;
    return undefined;
  }

  /** When the event a correction names happened: a correction is listed at a cut when its target is. */
  private async targetOccurredAt(correction: StoredEvent): Promise<string | undefined> {
    const eventId = (correction.data as { eventId?: string }).eventId;
    for await (const e of this.store.readStream(correction.stream, { limit: correction.revision }))
      if (e.id === eventId) return e.metadata.occurredAt;
    return undefined;
  }

  async execute({ entity, id, page, cut, viewer }: GetAuditTrailQuery) {
    const db = this.projections.readModels.db;
    const known = db
      .prepare('SELECT 1 FROM rm_entity_events WHERE entity = ? LIMIT 1')
      .get(`${entity}:${id}`);
    const publicEvents = this.projections.readModels.publicEvents();
    const everything = seesEverything(viewer);
    // A private meeting, or a vote taken at one, does not exist for the public: 404, not 403.
    if (
      !known ||
      (!everything &&
        ((publicEvents.isPrivateMeeting(id) && entity === 'meeting') ||
          !publicEvents.shownIn(`${entity}:${id}`)))
    )
      throw new NotFoundError(`${entity} ${id}`);
    const asOf = cut.asOf && new Date(cut.asOf).toISOString();
    const knownAt = cut.knownAt && new Date(cut.knownAt).toISOString();
    // The public sees only what the projector judged public (visibility.ts), page or no page.
    const shown = (position: number) => everything || publicEvents.isPublic(position);
    const withinCut = async (e: StoredEvent) => {
      if (knownAt && e.metadata.recordedAt > knownAt) return false;
      if (asOf && !happenedBy(e, asOf)) return false;
      return !(
        asOf &&
        CORRECTION_EVENT_TYPES.has(e.type) &&
        ((await this.targetOccurredAt(e)) ?? '\uffff') > asOf
      );
    };
    // Filtered as it is read, reading on until the page is full and one more row is found: a
    // cursor is only ever a row the viewer was shown, and a page is never empty but the last, so
    // neither the cursor nor an empty page tells where a hidden event lies.
    const select = this.projections.readModels.prepare(
      'SELECT position FROM rm_entity_events WHERE entity = ? AND position > ? ORDER BY position LIMIT ?',
    );
    const visible: StoredEvent[] = [];
    let more = false;
    for (let after = page.after ?? 0; !more;) {
      const batch = select.all(`${entity}:${id}`, after, page.limit + 1) as { position: number }[];
      for (const { position } of batch) {
        after = position;
        const e = shown(position) ? await this.eventAt(position) : undefined;
        if (!e || !(await withinCut(e))) continue;
        if (visible.length === page.limit) {
          more = true;
          break;
        }
        visible.push(e);
      }
      if (batch.length <= page.limit) break;
    }
    // A thing with nothing within the cut did not exist then: 404, as for any detail at a cut. An
    // empty first page was read to the end (above), so nothing of it is within the cut.
    if (visible.length === 0 && page.after === undefined && (asOf || knownAt))
      throw new NotFoundError(`${entity} ${id} at this cut`);
    const corrections = visible.filter((e) => e.type === 'EventCorrected' || e.type === 'EventRetracted');
    const entries = visible.map((e) => ({
      position: e.position,
      eventId: e.id,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      schemaVersion: e.schemaVersion,
      ...dateAsGiven(e.metadata),
      recordedAt: e.metadata.recordedAt,
      recordedBy: actorFor(e.metadata.actor, viewer),
      correlationId: viewer.role === 'public' ? undefined : e.metadata.correlationId,
      ...provenanceOf(e.metadata),
      data: dataFor(viewer, e.type, e.data, publicEvents.decisionsNamedIn(e.stream)),
      hash: e.hash,
      prevHash: e.prevHash,
      correctedBy: corrections
        .filter((c) => (c.data as { eventId: string }).eventId === e.id)
        .map((c) => ({
          eventId: c.id,
          type: c.type,
          occurredAt: c.metadata.occurredAt,
          recordedAt: c.metadata.recordedAt,
          recordedBy: actorFor(c.metadata.actor, viewer),
          data: dataFor(viewer, c.type, c.data, publicEvents.decisionsNamedIn(c.stream)),
          ...provenanceOf(c.metadata),
        })),
    }));
    return {
      entity,
      id,
      items: entries,
      next: more ? String(visible[visible.length - 1].position) : undefined,
    };
  }
}
