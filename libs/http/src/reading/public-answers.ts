import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import type { Observable } from 'rxjs';
import { CORRELATION_HEADER, type LedgerConfig } from '@ledger/platform';
import { LedgerQueries, NOW_ANSWER_TTL_MS } from '@ledger/projections';
import { callerOf } from '../auth/request-authentication';
import {
  acceptedEncoding,
  compressed,
  varyOnEncoding,
  worthCompressing,
  type Encoding,
} from '../compression';
import { RATE_LIMIT_TTL_MS, rateLimitKey, trackerOf } from '../auth/throttler.guard';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by KeepPublicAnswer: this route's answer is a read drawn through LedgerQueries. */
    keepAnswer?: boolean;
    /** The ledger's stamp when the request arrived (LedgerQueries.stamp), for keeping its answer. */
    answerStamp?: string;
    /** The headers the hooks before PublicAnswers had set: they set them again for every request. */
    hookHeaders?: Record<string, unknown>;
    /** The answer as sent, to keep once it has gone (PublicAnswers.commit). */
    keptCandidate?: { key: string; kept: Kept };
    /** Set on the one request drawing an answer others wait for: lets them go (PublicAnswers.commit). */
    releaseWaiting?: () => void;
  }
}

/**
 * How long, at most, a request waits for another drawing the same answer before drawing it
 * itself: the one drawing may be sending a large answer to a slow reader.
 */
const WAIT_FOR_DRAWING_MS = 500;
/** The answers kept, at most, in bytes: keys, bodies and their compressed copies. */
const MAX_KEPT_BYTES = 16 * 1024 * 1024;
/** Headers that belong to one request, or that the hooks before the answer set again each time. */
const NOT_REPLAYED = new Set([
  CORRELATION_HEADER,
  'content-length',
  // The body kept is the one before compression; a kept answer is compressed for its own request.
  'content-encoding',
  'set-cookie',
  'date',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
]);

interface Kept {
  stamp: string;
  expires?: number;
  headers: Record<string, string>;
  /** Serialized once: a kept answer is sent as the same bytes each time, not serialized again. */
  body: Buffer;
  /** An HTML page: served and kept only for a request with no cookie (see PAGES). */
  page: boolean;
  /** Whether a client that accepts compression gets it (the plugin's rule, compression.ts). */
  compressible: boolean;
  /** The body compressed, once for each encoding asked for. */
  compressed: Partial<Record<Encoding, Promise<Buffer>>>;
  /** The bytes of the compressed bodies made so far, counted in the cache's size. */
  compressedBytes: number;
}

/**
 * Marks a read route: its answer, when a public GET gets 200 JSON or HTML, may be kept by
 * PublicAnswers. The reading controllers and the register's pages carry it; health, metrics,
 * documents' bytes, the console and the audit pages do not.
 *
 * PAGES: the web resolves a signed-in reader from the session cookie in a hook that runs after the
 * one that serves kept answers, so a page is served from here, and kept, only for a request that
 * carries no cookie at all: a reader who has never signed in or opened a form. A page with a form's
 * CSRF token, tied to one reader's cookie, is never kept (notForKeeping).
 */
@Injectable()
export class KeepPublicAnswer implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getRequest<FastifyRequest>().keepAnswer = true;
    return next.handle();
  }
}

/**
 * The public's JSON reads and register pages answered again from their bytes while the ledger
 * stands still.
 *
 * Why it is exact: an answer is a function of the URL, the Accept header, the caller's role and the
 * ledger (LedgerQueries explains why its stamp says when that changes). Only answers to the public
 * (no credentials) are kept, and only when the stamp was the same before and after they were drawn;
 * one about "now" (no asOf or knownAt), and every page, for NOW_ANSWER_TTL_MS at most, as
 * LedgerQueries keeps its own (so what it shows of now is at most twice that old). A kept answer skips the controllers' guards, interceptors, pipes and serialization, so the
 * rate limit is counted here under the guard's own key. Every hook before this one has run
 * (security headers, CORS, correlation id, the caller, and pino-http, which logs it as any other);
 * the answer's own headers are replayed.
 */
@Injectable()
export class PublicAnswers {
  private readonly kept = new LRUCache<string, Kept>({
    maxSize: MAX_KEPT_BYTES,
    sizeCalculation: (kept, key) => key.length + kept.body.length + kept.compressedBytes,
  });
  /**
   * The answers being drawn, by key: a public request that finds none kept while another is
   * drawing the same answer, on the same ledger, waits for that one and is served its bytes. Without
   * this, every reader in flight when an answer about now expires drew, serialized and compressed
   * it again.
   */
  private readonly drawing = new Map<string, { stamp: string; drawn: Promise<void> }>();
  /**
   * The routes (as registered: `/proposals/:id`) whose answers have been kept: only a request to
   * one of them waits for another. A route that keeps nothing (a document's bytes, an export) is
   * never held up behind another reader of the same URL.
   */
  private readonly keepingRoutes = new Set<string>();
  /** Answers given from here, for the metrics and the tests. */
  served = 0;

  /** The bytes the kept answers hold: keys, bodies and compressed copies. */
  get keptBytes(): number {
    return this.kept.calculatedSize;
  }

  constructor(private readonly queries: LedgerQueries) {}

  /**
   * Installs the hooks: serve in onRequest, take the answer in onSend, keep it in onResponse.
   * Registered as a plugin, so that it
   * loads when the app starts, after CORS and the middleware (pino-http): their hooks run first.
   */
  install(fastify: FastifyInstance, storage: ThrottlerStorage, config: LedgerConfig): void {
    void fastify.register(
      fp(async (instance) => {
        instance.addHook('onRequest', (request, reply) =>
          this.serve(request, reply, storage, config.LEDGER_RATE_LIMIT_PER_MINUTE),
        );
        instance.addHook('onSend', (request, reply, payload, done) => {
          this.keep(request, reply, payload);
          done(null, payload);
        });
        // Once every hook has had its say: a cookie set by a later onSend hook (@fastify/cookie
        // writes its Set-Cookie there) is seen here, and such an answer is never kept.
        instance.addHook('onResponse', (request, reply, done) => {
          this.commit(request, reply);
          done();
        });
      }),
    );
  }

  private async serve(
    request: FastifyRequest,
    reply: FastifyReply,
    storage: ThrottlerStorage,
    limit: number,
  ): Promise<void> {
    const key = keyOf(request);
    if (key === undefined) return;
    const stamp = await this.queries.stamp();
    request.answerStamp = stamp;
    let kept = this.keptFor(key, stamp, request);
    // A page is kept only for a request with no cookie, so only such a request waits for one.
    if (
      !kept &&
      stamp !== undefined &&
      request.headers.cookie === undefined &&
      this.keepingRoutes.has(request.routeOptions.url ?? '')
    ) {
      const drawing = this.drawing.get(key);
      if (drawing?.stamp === stamp) {
        await waitAtMost(drawing.drawn, WAIT_FOR_DRAWING_MS);
        kept = this.keptFor(key, stamp, request);
      } else this.startDrawing(key, stamp, request, reply);
    }
    if (!kept) {
      // Drawn by the route, and perhaps kept: which headers the hooks gave it (not needed to serve).
      request.hookHeaders = reply.raw.getHeaders();
      return;
    }
    const hits = await storage.increment(
      rateLimitKey(request, trackerOf(request), 'default'),
      RATE_LIMIT_TTL_MS,
      limit,
      RATE_LIMIT_TTL_MS,
      'default',
    );
    // Over the limit: the route's guard refuses it, with its own problem and headers.
    if (hits.isBlocked) return;
    this.served += 1;
    void reply
      .headers(kept.headers)
      .header('x-ratelimit-limit', limit)
      .header('x-ratelimit-remaining', Math.max(0, limit - hits.totalHits))
      .header('x-ratelimit-reset', hits.timeToExpire)
      .code(200);
    const encoding = kept.compressible ? acceptedEncoding(request) : undefined;
    // Compressed here once, not by the plugin for every request (it leaves an encoded body be).
    const body = encoding === undefined ? undefined : await this.compressedBody(key, kept, encoding);
    if (body === undefined) {
      void reply.send(kept.body);
    } else {
      varyOnEncoding(reply);
      void reply.header('content-encoding', encoding).send(body);
    }
    return reply as unknown as Promise<void>;
  }

  /**
   * The kept body compressed: made on the first request for that encoding, then counted in the
   * cache. Undefined when compression failed: that request gets the body as it is, the next tries again.
   */
  private compressedBody(key: string, kept: Kept, encoding: Encoding): Promise<Buffer | undefined> {
    const made = (kept.compressed[encoding] ??= compressed(kept.body, encoding).then((bytes) => {
      kept.compressedBytes += bytes.length;
      // Set again, so that the cache counts the new bytes (unless the answer has gone meanwhile).
      if (this.kept.peek(key) === kept) this.kept.set(key, kept);
      return bytes;
    }));
    return made.catch(() => {
      if (kept.compressed[encoding] === made) delete kept.compressed[encoding];
      return undefined;
    });
  }

  /** Takes the answer as the route drew it, before the compression plugin's hook encodes it. */
  private keep(request: FastifyRequest, reply: FastifyReply, payload: unknown): void {
    if (!request.keepAnswer || request.answerStamp === undefined || typeof payload !== 'string') return;
    if (reply.statusCode !== 200) return;
    const contentType = String(reply.getHeader('content-type') ?? '');
    const page = contentType.startsWith('text/html');
    if (!page && !contentType.startsWith('application/json')) return;
    if (page && request.headers.cookie !== undefined) return;
    const key = keyOf(request);
    if (key === undefined) return;
    this.keepingRoutes.add(request.routeOptions.url ?? '');
    request.keptCandidate = {
      key,
      kept: {
        stamp: request.answerStamp,
        // A page takes blank or unknown dates for "now" where the API refuses them: a page is
        // always kept as one about now.
        expires: page || aboutNow(request) ? Date.now() + NOW_ANSWER_TTL_MS : undefined,
        // Read now: the compression plugin's hook, after this one, sets the headers of its encoding.
        headers: replayed(request, reply),
        body: Buffer.from(payload),
        page,
        compressible: worthCompressing(contentType, Buffer.byteLength(payload)),
        compressed: {},
        compressedBytes: 0,
      },
    };
  }

  /** Keeps the answer sent, unless it set a cookie or the ledger moved while it was drawn. */
  private commit(request: FastifyRequest, reply: FastifyReply): void {
    const release = request.releaseWaiting;
    // The request's own 'close' no longer lets the waiters go: this does, once the answer is kept.
    request.releaseWaiting = undefined;
    const candidate = request.keptCandidate;
    if (candidate === undefined || reply.statusCode !== 200 || reply.getHeader('set-cookie') !== undefined)
      return release?.();
    // Drawn while the ledger moved: the answer may hold either state, so it is not kept.
    void this.queries
      .stamp()
      .then((now) => {
        if (now === candidate.kept.stamp) this.kept.set(candidate.key, candidate.kept);
      })
      .finally(release);
  }

  /** The kept answer this request may be served, if there is one for the ledger as it stands. */
  private keptFor(key: string, stamp: string | undefined, request: FastifyRequest): Kept | undefined {
    const kept = this.kept.get(key);
    if (
      !kept ||
      kept.stamp !== stamp ||
      (kept.expires !== undefined && Date.now() >= kept.expires) ||
      (kept.page && request.headers.cookie !== undefined)
    )
      return undefined;
    return kept;
  }

  /**
   * Marks this request as the one drawing the answer. Those who wait for it go when its answer has
   * been kept or refused (commit), or when its connection closes without an answer (an abort).
   */
  private startDrawing(key: string, stamp: string, request: FastifyRequest, reply: FastifyReply): void {
    let release!: () => void;
    const entry = { stamp, drawn: new Promise<void>((resolve) => (release = resolve)) };
    this.drawing.set(key, entry);
    request.releaseWaiting = () => {
      if (this.drawing.get(key) === entry) this.drawing.delete(key);
      release();
    };
    reply.raw.once('close', () => request.releaseWaiting?.());
  }
}

/** Resolves when `promise` does, or after `ms`, whichever is first. */
function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, elapsed]).finally(() => clearTimeout(timer));
}

/** Says this request's answer is for its reader alone (a page with a form's CSRF token): never kept. */
export function notForKeeping(request: FastifyRequest): void {
  request.keepAnswer = false;
}

/** The kept answer's key, or undefined when a request's answer is never kept. */
function keyOf(request: FastifyRequest): string | undefined {
  if (request.method !== 'GET' || callerOf(request).role !== 'public') return undefined;
  const query = request.query as Record<string, unknown> | undefined;
  // A read that waits for a position answers when the read models reach it: always drawn.
  if (query?.waitFor !== undefined || request.url.includes('waitFor=')) return undefined;
  return `${request.headers.accept ?? ''}\n${request.url}`;
}

function aboutNow(request: FastifyRequest): boolean {
  return !/[?&](asOf|knownAt)=/.test(request.url);
}

/**
 * The answer's own headers. Those the hooks before PublicAnswers had set (the security headers)
 * are set again by the same hooks for every request, before a kept answer is served: they are not
 * replayed over themselves, unless the route gave one a value of its own.
 */
function replayed(request: FastifyRequest, reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value === undefined || NOT_REPLAYED.has(name) || name.startsWith('access-control-')) continue;
    if (request.hookHeaders && String(request.hookHeaders[name]) === String(value)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}
