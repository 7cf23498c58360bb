import { HttpException } from '@nestjs/common';
import { DOMAIN_RULES, DomainRuleViolation } from '@ledger/domain';
import {
  EventStoreError,
  IdempotencyKeyReused,
  InvalidInput,
  StorageFull,
  WrongExpectedRevision,
  type SchemaTooNew,
  type StoreClosed,
} from '@ledger/event-store';
import { MissingNode, REPAIR_COMMAND } from '@ledger/integrity';
import { NotFoundError, ProjectionTimeout, ProposalNotFound } from '@ledger/projections';
import { StaleRevision } from '@ledger/recording';

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
  'request-timeout': { title: 'The request took too long to arrive', status: 408 },
  conflict: { title: 'The record changed since it was read', status: 409 },
  'precondition-failed': { title: 'If-Match does not match the current revision', status: 412 },
  'payload-too-large': { title: 'The request body is too large', status: 413 },
  'uri-too-long': { title: 'The URL is too long', status: 414 },
  'unsupported-media-type': { title: 'Send application/json', status: 415 },
  'idempotency-key-reused': { title: 'This Idempotency-Key was used with another request', status: 422 },
  'content-mismatch': {
    title: "The content's SHA-256 or size is not the one its document records",
    status: 422,
  },
  'rate-limited': { title: 'Too many requests', status: 429 },
  'headers-too-large': { title: 'The request headers are too large', status: 431 },
  'not-ready': { title: 'The read models have not caught up yet', status: 503 },
  'service-not-ready': { title: 'The service is not ready: a check is down', status: 503 },
  'service-unhealthy': { title: 'The service is not healthy: a check is down', status: 503 },
  'integrity-damaged': {
    title: "The ledger's Merkle log is damaged: no tree head or proof can be given",
    status: 503,
  },
  'ledger-tampered': {
    title: 'The ledger does not verify: nothing is recorded or signed until it is mended',
    status: 503,
  },
  'storage-full': { title: "The ledger's storage is full: nothing was written", status: 507 },
  'internal-error': { title: 'Something went wrong on our side', status: 500 },
};

/**
 * Problems the event store raises, by their stable codes. A request that passed validation should
 * never meet the input ones; they are listed so that every code the service can answer is in
 * `/problems`. Typed by the store's own unions, so a new code there must be added here.
 */
export const STORE_PROBLEMS: Record<
  InvalidInput['code'] | SchemaTooNew['code'] | StoreClosed['code'],
  { title: string; status: number }
> = {
  'invalid-expected-revision': { title: 'The expected revision is not valid', status: 400 },
  'invalid-event-id': { title: 'An event id is not a UUID', status: 400 },
  'empty-batch': { title: 'Nothing to store', status: 400 },
  'event-too-large': { title: 'The entry is larger than the ledger accepts', status: 400 },
  'data-not-json': { title: 'The entry is not plain JSON', status: 400 },
  'invalid-stream-name': { title: 'The record name is not valid', status: 400 },
  'invalid-event-type': { title: 'The event type is not valid', status: 400 },
  'invalid-metadata': {
    title: 'When it happened, who recorded it or its source is missing or not valid',
    status: 400,
  },
  'duplicate-event-id': { title: 'An event id is already stored with other content', status: 400 },
  'invalid-read-option': { title: 'A read option is not valid', status: 400 },
  'invalid-parts': { title: 'An append to several streams names no stream, or one twice', status: 400 },
  'hash-mismatch': { title: 'An imported event does not hash to its stored hash', status: 400 },
  'chain-break': { title: 'An imported event does not chain to the one before it', status: 400 },
  'recorded-out-of-order': { title: 'Imported events are not in recorded order', status: 400 },
  'schema-too-new': { title: 'The store was written by a newer version of the ledger', status: 503 },
  'store-closed': { title: 'The event store is closed', status: 503 },
};

/** A problem the HTTP layer raises itself. */
export class ProblemException extends Error {
  constructor(
    readonly code: keyof typeof HTTP_PROBLEMS,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

const STATUS_OF_RULE: Partial<Record<keyof typeof DOMAIN_RULES, number>> = {
  'not-found': 404,
  'already-exists': 409,
  'double-vote': 409,
};

/**
 * Every problem the service can answer, each code once: the domain's rules (`not-found` among
 * them, 404), then the HTTP layer's and the store's that are not rules.
 */
export const PROBLEM_TYPES: Array<{
  type: string;
  code: string;
  kind: 'domain-rule' | 'http';
  status: number;
  description: string;
}> = [
  ...Object.entries(DOMAIN_RULES).map(([code, description]) => ({
    type: `/problems/${code}`,
    code,
    kind: 'domain-rule' as const,
    status: STATUS_OF_RULE[code as keyof typeof DOMAIN_RULES] ?? 422,
    description,
  })),
  ...Object.entries({ ...HTTP_PROBLEMS, ...STORE_PROBLEMS })
    .filter(([code]) => !(code in DOMAIN_RULES))
    .map(([code, p]) => ({
      type: `/problems/${code}`,
      code,
      kind: 'http' as const,
      status: p.status,
      description: p.title,
    })),
];

export function problemType(code: string): string {
  return `/problems/${code}`;
}

function make(
  code: string,
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
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
    return make(error.rule, STATUS_OF_RULE[error.rule] ?? 422, DOMAIN_RULES[error.rule], error.message, {
      rule: error.rule,
    });
  }
  // One mapping for a revision that did not match: the caller's own If-Match was stale (412), or
  // a write lost a race on a revision the service read itself and could not retry (409).
  if (error instanceof StaleRevision) {
    return make('precondition-failed', 412, HTTP_PROBLEMS['precondition-failed'].title, error.message, {
      stream: error.stream,
      expectedRevision: error.expected,
      actualRevision: error.actual,
    });
  }
  if (error instanceof WrongExpectedRevision) {
    return make('conflict', 409, HTTP_PROBLEMS.conflict.title, error.message, {
      stream: error.stream,
      expectedRevision: error.expected,
      actualRevision: error.actual,
    });
  }
  if (error instanceof InvalidInput) {
    return make(error.code, 400, STORE_PROBLEMS[error.code].title, error.message, {
      errors: [{ field: error.field, messages: [error.message] }],
    });
  }
  if (error instanceof NotFoundError || error instanceof ProposalNotFound)
    return make('not-found', 404, HTTP_PROBLEMS['not-found'].title, error.message);
  if (error instanceof ProjectionTimeout)
    return make('not-ready', 503, HTTP_PROBLEMS['not-ready'].title, error.message);
  // A Merkle node or table gone under the running service: say so (as /ready does), not 500.
  if (
    error instanceof MissingNode ||
    /no such table: (main\.)?merkle_/.test(String((error as Error)?.message))
  ) {
    return make(
      'integrity-damaged',
      503,
      HTTP_PROBLEMS['integrity-damaged'].title,
      `${(error as Error).message}. The events are the source of truth: stop the service and run \`${REPAIR_COMMAND}\` to rebuild the Merkle log from them`,
    );
  }
  if (error instanceof StorageFull)
    return make(error.code, 507, HTTP_PROBLEMS[error.code].title, error.message);
  if (error instanceof IdempotencyKeyReused)
    return make(error.code, 422, HTTP_PROBLEMS[error.code].title, error.message);
  if (error instanceof EventStoreError) {
    const known = STORE_PROBLEMS[error.code as keyof typeof STORE_PROBLEMS];
    return make(
      known ? error.code : 'internal-error',
      known?.status ?? 503,
      known?.title ?? 'The event store cannot take this now',
      error.message,
    );
  }
  const fastifyCode = (error as { code?: string })?.code;
  if (typeof fastifyCode === 'string' && FASTIFY_CODES[fastifyCode]) {
    const code = FASTIFY_CODES[fastifyCode];
    return make(code, HTTP_PROBLEMS[code].status, HTTP_PROBLEMS[code].title, (error as Error).message);
  }
  if (error instanceof SyntaxError || (error as { type?: string })?.type === 'entity.parse.failed') {
    return make(
      'malformed-request',
      400,
      HTTP_PROBLEMS['malformed-request'].title,
      'The body is not valid JSON',
    );
  }
  // Our own refusals by role are ProblemExceptions (above). Any other 403 is the static file
  // server refusing a path outside its folder (../): for the caller that file does not exist.
  const refused =
    error instanceof HttpException
      ? error.getStatus()
      : Number((error as { statusCode?: number })?.statusCode);
  if (refused === 403)
    return make('not-found', 404, HTTP_PROBLEMS['not-found'].title, 'There is no file at this path');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code =
      {
        400: 'malformed-request',
        401: 'unauthorized',
        403: 'forbidden',
        404: 'not-found',
        405: 'method-not-allowed',
        413: 'payload-too-large',
        415: 'unsupported-media-type',
        429: 'rate-limited',
      }[status] ?? (status >= 500 ? 'internal-error' : 'malformed-request');
    const title = HTTP_PROBLEMS[code]?.title ?? 'Error';
    return make(code, status, title, status >= 500 ? title : error.message);
  }
  const status = Number((error as { statusCode?: number })?.statusCode);
  if (status >= 400 && status < 500)
    return make(
      'malformed-request',
      status,
      HTTP_PROBLEMS['malformed-request'].title,
      (error as Error).message,
    );
  return make(
    'internal-error',
    500,
    HTTP_PROBLEMS['internal-error'].title,
    'The error was logged with the request correlation id',
  );
}
