import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { CORRELATION_HEADER, correlationIdFor } from '@ledger/platform';
import { Logger } from 'nestjs-pino';

/** Builds the Fastify application the same way for the service and for the e2e tests. */
export async function createHttpApp(rootModule: Type | import('@nestjs/common').DynamicModule): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, new FastifyAdapter({ bodyLimit: 1024 * 1024, genReqId: correlationIdFor }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header(CORRELATION_HEADER, request.id);
    });
  app.enableShutdownHooks();
  return app;
}
