import { UnsupportedMediaTypeException, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import securityHeaders, { type HelmetOptions } from 'helmet';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CORRELATION_HEADER, correlationIdFor, RequestLogging, type LedgerConfig } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import { Authenticator } from './auth/authenticator';
import { callerOf, installRequestAuthentication } from './auth/request-authentication';
import { parseJsonBody } from './problems/json-body';
import { installCompression } from './compression';
import { buildOpenApiDocument } from './openapi';
import { LedgerMetrics } from './operations/metrics';
import {
  longUrlProblem,
  MAX_URL_LENGTH,
  problemForClientError,
  refuseLongUrl,
} from './problems/client-errors';
import { toProblem } from './problems/problem';
import { startLogger } from './start-logger';
import { PublicAnswers } from './reading/public-answers';

const HELMET: HelmetOptions = {
  // The docs page (Swagger UI) needs inline styles and scripts; everything else is JSON.
  // No upgrade-insecure-requests: over plain HTTP by a host name or LAN address it makes the
  // browser fetch /docs' scripts over HTTPS, which is not there, and the page stays blank.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      scriptSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      upgradeInsecureRequests: null,
    },
  },
};
/** The same headers for the answers the router gives before any hook has run (a URL it cannot read). */
const applySecurityHeaders = securityHeaders(HELMET);

/** The route that takes document content as raw bytes (documents/documents.controller.ts). */
const DOCUMENT_CONTENT_ROUTE = '/documents/:documentId/content';

/** Builds the Fastify application the same way for the service and for the e2e tests. */
export async function createHttpApp(
  rootModule: Type | DynamicModule,
  config: LedgerConfig,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.LEDGER_MAX_BODY_BYTES,
    // A request (headers and body) must arrive within this time: a body trickled a byte at a
    // time would otherwise hold its connection open for ever. Node checks it every second.
    requestTimeout: config.LEDGER_REQUEST_TIMEOUT_MS,
    http: {
      connectionsCheckingInterval: 1000,
      headersTimeout: Math.min(config.LEDGER_REQUEST_TIMEOUT_MS, 20_000),
    },
    genReqId: correlationIdFor,
    // No path parameter is refused for its length by the router (its answer, malformed-request,
    // echoed the whole URL): each reaches its route, whose pipe names it (an id is at most 128
    // characters, IdParamPipe), however long. A URL is bounded as a whole, 414 over MAX_URL_LENGTH.
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    // A URL the router cannot read (bad percent-encoding) still answers problem+json.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      // The router meets an over-long URL before any hook: it answers 414, without echoing it.
      const problem = longUrlProblem(request.url) ?? { ...toProblem(error), instance: request.url };
      applySecurityHeaders(request.raw, reply.raw, () => undefined);
      void reply
        .status(problem.status)
        .header('content-type', 'application/problem+json')
        .header('cache-control', 'no-store')
        .send(problem);
    },
    // What Node's parser refuses (431, 414, 408) answers problem+json too.
    clientErrorHandler: problemForClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    bodyParser: false,
    // A failure to start (a ledger that does not verify) is thrown to the caller, which exits;
    // until pino takes over, Nest's own lines are JSON too when LOG_FORMAT=json (start-logger.ts).
    abortOnError: false,
    logger: startLogger(config),
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const origins = config.LEDGER_CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.enableCors({
    origin: origins.length > 0 ? origins : false,
    exposedHeaders: ['etag', 'x-ledger-position', CORRELATION_HEADER],
  });
  const fastify = app.getHttpAdapter().getInstance();
  // Every request is logged, those the hooks below refuse too, under its correlation id.
  const logRequest = app.get(RequestLogging).log;
  fastify.addHook('onRequest', (request, reply, done) => {
    request.raw.id = request.id;
    logRequest(request.raw, reply.raw, done);
  });
  // Helmet's headers on every answer, from its middleware made once: @fastify/helmet made it again
  // for every request (about 3% of a recorded vote's CPU went to building the same headers).
  fastify.addHook('onRequest', (request, reply, done) =>
    applySecurityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  // The API speaks JSON only: any other body is refused with 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  // JSON as RFC 8259 requires it: UTF-8 refused when invalid, not stored as U+FFFD.
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  // Document content is the one body of raw bytes, and the one allowed past LEDGER_MAX_BODY_BYTES:
  // its route alone takes application/octet-stream, up to LEDGER_DOCUMENT_MAX_BYTES.
  fastify.addHook('onRoute', (route) => {
    if (route.method === 'PUT' && route.url === DOCUMENT_CONTENT_ROUTE)
      route.bodyLimit = config.LEDGER_DOCUMENT_MAX_BYTES;
  });
  fastify.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (request, body, done) =>
    request.routeOptions.url === DOCUMENT_CONTENT_ROUTE
      ? done(null, body)
      : done(
          new UnsupportedMediaTypeException(
            'application/octet-stream is taken only by PUT /documents/{documentId}/content; send application/json',
          ),
          undefined,
        ),
  );
  // Every answer after this compressed for a client that asks, but a document's bytes.
  await installCompression(fastify);
  const metrics = app.get(LedgerMetrics);
  // The hooks every request passes through take `done` rather than return a promise when they
  // have nothing to wait for: a promise per hook per request was a measurable share of a read.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(CORRELATION_HEADER, request.id);
    refuseLongUrl(request, reply, done);
  });
  installRequestAuthentication(
    fastify,
    app.get(Authenticator),
    app.get<ThrottlerStorage>(ThrottlerStorage),
    config,
  );
  // After CORS and the caller: the public's reads answered again from their bytes.
  app.get(PublicAnswers).install(fastify, app.get<ThrottlerStorage>(ThrottlerStorage), config);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    // Nothing the ledger answers to a caller with credentials may be kept by a cache on the way;
    // what the public reads may be kept but must be checked again, as the ledger grows.
    if (!reply.hasHeader('cache-control'))
      void reply.header(
        'cache-control',
        callerOf(request).role === 'public' && reply.statusCode < 400 ? 'no-cache' : 'private, no-store',
      );
    done(null, payload);
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.requests.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode === 409 || reply.statusCode === 412) metrics.conflicts.inc();
    done();
  });
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
  return app;
}
