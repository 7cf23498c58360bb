import request from 'supertest';
import type { TestApp } from '../test-app';
import { applyBodyDefects } from './body-defects';
import { KNOWN_PATH_VALUES } from './contract-rules';
import { exampleOf, type Operation, type Schema } from './openapi-document';
import { Raw, serialize } from './raw-json';
import type { Generated } from './request-arbitrary';

/*
 * A generated request built into method, URL, headers and body, sent with supertest directly (not
 * through OpenApiClient: malformed requests are the point), and its answer judged.
 */

export interface Built {
  method: 'get' | 'post' | 'put';
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export function build(
  op: Operation,
  g: Generated,
  resolve: (s?: Schema) => Schema,
  tokens: TestApp['tokens'],
): Built {
  const headers: Record<string, string> = {};
  for (const [k, v] of g.noise.headers) headers[k] = v;
  const params: Record<string, string> = Object.fromEntries(
    op.pathParams.map((p) => [p.name, KNOWN_PATH_VALUES[p.name] ?? 'x1']),
  );
  let query: Array<[string, string | string[]]> = [...g.noise.query];
  let body: string | Buffer | undefined;
  if (op.method === 'post') {
    headers['content-type'] = 'application/json';
    const bodyDefects = [...(g.defect.kind === 'body' ? g.defect.defects : []), ...g.noise.bodyDefects];
    const { value, injections } = applyBodyDefects(exampleOf(op.body ?? {}, resolve), bodyDefects);
    body = serialize(value, injections);
  }
  const d = g.defect;
  if (d.kind === 'raw-body') {
    body = d.body instanceof Raw ? d.body.text : d.body;
    if (d.body === undefined) delete headers['content-type'];
  } else if (d.kind === 'if-match') headers['if-match'] = d.value;
  else if (d.kind === 'idempotency-key') headers['idempotency-key'] = d.value;
  else if (d.kind === 'content-type') headers['content-type'] = d.value;
  else if (d.kind === 'path') params[d.name] = d.value;
  else if (d.kind === 'query') query = [...d.pairs, ...query];
  if (g.caller.kind === 'clerk') headers.authorization = `Bearer ${tokens.clerk}`;
  else if (g.caller.kind === 'junk') headers.authorization = g.caller.authorization;
  else delete headers.authorization;
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
  const qs = query
    .flatMap(([k, v]) =>
      (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`),
    )
    .join('&');
  return { method: op.method, url: qs ? `${path}?${qs}` : path, headers, body };
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export async function send(ctx: TestApp, req: Built): Promise<Answer> {
  let r = request(ctx.app.getHttpServer())[req.method](req.url);
  for (const [k, v] of Object.entries(req.headers)) r = r.set(k, v);
  if (req.body !== undefined) r = r.send(req.body as never);
  const res = await r.buffer(true).parse((response, done) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => (text += chunk));
    response.on('end', () => done(null, text));
  });
  return {
    status: res.status,
    contentType: String(res.headers['content-type'] ?? ''),
    text: typeof res.body === 'string' ? res.body : res.text,
  };
}

/** What is wrong with an answer to a malformed request: [] when it is a proper 4xx problem. */
export function faultsOf(answer: Answer): string[] {
  const faults: string[] = [];
  if (answer.status < 400 || answer.status > 499) faults.push(`status ${answer.status}, not 4xx`);
  if (!/^application\/problem\+json(\s*;|$)/.test(answer.contentType))
    faults.push(`content-type ${JSON.stringify(answer.contentType)}, not application/problem+json`);
  let problem: Record<string, unknown> | undefined;
  try {
    problem = JSON.parse(answer.text);
  } catch {
    faults.push('the body is not JSON');
  }
  if (problem) {
    for (const field of ['type', 'title', 'code'])
      if (typeof problem[field] !== 'string' || problem[field] === '') faults.push(`no string \`${field}\``);
    if (problem.status !== answer.status)
      faults.push(`\`status\` ${JSON.stringify(problem.status)} is not the HTTP status ${answer.status}`);
    if (problem.code === 'validation-failed' && !(Array.isArray(problem.errors) && problem.errors.length > 0))
      faults.push('a validation problem without `errors`');
  }
  return faults;
}

export function describeExchange(op: Operation, req: Built, answer: Answer): string {
  const preview = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}… (${s.length} chars)` : s);
  const body =
    req.body === undefined
      ? '(none)'
      : preview(
          Buffer.isBuffer(req.body)
            ? `<${req.body.length} bytes> ${req.body.toString('hex').slice(0, 120)}`
            : req.body,
        );
  return [
    `${op.operationId}: ${req.method.toUpperCase()} ${preview(req.url)}`,
    `  headers: ${preview(JSON.stringify(req.headers))}`,
    `  body: ${body}`,
    `  -> ${answer.status} ${answer.contentType}`,
    `  ${preview(answer.text)}`,
  ].join('\n');
}
