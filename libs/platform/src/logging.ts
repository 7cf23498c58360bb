import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { pino, type DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LedgerConfig } from './ledger-config';

export const CORRELATION_HEADER = 'x-correlation-id';
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's correlation id if it is well-formed, else a new one. Fastify uses it as the
 * request id, the logs carry it, events recorded by the request carry it, and the response echoes it.
 */
export function correlationIdFor(req: Pick<IncomingMessage, 'headers'>): string {
  const given = req.headers[CORRELATION_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}

/** The headers a log line may show: none of them carries a credential. */
const LOGGED_HEADERS = [
  'host',
  'user-agent',
  'accept',
  'content-type',
  'content-length',
  'referer',
  'x-forwarded-for',
];

/** What pino-http's own serializer makes of a request (pino-std-serializers). */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, unknown>;
  remoteAddress?: string;
  remotePort?: number;
}

export function loggedRequest(req: SerializedRequest) {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_HEADERS) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  return {
    id: req.id,
    method: req.method,
    url: req.url,
    headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/**
 * The answer's headers a log line shows: what it was and where it left the ledger. The security
 * headers, the same on every answer, were most of each line (about 900 of 1,360 bytes) and of the
 * CPU a request's logging took.
 */
const LOGGED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'location',
  'etag',
  'x-ledger-position',
  'idempotent-replayed',
  'retry-after',
];

/** What pino-http's own serializer makes of a response (pino-std-serializers). */
interface SerializedResponse {
  statusCode: number;
  headers: Record<string, unknown>;
}

export function loggedResponse(res: SerializedResponse) {
  const headers: Record<string, unknown> = {};
  for (const name of LOGGED_RESPONSE_HEADERS)
    if (res.headers?.[name] !== undefined) headers[name] = res.headers[name];
  return { statusCode: res.statusCode, headers };
}

/** Logs one request (pino-http): call it as the request arrives; it logs when the answer is sent. */
export type RequestLogger = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The service's logging: Nest's logger and the request logger, on one pino logger. */
export interface Logging {
  /** For LoggerModule.forRoot: Nest's own lines (and the services') go through the one logger. */
  params: Params;
  logRequest: RequestLogger;
}

/**
 * One pino logger for everything. Requests are logged by a hook the HTTP app installs
 * (createHttpApp), not by nestjs-pino's middleware: that ran each request through Nest's
 * middleware layer and an AsyncLocalStorage context, about a third of the CPU of a public read,
 * for log context no request-time line needs (the two that log during a request name its
 * correlation id themselves). `destination` is for the specs.
 */
export function createLogging(config: LedgerConfig, destination?: DestinationStream): Logging {
  const options = {
    level: config.LOG_LEVEL,
    transport:
      config.logFormat === 'pretty' && !destination
        ? { target: 'pino-pretty', options: { singleLine: true } }
        : undefined,
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // useExisting: nestjs-pino makes no pino-http of its own; no route gets its middleware.
  const params: Params = { pinoHttp: { logger }, useExisting: true, forRoutes: [] };
  // pino-http writes each request's line at info (errors too: no customLogLevel is given; one
  // that logs 5xx at error would need this skip changed): at a level above, it would still make
  // two child loggers a request (serializing the request into them) for a line never written.
  if (!logger.isLevelEnabled('info')) return { params, logRequest: skipLogging };
  const logRequest = pinoHttp({
    logger,
    genReqId: (req) => req.id ?? correlationIdFor(req),
    customAttributeKeys: { reqId: 'correlationId' },
    // Only the request's parts named here are logged: no token or session cookie can reach the
    // logs, whatever header carries it. Picking them costs less than redacting a copy of all. The
    // answer's likewise: its status and the few headers that say what it was.
    serializers: { req: loggedRequest, res: loggedResponse },
  });
  return { params, logRequest };
}

const skipLogging: RequestLogger = (_req, _res, next) => next();

/** The request logger, as a provider: the HTTP app installs it (createHttpApp). */
export class RequestLogging {
  constructor(readonly log: RequestLogger) {}
}
