import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsUrl, ValidateNested } from 'class-validator';
import { DateField, TextField } from '@ledger/recording';

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
  @IsUrl({ require_protocol: true })
  url?: string;
}

/** What every entry carries besides the command: when it happened and its source. */
export class RecordingEnvelopeDto {
  @DateField({
    description: 'When it happened in the world (may be in the past; never in the future).',
    example: '2013-01-31',
  })
  occurredAt!: string;

  @ApiProperty({
    type: () => SourceDto,
    description: 'Where the entry comes from: every entry carries its source.',
  })
  // Without this an absent source passes validation (ValidateNested skips undefined) and only the store refuses it.
  @IsDefined({ message: 'source is required: { kind, reference, url? } saying where the entry comes from' })
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}
