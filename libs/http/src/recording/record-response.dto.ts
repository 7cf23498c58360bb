import { ApiProperty } from '@nestjs/swagger';

export class RecordedEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() type!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'SHA-256 of the canonical event' }) hash!: string;
}

/** What a write answers: the events written, the stream revision (also the ETag) and the global position. */
export class RecordResponseDto {
  @ApiProperty({ example: 'proposal-g4s-back-office' }) stream!: string;
  @ApiProperty({ description: 'The stream revision after the write; send it back as If-Match' })
  revision!: number;
  @ApiProperty({ description: 'Global position of the last event; pass as waitFor to read your write' })
  position!: number;
  @ApiProperty({ type: [RecordedEventDto] }) events!: RecordedEventDto[];
  @ApiProperty({ description: 'True when this answers a retried request that was already recorded' })
  replayed!: boolean;
}
