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

export function loggerParams(config: LedgerConfig): Params {
  return {
    // Nest 11's path syntax: '*' alone no longer matches every route.
    forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req) => req.id ?? correlationIdFor(req),
      customAttributeKeys: { reqId: 'correlationId' },
      // Tokens never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      transport:
        config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
    },
  };
}
