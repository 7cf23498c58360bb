import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
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

export function loggerParams(config: LedgerConfig): Params {
  return {
    // Nest 11's path syntax: '*' alone no longer matches every route.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req) => req.id ?? correlationIdFor(req),
      customAttributeKeys: { reqId: 'correlationId' },
      // Only the request's parts named here are logged: no token or session cookie can reach the
      // logs, whatever header carries it. Picking them costs less than redacting a copy of all.
      serializers: { req: loggedRequest },
      transport:
        config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
