import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import { HTTP_PROBLEMS } from './problem';

class FieldProblemDto {
  @ApiProperty({ example: 'attendees[0].personId' }) field!: string;
  @ApiProperty({ type: [String] }) messages!: string[];
}

/** RFC 9457 problem details, as every error answers (application/problem+json). */
export class ProblemDto {
  @ApiProperty({
    example: '/problems/advisory-body-cannot-decide',
    description: 'Stable per kind of problem; GET it for a description',
  })
  type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiProperty({ description: 'The problem code: a domain rule or an HTTP problem' }) code!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
  @ApiPropertyOptional({
    description: 'The rule of the domain that refused the request',
    example: 'advisory-body-cannot-decide',
  })
  rule?: string;
  @ApiPropertyOptional({
    description: 'A conflict: the record that changed',
    example: 'proposal-g4s-back-office',
  })
  stream?: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'integer' }, { type: 'string' }],
    description: 'A conflict: the revision the request expected (a number, or no_stream / stream_exists)',
    example: 7,
  })
  expectedRevision?: number | string;
  @ApiPropertyOptional({ description: 'A conflict: the revision it found', example: 8 })
  actualRevision?: number;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every bad field is listed',
  401: 'No valid bearer token',
  403: 'The role may not do this',
  404: 'Not found (or not visible to this caller)',
  409: 'Conflict: already recorded, or the record changed meanwhile',
  412: 'If-Match does not match the current revision',
  413: 'Body too large',
  415: 'Not application/json',
  422: 'A rule of the domain refuses it, or an Idempotency-Key was reused',
  429: 'Rate limited',
  503: 'Not ready, or the ledger does not verify (nothing is recorded or signed until it is mended)',
};

/** Documents the problem responses a route can give. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description:
          DESCRIPTIONS[status] ?? Object.values(HTTP_PROBLEMS).find((p) => p.status === status)?.title,
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
      }),
    ),
  );
}
