import type { Viewer } from '../visibility';

/** A document's record (title, kind, hash, size, links), as the viewer may see it. */
export class GetDocumentQuery {
  constructor(
    readonly documentId: string,
    readonly viewer: Viewer,
  ) {}
}

/** The documents of one meeting, as the viewer may see them. */
export class ListMeetingDocumentsQuery {
  constructor(
    readonly meetingId: string,
    readonly viewer: Viewer,
  ) {}
}
