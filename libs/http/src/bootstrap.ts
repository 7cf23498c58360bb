import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from '@fastify/helmet';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdFor, type LedgerConfig } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import { buildOpenApiDocument } from './openapi';
import { LedgerMetrics } from './operations/metrics';
import { longUrlProblem, problemForClientError, refuseLongUrl } from './problems/client-errors';
import { toProblem } from './problems/problem';

/** Builds the Fastify application the same way for the service and for the e2e tests. */
export async function createHttpApp(rootModule: Type | DynamicModule, config: LedgerConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.LEDGER_MAX_BODY_BYTES,
    genReqId: correlationIdFor,
    // Ids are up to 128 characters; percent-encoded they can take three times that.
    maxParamLength: 512,
    // A URL the router cannot read (bad percent-encoding) still answers problem+json.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // The router meets an over-long URL before any hook: it answers 414, without echoing it.
      const problem = longUrlProblem(request.url) ?? { ...toProblem(error), instance: request.url };
      void reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
    },
    // What Node's parser refuses (431, 414, 408) answers problem+json too.
    clientErrorHandler: problemForClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const origins = config.LEDGER_CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  app.enableCors({ origin: origins.length > 0 ? origins : false, exposedHeaders: ['etag', 'x-ledger-position', CORRELATION_HEADER] });
  await app.register(helmet as never, {
    // The docs page (Swagger UI) needs inline styles and scripts; everything else is JSON.
    // No upgrade-insecure-requests: over plain HTTP by a host name or LAN address it makes the
    // browser fetch /docs' scripts over HTTPS, which is not there, and the page stays blank.
    contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], scriptSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: any other body is refused with 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  const metrics = app.get(LedgerMetrics);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(CORRELATION_HEADER, request.id);
  });
  fastify.addHook('onRequest', refuseLongUrl);
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.requests.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    if (reply.statusCode === 409 || reply.statusCode === 412) metrics.conflicts.inc();
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
  return app;
}
