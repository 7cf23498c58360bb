import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

export class InclusionQueryDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() eventId!: string;
  @ApiPropertyOptional({
    description: 'The tree size of the checkpoint you hold; defaults to the latest',
    minimum: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize?: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ description: 'The tree size of your older checkpoint', minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;
  @ApiPropertyOptional({ description: 'The newer tree size; defaults to the latest', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}
