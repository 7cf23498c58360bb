import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_ENTITIES } from '@ledger/projections';
import { APPROXIMATE, NEXT, PRECISION, SOURCES, SourceDto } from './common.dto';

const DATA = {
  type: 'object',
  additionalProperties: true,
  description:
    "The event's data, as recorded. The public's copy leaves out exempt fields and the ids of decisions it may not see: `withheldDecisionCount` says how many a list of `decisionIds` left out",
} as const;
const RECORDED_BY = {
  description: 'Who recorded it: shown to clerks and auditors only',
  example: 'clerk:town-clerk',
} as const;

/** A correction or retraction, shown beside the event it names. */
export class CorrectionEntryDto {
  @ApiProperty({ example: '01a241f2-f700-7000-8000-000000000001' }) eventId!: string;
  @ApiProperty({ enum: ['EventCorrected', 'EventRetracted'], example: 'EventCorrected' }) type!: string;
  @ApiProperty({ example: '2013-02-05T09:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ example: '2013-02-05T09:15:00.000Z' }) recordedAt!: string;
  @ApiPropertyOptional(RECORDED_BY) recordedBy?: string;
  @ApiProperty(DATA) data!: Record<string, unknown>;
  @ApiProperty({ type: SourceDto }) source!: SourceDto;
  @ApiProperty(SOURCES) sources!: SourceDto[];
}

/** One event of the audit trail: what was recorded, when, by whom, on what source, and its hashes. */
export class AuditEntryDto {
  @ApiProperty({ description: 'Global position in the ledger', example: 11 }) position!: number;
  @ApiProperty({ example: '01a241f2-f5d3-7079-a7c2-4bbc1a72a7a0' }) eventId!: string;
  @ApiProperty({ example: 'proposal-g4s-back-office' }) stream!: string;
  @ApiProperty({ example: 0 }) revision!: number;
  @ApiProperty({ example: 'ProposalTabled' }) type!: string;
  @ApiProperty({ example: 2 }) schemaVersion!: number;
  @ApiProperty({
    description: 'When it happened, as given: 2012, 2012-03, 2012-03-01 or a timestamp',
    example: '2012',
  })
  occurredAt!: string;
  @ApiProperty(PRECISION) occurredAtPrecision!: string;
  @ApiProperty(APPROXIMATE) occurredAtApproximate!: boolean;
  @ApiProperty({ example: '2012-03-01T10:00:00.000Z' }) recordedAt!: string;
  @ApiPropertyOptional(RECORDED_BY) recordedBy?: string;
  @ApiPropertyOptional({
    description: 'The request that recorded it: clerks and auditors only',
    example: '902d9bf9-116c-48de-809b-50120f1ca3e3',
  })
  correlationId?: string;
  @ApiProperty({ type: SourceDto }) source!: SourceDto;
  @ApiProperty(SOURCES) sources!: SourceDto[];
  @ApiProperty(DATA) data!: Record<string, unknown>;
  @ApiProperty({ example: '7a7c88e63cfee7b7c4f9bda5631f153cfab3d3e741ed68f12bf1d75888e94a18' }) hash!: string;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The previous event of the stream; null for its first',
    example: null,
  })
  prevHash!: string | null;
  @ApiProperty({ type: [CorrectionEntryDto] }) correctedBy!: CorrectionEntryDto[];
}

export class AuditPageDto {
  @ApiProperty({ enum: [...AUDIT_ENTITIES], example: 'proposal' })
  entity!: string;
  @ApiProperty({ example: 'g4s-back-office' }) id!: string;
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiPropertyOptional({ ...NEXT, example: '12' }) next?: string;
}
