import { applyDecorators, HttpCode, Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOperation,
  IntersectionType,
  OmitType,
} from '@nestjs/swagger';
import { COMMAND_DTOS } from '@ledger/recording';
import { Roles } from '../auth/caller';
import { ApiProblems, ProblemDto } from '../problems/problem.dto';
import { RecordResponseDto } from './record-response.dto';
import { RecordingEnvelopeDto } from './recording-envelope.dto';

type CommandType = keyof typeof COMMAND_DTOS;
const bodies = new Map<string, Type>();

/** The request body of a write: the command's fields less those in the path, plus occurredAt and source. */
export function requestBodyFor(type: CommandType, pathParams: readonly string[]): Type {
  const name = `${type}Request`;
  let body = bodies.get(name);
  if (!body) {
    const dto = COMMAND_DTOS[type] as Type;
    body = IntersectionType(
      pathParams.length ? OmitType(dto, pathParams as never[]) : dto,
      RecordingEnvelopeDto,
    ) as Type;
    Object.defineProperty(body, 'name', { value: name });
    bodies.set(name, body);
  }
  return body;
}

/** A write route: clerks only, 201 with what was written, and its contract in the OpenAPI document. */
export function RecordRoute(type: CommandType, summary: string, pathParams: readonly string[] = []) {
  return applyDecorators(
    Roles('clerk'),
    HttpCode(201),
    ApiOperation({ operationId: type[0].toLowerCase() + type.slice(1), summary }),
    ApiBearerAuth(),
    ApiExtraModels(ProblemDto),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'A retry with the same key returns the first response and records nothing new',
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The stream revision last seen (the ETag); a stale one answers 412',
    }),
    ApiBody({ type: requestBodyFor(type, pathParams) }),
    ApiCreatedResponse({
      type: RecordResponseDto,
      description: 'Recorded',
      headers: { ETag: { description: 'The stream revision', schema: { type: 'string' } } },
    }),
    ApiProblems(400, 401, 403, 404, 409, 412, 413, 422, 429, 503),
  );
}
