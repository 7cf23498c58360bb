import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsNotEmpty, IsString, IsUrl, MaxLength, ValidateNested, IsOptional } from 'class-validator';

export class SourceDto {
  @ApiProperty({ description: 'What the entry comes from', example: 'minutes', maxLength: 64 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  kind!: string;

  @ApiProperty({ description: 'The document and passage', example: 'PCC meeting minutes, item 3', maxLength: 1024 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  reference!: string;

  @ApiPropertyOptional({ description: 'Where to read it', example: 'https://example.org/minutes.pdf', format: 'uri' })
  @IsOptional()
  @IsUrl({ require_protocol: true })
  url?: string;
}

/** What every entry carries besides the command: when it happened and its source. */
export class RecordingEnvelopeDto {
  @ApiProperty({ description: 'When it happened in the world (may be in the past; never in the future)', example: '2013-01-31', format: 'date-time' })
  @IsISO8601({ strict: true })
  occurredAt!: string;

  @ApiProperty({ type: () => SourceDto })
  @ValidateNested()
  @Type(() => SourceDto)
  source!: SourceDto;
}

export const ENVELOPE_FIELDS = ['occurredAt', 'source'] as const;
