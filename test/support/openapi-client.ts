import request from 'supertest';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OpenApiResponseValidator } from './openapi-validator';

type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};
type Operation = {
  operationId: string;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean }>;
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  body: any;
  headers: Record<string, string>;
  text: string;
}

/**
 * A client generated at run time from the service's own /openapi.json: operations are called by
 * operationId, paths and parameters come from the document, and every answer is checked against
 * the schema the document declares for its status. A route, a parameter or a response the
 * document does not describe fails the test, so the document cannot drift from the server.
 */
export class OpenApiClient {
  private readonly operations = new Map<string, { method: string; path: string; op: Operation }>();
  private readonly validator: OpenApiResponseValidator;

  private constructor(
    private readonly app: NestFastifyApplication,
    readonly document: Doc,
  ) {
    this.validator = new OpenApiResponseValidator(document);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods))
        this.operations.set(op.operationId, { method, path, op });
    }
  }

  static async generate(app: NestFastifyApplication): Promise<OpenApiClient> {
    const res = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    return new OpenApiClient(app, res.body);
  }

  operationIds(): string[] {
    return [...this.operations.keys()];
  }

  operation(operationId: string) {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`The OpenAPI document has no operation ${operationId}`);
    return found;
  }

  async call(operationId: string, options: CallOptions = {}): Promise<CallResult> {
    const { method, path, op } = this.operation(operationId);
    const declared = new Map((op.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (!declared.has(`path:${name}`))
        throw new Error(`${operationId}: path parameter ${name} is not declared`);
      const value = options.params?.[name];
      if (value === undefined) throw new Error(`${operationId}: path parameter ${name} is missing`);
      return encodeURIComponent(value);
    });
    for (const name of Object.keys(options.query ?? {}))
      if (!declared.has(`query:${name}`))
        throw new Error(`${operationId}: query parameter ${name} is not in the document`);
    let req = (request(this.app.getHttpServer()) as any)[method](url);
    if (options.query) req = req.query(options.query);
    if (options.token) req = req.set('authorization', `Bearer ${options.token}`);
    for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
    if (options.body !== undefined) req = req.send(options.body);
    const res = await req;
    const contentType = res.headers['content-type'] ?? '';
    const isJson = /^application\/([\w.-]+\+)?json(;|$)/.test(contentType.replace(/\s/g, ''));
    this.checkResponse(method, path, res.status, contentType, isJson ? res.body : res.text);
    return { status: res.status, body: res.body, headers: res.headers, text: res.text };
  }

  private checkResponse(
    method: string,
    path: string,
    status: number,
    contentType: string,
    body: unknown,
  ): void {
    const problem = this.validator.check(method, path, status, contentType, body);
    if (problem) throw new Error(problem);
  }
}
