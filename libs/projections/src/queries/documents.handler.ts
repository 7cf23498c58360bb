import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { toInstant } from '@ledger/domain';
import { ProjectionService } from '../projection.service';
import type { ReadModelDb } from '../read-model/read-model.db';
import type { TimeCut } from '../time-travel/time-cut';
import { noHiddenScope, seesEverything, type Viewer } from '../visibility';
import { GetDocumentQuery, ListMeetingDocumentsQuery } from './documents.query';
import { NotFoundError } from './not-found.error';

type Row = Record<string, unknown>;

/**
 * The public sees a document only while neither it (exempt), nor its meeting (private), nor the
 * agenda item (exempt) or decision (taken in private, or at a private meeting, or carried by a vote
 * at one) it belongs to is withheld, as the ledger's latest word says: a correction may withhold
 * the item, the decision or the decision's meeting after the document.
 */
const shownTo = (viewer: Viewer) =>
  seesEverything(viewer)
    ? '1 = 1'
    : // A document that names no item or decision gives NULL keys (|| with NULL is NULL): no scope.
      // Its decision is withheld with its own meetings too (noHiddenScope): columns qualified.
      noHiddenScope(
        'rm_documents.meeting_id',
        'rm_documents.event_id',
        "rm_documents.meeting_id || '/' || rm_documents.item_id",
        "rm_documents.proposal_id || '/' || rm_documents.decision_id",
      );

export function presentDocument(row: Row) {
  const optional = (v: unknown) => v ?? undefined;
  return {
    documentId: row.document_id as string,
    title: row.title as string,
    kind: row.kind as string,
    mediaType: row.media_type as string,
    sha256: row.sha256 as string,
    size: row.size as number,
    publishedAt: row.published_at as string,
    visibility: row.visibility as string,
    exemptParagraph: optional(row.exempt_paragraph) as number | undefined,
    meetingId: optional(row.meeting_id) as string | undefined,
    itemId: optional(row.item_id) as string | undefined,
    proposalId: optional(row.proposal_id) as string | undefined,
    decisionId: optional(row.decision_id) as string | undefined,
  };
}

export type DocumentView = ReturnType<typeof presentDocument>;

@QueryHandler(GetDocumentQuery)
export class GetDocumentHandler implements IQueryHandler<GetDocumentQuery> {
  constructor(private readonly projections: ProjectionService) {}

  execute({ documentId, viewer }: GetDocumentQuery): Promise<DocumentView> {
    const row = this.projections.readModels
      .prepare(`SELECT * FROM rm_documents WHERE document_id = ? AND ${shownTo(viewer)}`)
      .get(documentId) as Row | undefined;
    if (!row) return Promise.reject(new NotFoundError(`Document ${documentId}`));
    return Promise.resolve(presentDocument(row));
  }
}

/**
 * A meeting's documents: those recorded by the cut (asOf: happened by then; knownAt: recorded by
 * then), each as it stands now (a document is recorded once; a correction changes it in place).
 */
export function meetingDocuments(
  rm: ReadModelDb,
  meetingId: string,
  viewer: Viewer,
  cut: TimeCut = {},
): DocumentView[] {
  const rows = rm
    .prepare(
      `SELECT * FROM rm_documents WHERE meeting_id = ? AND ${shownTo(viewer)} AND occurred_at <= ? AND recorded_at <= ? ORDER BY published_at, document_id`,
    )
    .all(
      meetingId,
      cut.asOf ? toInstant(cut.asOf) : '9999',
      cut.knownAt ? toInstant(cut.knownAt) : '9999',
    ) as Row[];
  return rows.map(presentDocument);
}

@QueryHandler(ListMeetingDocumentsQuery)
export class ListMeetingDocumentsHandler implements IQueryHandler<ListMeetingDocumentsQuery> {
  constructor(private readonly projections: ProjectionService) {}

  execute({ meetingId, viewer }: ListMeetingDocumentsQuery): Promise<DocumentView[]> {
    return Promise.resolve(meetingDocuments(this.projections.readModels, meetingId, viewer));
  }
}
