import type { DomainEvent } from '../shared/decider';

/** What a document of a meeting or a decision is. */
export type DocumentKind = 'agenda' | 'report' | 'minutes' | 'decision-notice' | 'annex';

/** Public, or exempt under a paragraph of Schedule 12A: exempt documents never reach the public. */
export type DocumentVisibility = 'public' | 'exempt';

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
