import { HttpException } from '@nestjs/common';
import { DOMAIN_RULES, DomainRuleViolation } from '@ledger/domain';
import { EventStoreError, IdempotencyKeyReused, InvalidInput, StorageFull, WrongExpectedRevision } from '@ledger/event-store';
import { MissingNode, REPAIR_COMMAND } from '@ledger/integrity';
import { NotFoundError, ProjectionTimeout, ProposalNotFound } from '@ledger/projections';

/** RFC 9457 problem details. `type` is stable per kind of problem; `/problems/{code}` describes it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  /** Every bad field, for validation problems. */
  errors?: Array<{ field: string; messages: string[] }>;
  [extension: string]: unknown;
}

/** Problems of the HTTP layer itself; the domain's rules come from DOMAIN_RULES. */
export const HTTP_PROBLEMS: Record<string, { title: string; status: number }> = {
  'validation-failed': { title: 'The request is not valid', status: 400 },
  'malformed-request': { title: 'The request could not be read', status: 400 },
  unauthorized: { title: 'A valid bearer token is required', status: 401 },
  forbidden: { title: 'This role may not do this', status: 403 },
  'not-found': { title: 'Not found', status: 404 },
  'method-not-allowed': { title: 'Method not allowed', status: 405 },
  conflict: { title: 'The record changed since it was read', status: 409 },
  'precondition-failed': { title: 'If-Match does not match the current revision', status: 412 },
  'payload-too-large': { title: 'The request body is too large', status: 413 },
  'unsupported-media-type': { title: 'Send application/json', status: 415 },
  'idempotency-key-reused': { title: 'This Idempotency-Key was used with another request', status: 422 },
  'rate-limited': { title: 'Too many requests', status: 429 },
  'not-ready': { title: 'The read models have not caught up yet', status: 503 },
  'service-not-ready': { title: 'The service is not ready: a check is down', status: 503 },
  'service-unhealthy': { title: 'The service is not healthy: a check is down', status: 503 },
  'integrity-damaged': { title: "The ledger's Merkle log is damaged: no tree head or proof can be given", status: 503 },
  'storage-full': { title: "The ledger's storage is full: nothing was written", status: 507 },
  'internal-error': { title: 'Something went wrong on our side', status: 500 },
};

/** A problem the HTTP layer raises itself. */
export class ProblemException extends Error {
  constructor(
    readonly code: keyof typeof HTTP_PROBLEMS | string,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const STATUS_OF_RULE: Partial<Record<keyof typeof DOMAIN_RULES, number>> = { 'not-found': 404, 'already-exists': 409, 'double-vote': 409 };

export function problemType(code: string): string {
  return `/problems/${code}`;
}

function make(code: string, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  return { type: problemType(code), title, status, detail, code, ...extra };
}

const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-request',
  FST_ERR_BAD_URL: 'malformed-request',
  FST_ERR_MAX_PARAM_LENGTH: 'malformed-request',
};

/** The one mapping from an error to what the client sees. Unknown errors never show their stack or message. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ProblemException) {
    const known = HTTP_PROBLEMS[error.code] ?? HTTP_PROBLEMS['internal-error'];
    return make(error.code, known.status, known.title, error.message, error.extensions);
  }
  if (error instanceof DomainRuleViolation) {
    return make(error.rule, STATUS_OF_RULE[error.rule] ?? 422, DOMAIN_RULES[error.rule], error.message, { rule: error.rule });
  }
  if (error instanceof WrongExpectedRevision) {
    return make('conflict', 409, HTTP_PROBLEMS.conflict.title, error.message, { stream: error.stream, expectedRevision: error.expected, actualRevision: error.actual });
  }
  if (error instanceof InvalidInput) {
    return make(error.code, 400, 'The entry cannot be stored as given', error.message, { errors: [{ field: error.field, messages: [error.message] }] });
  }
  if (error instanceof NotFoundError || error instanceof ProposalNotFound) return make('not-found', 404, HTTP_PROBLEMS['not-found'].title, error.message);
  if (error instanceof ProjectionTimeout) return make('not-ready', 503, HTTP_PROBLEMS['not-ready'].title, error.message);
  // A Merkle node or table gone under the running service: say so (as /ready does), not 500.
  if (error instanceof MissingNode || /no such table: (main\.)?merkle_/.test(String((error as Error)?.message))) {
    return make('integrity-damaged', 503, HTTP_PROBLEMS['integrity-damaged'].title, `${(error as Error).message}. The events are the source of truth: stop the service and run \`${REPAIR_COMMAND}\` to rebuild the Merkle log from them`);
  }
  if (error instanceof StorageFull) return make(error.code, 507, HTTP_PROBLEMS[error.code].title, error.message);
  if (error instanceof IdempotencyKeyReused) return make(error.code, 422, HTTP_PROBLEMS[error.code].title, error.message);
  if (error instanceof EventStoreError) return make(error.code, 503, 'The event store cannot take this now', error.message);
  const fastifyCode = (error as { code?: string })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return make(code, HTTP_PROBLEMS[code].status, HTTP_PROBLEMS[code].title, (error as Error).message);
  }
  if (error instanceof SyntaxError || (error as { type?: string })?.type === 'entity.parse.failed') {
    return make('malformed-request', 400, HTTP_PROBLEMS['malformed-request'].title, 'The body is not valid JSON');
  }
  // Our own refusals by role are ProblemExceptions (above). Any other 403 is the static file
  // server refusing a path outside its folder (../): for the caller that file does not exist.
  const refused = error instanceof HttpException ? error.getStatus() : Number((error as { statusCode?: number })?.statusCode);
  if (refused === 403) return make('not-found', 404, HTTP_PROBLEMS['not-found'].title, 'There is no file at this path');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      { 400: 'malformed-request', 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed', 413: 'payload-too-large', 415: 'unsupported-media-type', 429: 'rate-limited' }[status] ??
      (status >= 500 ? 'internal-error' : 'malformed-request');
    const title = HTTP_PROBLEMS[code]?.title ?? 'Error';
    return make(code, status, title, status >= 500 ? title : error.message);
  }
  const status = Number((error as { statusCode?: number })?.statusCode);
  if (status >= 400 && status < 500) return make('malformed-request', status, HTTP_PROBLEMS['malformed-request'].title, (error as Error).message);
  return make('internal-error', 500, HTTP_PROBLEMS['internal-error'].title, 'The error was logged with the request correlation id');
}
