import { SCHEDULE_12A_PARAGRAPHS } from '../meetings/meeting.events';
import type { DomainEvent } from '../shared/decider';
import { DATE, oneOf, orNull, wholeNumber, type FieldValues } from '../shared/field-values';

/** What a document of a meeting or a decision is. */
export const DOCUMENT_KINDS = ['agenda', 'report', 'minutes', 'decision-notice', 'annex'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Public, or exempt under a paragraph of Schedule 12A: exempt documents never reach the public. */
export const DOCUMENT_VISIBILITIES = ['public', 'exempt'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

/**
 * A document as published: what it is, its content's SHA-256 and size (the content itself may be
 * stored beside the ledger, addressed by that hash), when it was published, who may see it, and
 * the meeting, agenda item or decision it belongs to.
 */
export type DocumentEvent = DomainEvent<
  'DocumentRecorded',
  {
    documentId: string;
    title: string;
    kind: DocumentKind;
    mediaType: string;
    sha256: string;
    size: number;
    publishedAt: string;
    visibility: DocumentVisibility;
    /** The paragraph of Schedule 12A (1 to 7), for an exempt document. */
    exemptParagraph?: number;
    meetingId?: string;
    itemId?: string;
    proposalId?: string;
    decisionId?: string;
  }
>;

/** What fields of a document's entry may hold beyond their kind (checked on a correction: shared/field-values.ts). */
export const DOCUMENT_FIELD_VALUES: FieldValues<DocumentEvent> = {
  DocumentRecorded: {
    kind: oneOf(DOCUMENT_KINDS),
    visibility: oneOf(DOCUMENT_VISIBILITIES),
    exemptParagraph: orNull(oneOf(SCHEDULE_12A_PARAGRAPHS)), // null takes it out: public after all
    size: wholeNumber(0),
    publishedAt: DATE,
  },
};
