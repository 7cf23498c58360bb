import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsObject,
  IsOptional,
  IsUrl,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { DateField, OccurredAtField, TextField } from '@ledger/recording';

/** One source an entry cites; the fields after `url` make a citation checkable. */
export class SourceDto {
  @TextField({ description: 'What the entry comes from', example: 'minutes' }, 64)
  kind!: string;

  @TextField({ description: 'The document and passage', example: 'PCC meeting minutes, item 3' }, 1024)
  reference!: string;

  @ApiPropertyOptional({
    description: 'Where to read it',
    example: 'https://example.org/minutes.pdf',
    format: 'uri',
  })
  @IsOptional()
  @IsUrl({ require_protocol: true }, { message: 'url must be an absolute URL (https://…)' })
  url?: string;

  @TextField(
    {
      description: 'The exact words of the source the entry relies on',
      example: 'discontinued negotiations',
      optional: true,
    },
    10_000,
  )
  quote?: string;

  // The ledger's one date rule: a real date, or a date-time with a real offset.
  @DateField({ description: 'When the source was read.', example: '2014-03-02', optional: true })
  accessedAt?: string;

  @ApiPropertyOptional({
    description: 'SHA-256 of the source as read: 64 lower-case hex digits',
    pattern: '^[0-9a-f]{64}$',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'contentHash must be a SHA-256: 64 lower-case hex digits' })
  contentHash?: string;
}

/** Entries cite at most this many sources (the first and up to 31 more, as stored). */
export const MAX_SOURCES = 32;

/** What every entry carries besides the command: when it happened and its sources. */
export class RecordingEnvelopeDto {
  @OccurredAtField({
    description: 'When it happened in the world (may be in the past; never in the future).',
    example: '2013-01-31',
  })
  occurredAt!: string;

  @ApiPropertyOptional({
    description: 'The date is approximate: the source gives no exact date ("early 2013" given as 2013).',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  occurredAtApproximate?: boolean;

  @ApiPropertyOptional({
    type: () => SourceDto,
    description: 'Where the entry comes from: one source (shorthand for `sources` with one item).',
  })
  // Without IsDefined an absent source passes validation (ValidateNested skips undefined) and only the store refuses it.
  @ValidateIf(
    (envelope: RecordingEnvelopeDto) => envelope.sources === undefined || envelope.source !== undefined,
  )
  @IsDefined({
    message:
      'source is required: { kind, reference, url? } saying where the entry comes from (or give sources)',
  })
  @ValidateNested()
  @Type(() => SourceDto)
  source?: SourceDto;

  @ApiPropertyOptional({
    type: () => [SourceDto],
    description:
      'Every source the entry cites (the same fact from two reports cites both); with `source`, that one comes first.',
    maxItems: MAX_SOURCES,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SOURCES)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}
