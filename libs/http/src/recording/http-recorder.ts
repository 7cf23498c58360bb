import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import canonicalize from 'canonicalize';
import { LRUCache } from 'lru-cache';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CommandRunner,
  CommandValidationError,
  jsonShapeProblems,
  validateCommand,
  type RecordableCommand,
  type RecordingContext,
  type RecordResult,
} from '@ledger/recording';
import { actorOf, type Caller } from '../auth/caller';
import { IntegrityWatch } from '../operations/integrity-watch';
import { ProblemException } from '../problems/problem';
import { flattenValidationErrors as flatten, validationProblem } from '../problems/validation';
import { IdempotencyStore, storedIdempotencyKey } from './idempotency.store';
import { RecordingEnvelopeDto } from './recording-envelope.dto';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** The envelopes kept as found valid, at most, by the length of their JSON. */
const VALID_ENVELOPES_MAX_CHARS = 4_000_000;

/** "3", W/"3" or 3: the stream revision the client last saw. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(header);
  if (!match)
    throw new ProblemException(
      'validation-failed',
      'If-Match must be the stream revision, as in the ETag ("3")',
      { errors: [{ field: 'If-Match', messages: ['must be a revision, e.g. "3"'] }] },
    );
  return Number(match[1]);
}

/**
 * Turns a write request into a validated command for the CommandRunner: validates the envelope
 * and the command together, once (every bad field listed, unknown fields refused), applies
 * If-Match and Idempotency-Key, and answers with what was written. Controllers only name the
 * command and the path's ids. A stale If-Match comes back from the runner as StaleRevision (412).
 */
@Injectable()
export class HttpRecorder {
  constructor(
    private readonly runner: CommandRunner,
    private readonly idempotency: IdempotencyStore,
    private readonly integrity: IntegrityWatch,
  ) {}

  async record(
    type: string,
    body: unknown,
    pathParams: Record<string, string>,
    caller: Caller,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const key = request.headers['idempotency-key'];
    const recorded = await this.recordAs(type, body, pathParams, caller, {
      idempotencyKey: key,
      ifMatch: request.headers['if-match'],
      correlationId: String(request.id),
      route: `${request.method} ${request.routeOptions.url ?? request.url}`,
    });
    if (recorded.replayed) void reply.header('idempotent-replayed', 'true');
    return this.answer(reply, recorded.response);
  }

  /**
   * The same, for a caller that is not a JSON request (the web's forms): `route` names the form,
   * so one key cannot be reused across two kinds of write.
   */
  async recordAs(
    type: string,
    body: unknown,
    pathParams: Record<string, string>,
    caller: Caller,
    request: { idempotencyKey?: unknown; ifMatch?: string; correlationId: string; route: string },
  ) {
    this.integrity.assertIntact('Recording');
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new ProblemException('validation-failed', 'The body must be a JSON object', {
        errors: [{ field: '', messages: ['must be a JSON object'] }],
      });
    }
    const shape = jsonShapeProblems(body);
    if (shape.length > 0) throw validationProblem(shape);
    const { occurredAt, occurredAtApproximate, source, sources } = body as Record<string, unknown>;
    const { command, problems } = this.validated(type, body as Record<string, unknown>, pathParams);
    const key = request.idempotencyKey;
    if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)))
      problems.push({ field: 'Idempotency-Key', messages: ['must be 1-128 letters, digits, . _ : -'] });
    if (!command || problems.length > 0) throw validationProblem(problems);
    const expectedRevision = parseIfMatch(request.ifMatch);

    // What the request asked, for its Idempotency-Key: without a key nothing compares it.
    const fingerprint =
      typeof key === 'string'
        ? createHash('sha256')
            .update(`${request.route}\n${canonicalize({ body, pathParams })}`)
            .digest('hex')
        : undefined;
    if (typeof key === 'string' && fingerprint !== undefined) {
      const first = await this.idempotency.fingerprint(caller.name, key);
      if (first !== undefined && first !== fingerprint)
        throw new ProblemException(
          'idempotency-key-reused',
          `Idempotency-Key ${key} was first used with another request`,
        );
    }
    const result = await this.runner.record(command, {
      occurredAt: String(occurredAt),
      occurredAtApproximate: occurredAtApproximate === true,
      actor: actorOf(caller),
      source: source as RecordingContext['source'],
      sources: sources as RecordingContext['sources'],
      correlationId: request.correlationId,
      // A retry is answered by the command runner from the key's events (replayed: true).
      idempotencyKey: typeof key === 'string' ? storedIdempotencyKey(caller.name, key) : undefined,
      fingerprint,
      expectedRevision,
    });
    if (typeof key === 'string' && fingerprint !== undefined)
      this.idempotency.remember(caller.name, key, fingerprint);
    return { response: this.present(result), replayed: result.replayed };
  }

  /**
   * What is wrong with a body as recordAs would judge it, every field at once, without recording
   * anything: for a form that has problems of its own (a required field left blank), so that the
   * page names the rest in the same round.
   */
  problemsOf(type: string, body: Record<string, unknown>, pathParams: Record<string, string>) {
    const shape = jsonShapeProblems(body);
    return shape.length > 0 ? shape : this.validated(type, body, pathParams).problems;
  }

  /** The envelope's, the path's and the command's problems, and the command when there are none of its own. */
  private validated(type: string, body: Record<string, unknown>, pathParams: Record<string, string>) {
    const { occurredAt, occurredAtApproximate, source, sources, ...rest } = body;
    const problems = this.envelopeProblems({ occurredAt, occurredAtApproximate, source, sources });
    let command: RecordableCommand | undefined;
    for (const [field, value] of Object.entries(pathParams)) {
      if (field in rest && rest[field] !== value)
        problems.push({ field, messages: [`${field} is given by the path (${value})`] });
    }
    try {
      command = validateCommand(type, { ...rest, ...pathParams });
    } catch (error) {
      if (!(error instanceof CommandValidationError)) throw error;
      problems.push(...error.problems);
    }
    return { command, problems };
  }

  /**
   * Envelopes found valid, by their JSON. A clerk cites the same minutes for entry after entry,
   * and the envelope's rules read nothing but the envelope (no clock, no ledger), so one found
   * valid stays valid: its class-validator pass, more than the command's own, is made once. One
   * with problems is not kept, so every bad field is still named each time.
   */
  private readonly validEnvelopes = new LRUCache<string, true>({
    maxSize: VALID_ENVELOPES_MAX_CHARS,
    sizeCalculation: (_, key) => key.length,
  });

  private envelopeProblems(envelope: Record<string, unknown>) {
    const key = JSON.stringify(envelope);
    if (this.validEnvelopes.get(key)) return [];
    // The envelope comes from a parsed JSON body, so its JSON (the key) holds all of it.
    const problems = flatten(
      validateSync(plainToInstance(RecordingEnvelopeDto, envelope), {
        forbidUnknownValues: true,
        whitelist: true,
        forbidNonWhitelisted: true,
      }),
    );
    // lru-cache stores nothing larger than maxSize by itself.
    if (problems.length === 0) this.validEnvelopes.set(key, true);
    return problems;
  }

  private present(result: RecordResult) {
    return {
      stream: result.stream,
      revision: result.revision,
      position: result.position,
      events: result.events,
      replayed: result.replayed,
    };
  }

  private answer(reply: FastifyReply, response: ReturnType<HttpRecorder['present']>) {
    void reply
      .header('etag', `"${response.revision}"`)
      .header('x-ledger-position', String(response.position));
    return response;
  }
}
