import type { FastifyRequest } from 'fastify';
import { ProblemException } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON body parser. Invalid UTF-8 is refused (a lenient decoder would store U+FFFD in place
 * of what was sent), and keys such as `__proto__` are parsed as plain keys (JSON.parse makes
 * them own properties, never prototypes) so that validation can name them as unknown fields.
 */
export function parseJsonBody(
  _request: FastifyRequest,
  body: Buffer,
  done: (error: Error | null, value?: unknown) => void,
): void {
  if (body.length === 0)
    return done(new ProblemException('malformed-request', 'The body is empty; send a JSON object'));
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return done(new ProblemException('malformed-request', 'The body is not valid UTF-8'));
  }
  try {
    done(null, JSON.parse(text));
  } catch (error) {
    done(
      new ProblemException('malformed-request', `The body is not valid JSON: ${(error as Error).message}`),
    );
  }
}
