import type { OpenAPIObject } from '@nestjs/swagger';
import { addRequestExample, commandOf } from './openapi-commands';
import { HTTP_PROBLEMS, PROBLEM_TYPES } from './problems/problem';

/*
 * What the generated document needs beyond what the decorators say, for third-party tools
 * (Swagger UI, Redocly, Spectral, openapi-typescript) to take it as it is: where it is served,
 * its tags and licence, who may call each operation, one example per problem type (each listed
 * where it can be answered), a whole request for each write, and the OpenAPI 3.1 spelling of
 * "may be null".
 */

const TAGS: Array<{ name: string; description: string }> = [
  {
    name: 'proposals',
    description:
      'Proposals (Popolo Motion): their status by the decision rule, each body’s position, history, changes between dates, and who decided',
  },
  {
    name: 'bodies',
    description:
      'Bodies (Popolo Organization): police authorities, commissioners, chief constables, working groups; their posts, office holders and successors',
  },
  { name: 'people', description: 'People (Popolo Person) who hold posts, decide and vote' },
  { name: 'alliances', description: 'Alliances of bodies that decide together by a rule' },
  {
    name: 'meetings',
    description: 'Meetings: agenda (exempt items hidden from the public), attendance, chair, minutes',
  },
  { name: 'votes', description: 'Votes (Popolo VoteEvent): ballots and results' },
  {
    name: 'scrutiny',
    description:
      "Scrutiny and the public: questions from the public and their answers, a panel's review of a decision, its recommendations and the decision-maker's responses",
  },
  {
    name: 'documents',
    description:
      'Documents of meetings and decisions (agendas, reports, minutes, decision notices, annexes): recorded by SHA-256 and size, their content uploaded beside the ledger; exempt ones hidden from the public',
  },
  {
    name: 'registers',
    description:
      'Registers across the ledger: meetings, decisions, recommendations, bodies, a person’s votes, the audit trail',
  },
  {
    name: 'corrections',
    description: 'Corrections and retractions: later events that name the event they fix; nothing is edited',
  },
  {
    name: 'integrity',
    description: 'Tamper evidence: signed checkpoints, inclusion and consistency proofs (RFC 9162)',
  },
  { name: 'export', description: 'The event stream as NDJSON, resumable' },
  { name: 'problems', description: 'What each problem type (RFC 9457) means' },
];

const READ_NOTE =
  'Anyone may read; without a token you read as the public (no exempt items, no details of private meetings, no private decisions, no recorder identities; hidden things answer 404).';
/** What each of a read's dated parameters does, said only of a read that takes it. */
const CUT_NOTES: Array<[string, string]> = [
  ['asOf', '`asOf` (what had happened by then)'],
  ['knownAt', '`knownAt` (what the ledger had recorded by then)'],
];

/**
 * The sentences saying which dated parameters a read takes: none of one it refuses, and none its
 * own description says already.
 */
function datedParameters(operation: Operation): string[] {
  const names = new Set((operation.parameters ?? []).map((p) => p.name));
  const unsaid = (name: string) => names.has(name) && !(operation.description ?? '').includes(`\`${name}\``);
  const cuts = CUT_NOTES.filter(([name]) => unsaid(name)).map(([, note]) => note);
  const parts: string[] = [];
  if (cuts.length > 0) parts.push(`Add ${cuts.join(' or ')} to read at a date.`);
  if (unsaid('waitFor')) parts.push('Add `waitFor` (a write’s position) to read your own write.');
  return parts;
}
const WRITE_NOTE =
  'Clerks only (an API key or a JWT with the clerk role). Answers 201 with the events written, the stream revision (also the ETag) and the global position. A rule of the domain that refuses it answers 422 with that rule’s problem type; nothing is written.';

type Operation = {
  operationId?: string;
  summary?: string;
  parameters?: Array<{ name: string; in?: string; example?: unknown }>;
  description?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, { examples?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { examples?: unknown }> }>;
};

/** Applies every step below to the document built from the decorators. */
export function completeContract(document: OpenAPIObject): OpenAPIObject {
  document.servers = [
    { url: '/', description: 'This server (the document is served by the API it describes)' },
  ];
  document.info.license = { name: 'MIT', url: 'https://opensource.org/license/mit' };
  document.tags = TAGS;
  document.components ??= {};
  for (const methods of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(methods) as Array<[string, Operation]>) {
      if (!operation?.responses) continue;
      const isRead = method === 'get';
      // A read is open to all, and takes a token when there is one (auditors see more).
      if (isRead) operation.security = [{}, { bearer: [] }];
      if (isRead)
        operation.description = [operation.description ?? READ_NOTE, ...datedParameters(operation)].join(
          operation.description ? '\n\n' : ' ',
        );
      else operation.description ??= WRITE_NOTE;
      const command = commandOf(operation);
      if (command) addRequestExample(operation, command);
      for (const [status, response] of Object.entries(operation.responses)) {
        const media = response.content?.['application/problem+json'];
        if (!media) continue;
        const problems = problemsAnswered(Number(status), operation, command !== undefined);
        media.examples = Object.fromEntries(
          problems.map((p) => [p.code, { $ref: `#/components/examples/${p.code}` }]),
        );
        // ApiProblems says a 422 is a rule of the domain or a reused key: true of a write only.
        if (status === '422' && !command)
          response.description = problems.map((p) => p.description).join('; ');
      }
    }
  }
  document.components.examples = problemExamples(document);
  document.components.schemas = allowNull(document.components.schemas ?? {}) as never;
  return document;
}

/** One example per problem type that some operation can answer. */
function problemExamples(
  document: OpenAPIObject,
): Record<string, { summary: string; value: Record<string, unknown> }> {
  const used = new Set(
    (JSON.stringify(document.paths).match(/#\/components\/examples\/[\w-]+/g) ?? []).map((ref) =>
      ref.slice('#/components/examples/'.length),
    ),
  );
  return Object.fromEntries(
    PROBLEM_TYPES.filter((p) => used.has(p.code)).map((p) => [
      p.code,
      {
        summary: p.description,
        value: {
          type: p.type,
          title: p.description,
          status: p.status,
          detail: p.kind === 'domain-rule' ? `The request breaks this rule: ${p.description}` : p.description,
          instance: '/proposals/g4s-back-office',
          code: p.code,
          ...(p.kind === 'domain-rule' ? { rule: p.code } : {}),
        },
      },
    ]),
  );
}

/**
 * Every problem type a status can carry on this operation, each listed as a named example
 * (`/problems/{code}` says more): the domain's rules only on a write of a command, where they are
 * checked; a reused Idempotency-Key only where the operation takes one; a content mismatch only
 * where content is uploaded (a body that is not JSON). Which of the domain's rules each command
 * can break is not declared anywhere (its decider checks them as it goes), so a write lists them all.
 */
function problemsAnswered(status: number, operation: Operation, isCommand: boolean): typeof PROBLEM_TYPES {
  const takesIdempotencyKey = (operation.parameters ?? []).some(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
  );
  const uploads = Object.keys(operation.requestBody?.content ?? {}).some(
    (type) => type !== 'application/json',
  );
  return PROBLEM_TYPES.filter((p) => {
    if (p.status !== status) return false;
    if (p.kind === 'domain-rule' && !(p.code in HTTP_PROBLEMS)) return isCommand;
    if (p.code === 'idempotency-key-reused') return takesIdempotencyKey;
    if (p.code === 'content-mismatch') return uploads;
    return true;
  });
}

/** `nullable: true` is OpenAPI 3.0; 3.1 says it with JSON Schema: `type: [T, 'null']` (and null among an enum). */
function allowNull(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(allowNull);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const out = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, allowNull(v)]));
  if (nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  return out;
}
