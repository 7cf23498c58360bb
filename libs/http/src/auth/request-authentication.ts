import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { LedgerConfig } from '@ledger/platform';
import { ProblemException } from '../problems/problem';
import { Authenticator } from './authenticator';
import { ANONYMOUS, type Caller } from './caller';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling, resolved once in onRequest, before the body is read. */
    caller?: Caller;
  }
}

const MINUTE_MS = 60_000;

/** The caller of a request as the onRequest hook resolved it (the public when it did not run). */
export function callerOf(request: { caller?: Caller }): Caller {
  return request.caller ?? ANONYMOUS;
}

/** Counts the bytes of a body as they arrive and stops the stream past `limit`. */
class BodyLimit extends Transform {
  private received = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.received += chunk.length;
    if (this.received > this.limit) return callback(publicBodyTooLarge(this.limit));
    callback(null, chunk);
  }
}

function publicBodyTooLarge(limit: number): ProblemException {
  return new ProblemException(
    'payload-too-large',
    `A request without credentials may carry at most ${limit} bytes of body (LEDGER_MAX_PUBLIC_BODY_BYTES); every route that takes a body needs a bearer token`,
  );
}

/** A request that may carry a body: a GET without Content-Length or Transfer-Encoding has none to hold. */
function hasBody(request: FastifyRequest): boolean {
  const { headers } = request;
  return (
    (headers['content-length'] !== undefined && headers['content-length'] !== '0') ||
    headers['transfer-encoding'] !== undefined
  );
}

/**
 * Authentication before parsing. onRequest resolves the caller from the headers alone, so a bad
 * token is refused before a byte of its body is read, and failed attempts are counted per
 * address (429 past LEDGER_FAILED_AUTH_PER_MINUTE) in the rate limiter's own storage.
 * preParsing then holds the public's bodies to LEDGER_MAX_PUBLIC_BODY_BYTES: no route the public
 * may call takes a body, so a large one is refused unread rather than parsed and then refused.
 */
export function installRequestAuthentication(
  fastify: FastifyInstance,
  authenticator: Authenticator,
  storage: ThrottlerStorage,
  config: LedgerConfig,
): void {
  const authenticate = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      request.caller = await authenticator.authenticateRequest(request);
    } catch (error) {
      const key = `failed-auth:${request.ip}`;
      const hits = await storage.increment(
        key,
        MINUTE_MS,
        config.LEDGER_FAILED_AUTH_PER_MINUTE,
        MINUTE_MS,
        'failed-auth',
      );
      if (hits.isBlocked) {
        void reply.header('retry-after', String(Math.max(1, hits.timeToBlockExpire)));
        throw new ProblemException(
          'rate-limited',
          `Too many failed authentications from this address (more than ${config.LEDGER_FAILED_AUTH_PER_MINUTE} a minute); try again in ${hits.timeToBlockExpire} s`,
        );
      }
      throw error;
    }
  };
  fastify.addHook('onRequest', (request, reply, done) => {
    // The public (no Authorization header) is known at once: no promise for most reads.
    if (request.headers.authorization === undefined) return done();
    authenticate(request, reply).then(() => done(), done);
  });

  fastify.addHook('preParsing', async (request: FastifyRequest, _reply: FastifyReply, payload) => {
    if (callerOf(request).role !== 'public' || !hasBody(request)) return payload;
    const limit = config.LEDGER_MAX_PUBLIC_BODY_BYTES;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) throw publicBodyTooLarge(limit);
    return payload.pipe(new BodyLimit(limit));
  });
}
