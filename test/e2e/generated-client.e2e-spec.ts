import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Middleware } from 'openapi-fetch';
import { OpenApiResponseValidator } from '../support/openapi-validator';
import { startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const FIXTURE = join(ROOT, 'test/generated-client/story-client.ts');

/** Reads the fixture leaves out: the NDJSON export is a stream, not JSON, and this ledger has no signing key. */
const NOT_EXERCISED = new Set(['exportEvents', 'getPublicKey']);

/*
 * A client as a third party would make one: types generated once from /openapi.json by
 * openapi-typescript into a temp folder, the fixture type-checked against them with tsc --strict
 * (it has no cast), then run through openapi-fetch against the live server, with every answer,
 * reads included, checked against the schema the document declares for it.
 */
describe('a client generated from the OpenAPI document', () => {
  let ctx: TestApp;
  let dir: string;
  let validator: OpenApiResponseValidator;
  let baseUrl: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    await ctx.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(ctx.app.getHttpServer().address() as { port: number }).port}`;
    const document = await (await fetch(`${baseUrl}/openapi.json`)).json();
    validator = new OpenApiResponseValidator(
      document as ConstructorParameters<typeof OpenApiResponseValidator>[0],
    );
    dir = mkdtempSync(join(tmpdir(), 'ledger-client-'));
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(document));
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'),
        join(dir, 'openapi.json'),
        '-o',
        join(dir, 'ledger-openapi.d.ts'),
      ],
      { cwd: ROOT },
    );
  });
  afterAll(async () => {
    await ctx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('type-checks under tsc --strict with no cast', async () => {
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: 'ES2022',
        module: 'commonjs',
        moduleResolution: 'bundler',
        lib: ['ES2023'],
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        skipLibCheck: true,
        paths: { 'ledger-openapi': [join(dir, 'ledger-openapi.d.ts')] },
      },
      files: [FIXTURE],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const checked = await run(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')],
      { cwd: ROOT },
    ).catch((e: { stdout: string }) => ({ stdout: e.stdout, failed: true }));
    expect(checked.stdout).toBe('');
    // It would not compile with a read documented as a bare object, nor with a cast hiding one.
    const source = readFileSync(FIXTURE, 'utf8');
    expect(source).not.toMatch(/\bas (any|unknown|never)\b|<any>|as [A-Z]\w*(\[|<|;|\))/);
  });

  it('records the story and reads every kind of thing back, every answer matching its schema', async () => {
    const problems: string[] = [];
    const middleware: Middleware = {
      async onResponse({ request, response, schemaPath }) {
        const contentType = response.headers.get('content-type') ?? '';
        const body = /json/.test(contentType) ? await response.clone().json() : await response.clone().text();
        const problem = validator.check(request.method, schemaPath, response.status, contentType, body);
        if (problem) problems.push(problem);
      },
    };
    // Loaded by path, not imported: its types come from the generated file, which only the check above sees.
    // (So this spec sees none of them either, and reads the answer untyped.)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- by path, on purpose (above)
    const { recordAndReadBack } = require(FIXTURE) as { recordAndReadBack: (o: object) => Promise<any> };
    const read = await recordAndReadBack({
      baseUrl,
      clerk: ctx.tokens.clerk,
      auditor: ctx.tokens.auditor,
      middleware,
    });
    expect(problems).toEqual([]);

    expect(read.statusBefore).toBe('recommended');
    expect(['ok', 'pending']).toContain(read.verificationState);
    expect(read.exported.organizations).toBeGreaterThan(5);
    expect(read.exported.ocdEvents).toBeGreaterThan(0);
    // Each CSV has its header row and at least one row.
    expect(read.exported.csvRows.every((n: number) => n >= 2)).toBe(true);
    // Every member the alliance's rule needs: the chief constables too (issue 16).
    expect([...read.waitingForOnAbolition].sort()).toEqual([
      'cc-bedfordshire',
      'cc-cambridgeshire',
      'cc-hertfordshire',
      'pcc-bedfordshire',
      'pcc-cambridgeshire',
      'pcc-hertfordshire',
    ]);
    expect(read.statusNow).toBe('discontinued');
    expect(read.positions.filter((p: string) => p.startsWith('pcc-')).sort()).toEqual([
      'pcc-bedfordshire:rejected',
      'pcc-cambridgeshire:rejected',
      'pcc-hertfordshire:rejected',
    ]);
    expect(read.claimSources).toEqual([
      'value-77m:77000000:worth up to £77m per year',
      'gap-73m:73000000:a £73million funding shortfall',
    ]);
    expect(read.decidedBy).toContain('Sir Graham Bright (Police and Crime Commissioner for Cambridgeshire)');
    expect(read.parts).toEqual([
      'discontinue-hertfordshire:reject:David Lloyd',
      'jwg-g4s-recommendation:3',
      'gap-73m:73000000:news-report',
    ]); // corrected since: the figure changes, not where it was recorded from
    expect(read.successor).toBe('Police and Crime Commissioner for Hertfordshire');
    expect(read.officeHolder).toBe('Sir Graham Bright, Police and Crime Commissioner for Cambridgeshire');
    expect(read.person).toBe('Sir Graham Bright');
    expect([read.allianceRule, read.members]).toEqual(['unanimity', 6]);
    expect(read.vote).toEqual({ result: 'passed', ballots: ['David Lloyd:yes'] });
    expect(read.meetingTitle).toBe(
      'Police and Crime Commissioners of the Strategic Alliance, chaired by Sir Graham Bright',
    );
    // Issue 16, typed by the generated client: publicity not stated, a month approximate, no founding date.
    expect(read.notStated).toEqual({
      publicity: 'not-stated',
      scheduledFor: '2012-08',
      precision: 'month',
      approximate: true,
      foundingDate: undefined,
    });
    expect(read.registers).toEqual({
      meetings: 2,
      decisions: 3,
      recommendations: 1,
      bodies: 10,
      votes: 1,
      personDecisions: ['discontinue-hertfordshire:decision-maker'],
      proposals: 2,
    });
    expect(read.historyPages).toBeGreaterThan(3);
    expect(read.auditTypes).toEqual(
      expect.arrayContaining(['BodyRegistered', 'AllianceFormed', 'BodyAbolished']),
    );
    expect(read.diff).toEqual(
      expect.arrayContaining(['RecommendationIssued:recommended', 'ProposalDiscontinued:discontinued']),
    );
    expect(read.problems).toBeGreaterThan(40);
    expect(read.proofPath).toBeGreaterThan(0);
    expect(read.document).toBe(
      `decision-notice:${Buffer.byteLength('Decision notice: the alliance discontinued negotiations with G4S.')}:true:true`,
    );
    expect(read.question).toBe('David Lloyd: No: the negotiations have ended.');
    expect(read.review).toEqual(['r1:accept:Police and Crime Commissioner for Hertfordshire']);

    // Every read the document declares was called and checked.
    const reads = Object.values(validator.document.paths).flatMap((methods) =>
      methods.get ? [methods.get.operationId] : [],
    );
    const checked = new Set([...validator.checked].map((c) => c.split(' ')[0]));
    expect(reads.filter((r) => !NOT_EXERCISED.has(r) && !checked.has(r))).toEqual([]);
  });
});
