import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import securityHeaders, { type HelmetOptions } from 'helmet';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdFor, type LedgerConfig } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import { Authenticator } from './auth/authenticator';
import { callerOf, installRequestAuthentication } from './auth/request-authentication';
import { parseJsonBody } from './problems/json-body';
import { buildOpenApiDocument } from './openapi';
import { LedgerMetrics } from './operations/metrics';
import { toProblem } from './problems/problem';

const HELMET: HelmetOptions = {
  // The docs page (Swagger UI) needs inline styles and scripts; everything else is JSON.
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
};
/** The same headers for the answers the router gives before any hook has run (a URL it cannot read). */
const applySecurityHeaders = securityHeaders(HELMET);

/** Builds the Fastify application the same way for the service and for the e2e tests. */
export async function createHttpApp(rootModule: Type | DynamicModule, config: LedgerConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.LEDGER_MAX_BODY_BYTES,
    // A request (headers and body) must arrive within this time: a body trickled a byte at a
    // time would otherwise hold its connection open for ever. Node checks it every second.
    requestTimeout: config.LEDGER_REQUEST_TIMEOUT_MS,
    http: { connectionsCheckingInterval: 1000, headersTimeout: Math.min(config.LEDGER_REQUEST_TIMEOUT_MS, 20_000) } as never,
    genReqId: correlationIdFor,
    // Ids are up to 128 characters; percent-encoded they can take three times that.
    maxParamLength: 512,
    // A URL the router cannot read (bad percent-encoding) still answers problem+json.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const problem = { ...toProblem(error), instance: request.url };
      applySecurityHeaders(request.raw, reply.raw, () => undefined);
      void reply.status(problem.status).header('content-type', 'application/problem+json').header('cache-control', 'no-store').send(problem);
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const origins = config.LEDGER_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.enableCors({ origin: origins.length > 0 ? origins : false, exposedHeaders: ['etag', 'x-ledger-position', CORRELATION_HEADER] });
  await app.register(helmet as never, HELMET as never);
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: any other body is refused with 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  // JSON as RFC 8259 requires it: UTF-8 refused when invalid, not stored as U+FFFD.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  const metrics = app.get(LedgerMetrics);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  installRequestAuthentication(fastify, app.get(Authenticator), app.get<ThrottlerStorage>(ThrottlerStorage), config);
  fastify.addHook('onSend', async (request, reply) => {
    // Nothing the ledger answers to a caller with credentials may be kept by a cache on the way;
    // what the public reads may be kept but must be checked again, as the ledger grows.
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', callerOf(request).role === 'public' && reply.statusCode < 400 ? 'no-cache' : 'private, no-store');
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode === 409 || reply.statusCode === 412) metrics.conflicts.inc();
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  return app;
}
