import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { DOCUMENT_KINDS, DOCUMENT_VISIBILITIES } from '@ledger/recording';
import { CutQueryDto } from '../reading-query.dto';

/** A document's record. Exempt documents (and those of private meetings) are never shown to the public. */
export class DocumentDto {
  @ApiProperty({ example: 'pcp-2013-02-item-5-report' }) documentId!: string;
  @ApiProperty({ example: 'Proposed precept 2013/14: report of the PCC' }) title!: string;
  @ApiProperty({ enum: DOCUMENT_KINDS, enumName: 'DocumentKind', example: 'report' }) kind!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256!: string;
  @ApiProperty({ description: 'Bytes', example: 482113 }) size!: number;
  @ApiProperty({ example: '2013-01-30' }) publishedAt!: string;
  @ApiProperty({ enum: DOCUMENT_VISIBILITIES, enumName: 'DocumentVisibility', example: 'public' })
  visibility!: string;
  @ApiPropertyOptional({ description: 'The paragraph of Schedule 12A (1 to 7), when exempt', example: 3 })
  exemptParagraph?: number;
  @ApiPropertyOptional({ example: 'pcp-herts-2013-02' }) meetingId?: string;
  @ApiPropertyOptional({ example: 'item-5' }) itemId?: string;
  @ApiPropertyOptional({ example: 'herts-support-services' }) proposalId?: string;
  @ApiPropertyOptional({ example: 'herts-2013-03' }) decisionId?: string;
  @ApiProperty({
    description: 'Whether its content has been uploaded (GET /documents/{documentId}/content serves it)',
    example: true,
  })
  contentStored!: boolean;
}

/** A document is read as it stands now: only waiting for the caller's own write. */
export class DocumentQueryDto extends PickType(CutQueryDto, ['waitFor'] as const) {}
