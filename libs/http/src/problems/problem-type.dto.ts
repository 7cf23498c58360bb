import { ApiProperty } from '@nestjs/swagger';

/** What a problem `type` means: a rule of the domain or a problem of the HTTP layer. */
export class ProblemTypeDto {
  @ApiProperty({ example: '/problems/advisory-body-cannot-decide' }) type!: string;
  @ApiProperty({ example: 'advisory-body-cannot-decide' }) code!: string;
  @ApiProperty({ enum: ['domain-rule', 'http'], example: 'domain-rule' }) kind!: string;
  @ApiProperty({ description: 'The HTTP status it answers with', example: 422 }) status!: number;
  @ApiProperty({ example: 'An advisory body can recommend but never decide.' }) description!: string;
}
