import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import negotiate from '@fastify/accept-negotiator';
import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers compressed for the clients that ask (browsers, curl --compressed and most HTTP
 * libraries send Accept-Encoding): a proposal's JSON or a register page shrinks five to ten
 * times. Compression is @fastify/compress's, with these settings; a kept public answer
 * (reading/public-answers.ts) is compressed once with the same ones and sent as those bytes.
 *
 * Why this does not open the pages to BREACH (guessing a secret in a compressed answer from its
 * length, by making the victim's browser send chosen text that the answer echoes): the session
 * cookie is SameSite=strict, so another site cannot make a browser send a signed-in request; and a
 * form's CSRF token is salted afresh for every answer, so there is no fixed secret to guess.
 */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Below this many bytes, the headers outweigh what compression saves. */
const THRESHOLD_BYTES = 1024;
/** Brotli at 4, as @fastify/compress recommends: 11 costs tens of times the CPU for a few %. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } };
const GZIP = { level: 6 };

/** What is compressed: the plugin's own text and JSON types, and the NDJSON of the exports. */
const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)(?:x-nd)?json(?:;|$)|(?:\+|\/)(?:text|xml)(?:;|$)/u;

const OPTIONS: FastifyCompressOptions = {
  global: true,
  encodings: [...ENCODINGS],
  threshold: THRESHOLD_BYTES,
  brotliOptions: BROTLI,
  zlibOptions: GZIP,
  customTypes: COMPRESSIBLE,
  // Bodies sent to the ledger are read as they come: a compressed request body is not inflated.
  globalDecompression: false,
};

/**
 * Marks a route that sends a document's content: the bytes as stored, whose SHA-256 is the ETag,
 * never compressed. (The plugin also sends a body it takes for compressed already, text that
 * begins "80 members…" or "(4)…" among them, labelled with an encoding it does not have.)
 */
export const SentAsStored = () => RouteConfig({ sentAsStored: true });

/** Registers compression for every route registered after it, but those marked SentAsStored. */
export async function installCompression(fastify: FastifyInstance): Promise<void> {
  // Before the plugin's own onRoute hook, which reads `compress` off the route.
  fastify.addHook('onRoute', (route) => {
    const config: { sentAsStored?: boolean } | undefined = route.config;
    if (config?.sentAsStored) route.compress = false;
  });
  await fastify.register(fastifyCompress, OPTIONS);
}

/** The encoding the request accepts that the ledger prefers, as the plugin negotiates it. */
export function acceptedEncoding(request: FastifyRequest): Encoding | undefined {
  const header = request.headers['accept-encoding'];
  if (header === undefined || request.headers['x-no-compression'] !== undefined) return undefined;
  // As the plugin reads it: "*" and "x-gzip" are gzip.
  return negotiate(header.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), [...ENCODINGS]) ?? undefined;
}

/** True when a body of this type and length is sent compressed to a client that accepts it. */
export function worthCompressing(contentType: string, length: number): boolean {
  return length >= THRESHOLD_BYTES && COMPRESSIBLE.test(contentType);
}

/** Adds Accept-Encoding to the answer's Vary, as the plugin does when it compresses. */
export function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const names =
    vary === undefined
      ? []
      : String(vary)
          .split(',')
          .map((name) => name.trim());
  if (names.some((name) => name === '*' || name.toLowerCase() === 'accept-encoding')) return;
  void reply.header('vary', [...names.filter(Boolean), 'accept-encoding'].join(', '));
}

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The body compressed as the plugin would compress it, on libuv's threads, not the event loop. */
export function compressed(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(body, BROTLI) : gzipAsync(body, GZIP);
}
