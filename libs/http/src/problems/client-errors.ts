import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_PROBLEMS, problemType, type Problem } from './problem';

/** The longest URL answered: beyond it, 414. Node's parser refuses a request line and headers over 16 KiB in all. */
export const MAX_URL_LENGTH = 8192;

const problem = (code: string, detail: string): Problem => ({
  type: problemType(code),
  title: HTTP_PROBLEMS[code].title,
  status: HTTP_PROBLEMS[code].status,
  detail,
  code,
});

/** The 414 a URL over MAX_URL_LENGTH answers (it is not echoed back), or undefined. */
export function longUrlProblem(url: string): Problem | undefined {
  return url.length > MAX_URL_LENGTH
    ? problem('uri-too-long', `The URL has ${url.length} characters; at most ${MAX_URL_LENGTH} are answered`)
    : undefined;
}

/** A URL over MAX_URL_LENGTH answers 414 as problem+json, before any other work on the request. */
export function refuseLongUrl(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const tooLong = longUrlProblem(request.url);
  if (tooLong) void reply.status(414).header('content-type', 'application/problem+json').send(tooLong);
  else done();
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (Fastify's own answer is plain
 * JSON): headers over the limit answer 431, or 414 when it is the request line that is too long;
 * a request that times out, 408; anything else unreadable, 400. All as problem+json.
 */
export function problemForClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body: Problem = problem('malformed-request', 'The request could not be parsed as HTTP');
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1') : '';
    const requestLine = packet.indexOf('\r\n') === -1 ? packet.length : packet.indexOf('\r\n');
    body =
      requestLine > MAX_URL_LENGTH
        ? problem('uri-too-long', `The URL is over ${MAX_URL_LENGTH} characters`)
        : problem('headers-too-large', 'The request headers are over 16 KiB');
    status = body.status;
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    body = problem('request-timeout', 'The request took too long to arrive');
    status = body.status;
  }
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${body.title}\r\nContent-Length: ${Buffer.byteLength(json)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(error);
}
