import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The OpenAPI document the service serves at /openapi.json: a valid OpenAPI 3.1 document, one
 * unique operationId per operation, and the same set of routes the server actually registers.
 */

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
};

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

/** Routes the server registers on purpose without documenting them: operations and the docs themselves. */
// The web's HTML pages (libs/web) are for people, not API operations: the API they call is documented.
const UNDOCUMENTED_BY_DESIGN: RegExp[] = [
  /^\/health$/,
  /^\/ready$/,
  /^\/metrics$/,
  /^\/docs(\/.*)?$/,
  /^\/openapi\.(json|yaml)$/,
  /^\/$/,
  /^\/register(\/.*)?$/,
  /^\/console(\/.*)?$/,
];

/**
 * SwaggerParser.validate on a copy of `doc`, in a child Node process: @apidevtools/swagger-parser 13
 * loads an ES module (json-schema-ref-parser) that Node 20 can require but Jest's CommonJS runtime
 * cannot. Sending the document as JSON also hands the parser its own copy (it dereferences in
 * place). Resolves to undefined when valid, else to the parser's message.
 */
function swaggerParserValidate(doc: unknown): Promise<string | undefined> {
  const script = `
    let input = '';
    process.stdin.setEncoding('utf8').on('data', (chunk) => (input += chunk)).on('end', async () => {
      try {
        await require('@apidevtools/swagger-parser').validate(JSON.parse(input));
        process.stdout.write(JSON.stringify({ valid: true }));
      } catch (error) {
        process.stdout.write(JSON.stringify({ valid: false, message: String((error && error.message) || error) }));
      }
    });`;
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      ['-e', script],
      { cwd: resolve(__dirname, '../..'), maxBuffer: 16 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) return fail(new Error(`swagger-parser did not run: ${error.message}\n${stderr}`));
        const out = JSON.parse(stdout) as { valid: boolean; message?: string };
        done(out.valid ? undefined : out.message);
      },
    );
    child.stdin?.end(JSON.stringify(doc));
  });
}

/** Where a `$ref` names no schema (`#/components/schemas/`), as JSON pointers into the document. */
function namelessRefs(value: unknown, path = '#'): string[] {
  if (value === null || typeof value !== 'object') return [];
  if ((value as { $ref?: unknown }).$ref === '#/components/schemas/') return [path];
  return Object.entries(value).flatMap(([k, v]) => namelessRefs(v, `${path}/${k}`));
}

const operationsOf = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

/**
 * Every (method, path) Fastify has registered, read from its route tree (`printRoutes`), with
 * `:param` written as the document writes it (`{param}`). HEAD (automatic for GET) and OPTIONS
 * (the CORS preflight catch-all) are left out.
 */
function registeredRoutes(ctx: TestApp): Array<{ method: string; path: string }> {
  const tree: string = ctx.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const routes: Array<{ method: string; path: string }> = [];
  const stack: string[] = [''];
  for (const line of tree.split('\n')) {
    const match = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = Math.max(1, Math.round(match[1].length / 4));
    const path = (stack[depth - 1] ?? '') + match[2];
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean)) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, path: path.replace(/:(\w+)/g, '{$1}') });
    }
  }
  return routes;
}

describe('the OpenAPI document', () => {
  let ctx: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    ctx = await startTestApp();
    const res = await request(ctx.app.getHttpServer()).get('/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    doc = res.body;
  });
  afterAll(async () => ctx.stop());

  it('is OpenAPI 3.1.x', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('passes SwaggerParser.validate', async () => {
    const before = JSON.stringify(doc);
    expect(await swaggerParserValidate(doc)).toBeUndefined();
    expect(JSON.stringify(doc)).toBe(before);
  });

  // A nested DTO whose lazy type swagger cannot name gives `{"$ref": "#/components/schemas/"}`
  // (NestedField/NestedListField once did): named here, rather than as the parser's "Missing $ref pointer".
  it('has no $ref to a nameless schema', () => {
    expect(namelessRefs(doc)).toEqual([]);
  });

  it('gives every operation an operationId, each one unique', () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(0);
    const missing = ops
      .filter(({ op }) => typeof op.operationId !== 'string' || op.operationId.trim() === '')
      .map(({ method, path }) => `${method} ${path}`);
    expect(missing).toEqual([]);
    const seen = new Map<string, string[]>();
    for (const { method, path, op } of ops)
      seen.set(op.operationId as string, [
        ...(seen.get(op.operationId as string) ?? []),
        `${method} ${path}`,
      ]);
    const duplicates = [...seen].filter(([, where]) => where.length > 1);
    expect(duplicates).toEqual([]);
  });

  it('documents every route the server registers, and registers every route it documents', () => {
    const fastify = ctx.app.getHttpAdapter().getInstance();
    const registered = registeredRoutes(ctx).filter(({ path }) => !path.includes('*'));
    expect(registered.length).toBeGreaterThan(10);
    const documented = new Set(operationsOf(doc).map(({ method, path }) => `${method} ${path}`));
    const undocumented = registered
      .filter(({ path }) => !UNDOCUMENTED_BY_DESIGN.some((re) => re.test(path)))
      .map(({ method, path }) => `${method} ${path}`)
      .filter((route) => !documented.has(route));
    expect(undocumented).toEqual([]);
    // The other way round, asked of Fastify's router directly rather than of the printed tree.
    const unregistered = operationsOf(doc)
      .filter(
        ({ method, path }) => !fastify.hasRoute({ method: method, url: path.replace(/\{(\w+)\}/g, ':$1') }),
      )
      .map(({ method, path }) => `${method} ${path}`);
    expect(unregistered).toEqual([]);
    // The routes left out on purpose are really there (the exclusion list is not stale).
    for (const url of ['/health', '/ready', '/metrics'])
      expect(fastify.hasRoute({ method: 'GET', url })).toBe(true);
  });

  it.each([
    ['POST', '/proposals/{proposalId}/decisions'],
    ['GET', '/proposals/{proposalId}'],
    ['GET', '/events'],
    ['GET', '/audit/{entity}/{id}'],
  ])('documents %s %s, which the server registers', (method, path) => {
    expect(doc.paths[path]?.[method.toLowerCase()]?.operationId).toEqual(expect.any(String));
    expect(registeredRoutes(ctx)).toContainEqual({ method, path });
  });

  it('documents a success response for every operation, the NDJSON export included', () => {
    const withoutSuccess = operationsOf(doc)
      .filter(({ op }) => !Object.keys(op.responses ?? {}).some((status) => /^2\d\d$/.test(status)))
      .map(({ op }) => op.operationId);
    expect(withoutSuccess).toEqual([]);
    const exported = doc.paths['/events'].get.responses?.['200'] as { content?: object } | undefined;
    expect(Object.keys(exported?.content ?? {})).toContain('application/x-ndjson');
  });

  // Issue 16: a meeting's publicity and a body's founding date may be not stated, and dates a
  // source gives to the year or month are kept so, each with its approximate flag.
  describe('what a source may not state', () => {
    type Schema = { properties?: Record<string, any>; required?: string[]; allOf?: Schema[] };
    const schema = (name: string) => {
      const s = (doc as unknown as { components: { schemas: Record<string, Schema> } }).components.schemas[
        name
      ];
      const parts = [s, ...(s.allOf ?? [])];
      return {
        props: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, any>,
        required: parts.flatMap((p) => p.required ?? []),
      };
    };
    const acceptsYear = (prop: { pattern: string }) => {
      const pattern = new RegExp(prop.pattern);
      return ['2013', '2013-01', '2013-01-31'].every((d) => pattern.test(d)) && !pattern.test('early 2013');
    };

    it("lets a command leave a meeting's publicity out, documenting that not stated is not private", () => {
      const { props, required } = schema('ScheduleMeetingRequest');
      expect(required).not.toContain('public');
      expect(props.public.type).toBe('boolean');
      expect(props.public.description).toMatch(
        /Leave it out when the source does not say: publicity not stated is not private/,
      );
      expect(required).toContain('scheduledFor');
      expect(acceptsYear(props.scheduledFor)).toBe(true);
      expect(props.scheduledForApproximate.type).toBe('boolean');
      expect(required).not.toContain('scheduledForApproximate');
    });

    it("lets a body's founding date be left out or given to the year, and an alliance's to the year", () => {
      const body = schema('RegisterBodyRequest');
      expect(body.required).not.toContain('foundingDate');
      expect(acceptsYear(body.props.foundingDate)).toBe(true);
      expect(body.props.foundingDateApproximate.type).toBe('boolean');
      const alliance = schema('FormAllianceRequest');
      expect(alliance.required).toContain('foundingDate');
      expect(acceptsYear(alliance.props.foundingDate)).toBe(true);
      expect(alliance.props.foundingDateApproximate.type).toBe('boolean');
    });

    it("answers a meeting's publicity (public, private or not-stated) and how precisely its date is known", () => {
      const { props, required } = schema('MeetingDto');
      expect(required).toEqual(
        expect.arrayContaining(['publicity', 'scheduledForPrecision', 'scheduledForApproximate']),
      );
      expect(required).not.toContain('public');
      expect(props.publicity.enum).toEqual(['public', 'private', 'not-stated']);
      expect(props.scheduledForPrecision.enum).toEqual(['year', 'month', 'day', 'time']);
      expect(schema('MeetingRefDto').props.publicity.enum).toEqual(['public', 'private', 'not-stated']);
      expect(schema('NoticeReportDto').required).not.toContain('clearDays');
    });

    it("answers a body's founding date as given, absent when not stated", () => {
      for (const name of ['BodyDto', 'BodySummaryDto']) {
        const { props, required } = schema(name);
        expect([name, required.filter((r) => r.startsWith('foundingDate'))]).toEqual([name, []]);
        expect(props.foundingDatePrecision.enum).toEqual(['year', 'month', 'day', 'time']);
        expect(props.foundingDateApproximate.type).toBe('boolean');
      }
      expect(schema('AllianceDto').required).toEqual(
        expect.arrayContaining(['foundingDate', 'foundingDatePrecision', 'foundingDateApproximate']),
      );
    });
  });

  it('serves the docs page (/docs) as HTML', async () => {
    const res = await request(ctx.app.getHttpServer()).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/<html/i);
  });
});
