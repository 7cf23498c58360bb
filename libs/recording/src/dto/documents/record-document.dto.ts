import { DOCUMENT_KINDS, DOCUMENT_VISIBILITIES } from '../shared/domain-values';
import {
  DateField,
  EnumField,
  IdField,
  IntField,
  MediaTypeField,
  Sha256Field,
  TextField,
} from '../shared/fields';
import type { Assert, CommandData, SameShape } from '../shared/type-checks';

/**
 * Records a published document (an agenda, a report, minutes, a decision notice, an annex) by its
 * content's SHA-256 and size; the content itself is then uploaded to PUT /documents/{id}/content,
 * which accepts only bytes with that hash and size.
 */
export class RecordDocumentDto {
  @IdField({ description: 'The id of the document.', example: 'pcp-2013-02-item-5-report' })
  documentId!: string;

  @TextField({
    description: 'Its title as published.',
    example: 'Proposed precept 2013/14: report of the PCC',
  })
  title!: string;

  @EnumField(DOCUMENT_KINDS, 'DocumentKind', { description: 'What it is.', example: 'report' })
  kind!: (typeof DOCUMENT_KINDS)[number];

  @MediaTypeField({ description: 'Its media type.', example: 'application/pdf' })
  mediaType!: string;

  @Sha256Field({
    description: 'The SHA-256 of its content (64 lower-case hex digits).',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  sha256!: string;

  @IntField(
    { description: 'The size of its content, in bytes.', example: 482_113 },
    0,
    Number.MAX_SAFE_INTEGER,
  )
  size!: number;

  @DateField({ description: 'When it was published.', example: '2013-01-30' })
  publishedAt!: string;

  @EnumField(DOCUMENT_VISIBILITIES, 'DocumentVisibility', {
    description: 'Public, or exempt under a paragraph of Schedule 12A (never shown to the public).',
    example: 'public',
  })
  visibility!: (typeof DOCUMENT_VISIBILITIES)[number];

  @IntField(
    {
      description: 'The paragraph of Schedule 12A (1 to 7): required when exempt.',
      example: 3,
      optional: true,
    },
    1,
    7,
  )
  exemptParagraph?: number;

  @IdField({ description: 'The meeting it belongs to.', example: 'pcp-herts-2013-02', optional: true })
  meetingId?: string;

  @IdField({ description: 'The agenda item of that meeting.', example: 'item-5', optional: true })
  itemId?: string;

  @IdField({ description: 'The proposal it concerns.', example: 'herts-support-services', optional: true })
  proposalId?: string;

  @IdField({ description: 'The decision of that proposal.', example: 'herts-2013-03', optional: true })
  decisionId?: string;
}

type _Matches = Assert<SameShape<RecordDocumentDto, CommandData<'RecordDocument'>>>;
