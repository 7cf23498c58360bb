import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

/** Runs a linter's CLI; a non-zero exit with JSON on stdout is a finding, not a crash. */
async function lint(args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    if (stdout?.trim()) return stdout;
    throw new Error(`${args[0]} did not run: ${stderr}`, { cause: error });
  }
}

/*
 * The document as third-party tools judge it, each run once on the document the service serves:
 * Redocly's recommended rules (0 errors, 0 warnings) and Spectral's OpenAPI rules from the
 * ruleset at the root, `.spectral.yaml`, which disables none (0 errors, 0 warnings).
 */
describe('the OpenAPI document under third-party linters', () => {
  let ctx: TestApp;
  let dir: string;
  let file: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    const res = await request(ctx.app.getHttpServer()).get('/openapi.json').expect(200);
    dir = mkdtempSync(join(tmpdir(), 'ledger-lint-'));
    file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(res.body));
  });
  afterAll(async () => {
    await ctx?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('passes Redocly lint with no error and no warning', async () => {
    const out = JSON.parse(
      await lint([join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=json']),
    );
    const findings = out.problems.map(
      (p: { ruleId: string; message: string; location: Array<{ pointer: string }> }) =>
        `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
    );
    expect(findings).toEqual([]);
    expect(out.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("passes Spectral's spectral:oas rules with no error and no warning", async () => {
    const out = await lint([
      join(ROOT, 'node_modules/@stoplight/spectral-cli/dist/index.js'),
      'lint',
      file,
      '--ruleset',
      join(ROOT, '.spectral.yaml'),
      '--format',
      'json',
      '--fail-severity',
      'warn',
    ]);
    const json = out.slice(0, out.lastIndexOf(']') + 1);
    const findings = (JSON.parse(json) as Array<{ code: string; message: string; path: string[] }>).map(
      (f) => `${f.code} ${f.path.join('.')}: ${f.message}`,
    );
    expect(findings).toEqual([]);
  });

  it('declares servers, tags, a licence, a description on every operation, and optional security on reads', async () => {
    const doc = (await request(ctx.app.getHttpServer()).get('/openapi.json')).body;
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(doc.info.license.name).toBe('MIT');
    const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
    for (const [path, methods] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(methods)) {
        expect({
          path,
          method,
          described: Boolean(op.description),
          tagged: op.tags.every((t: string) => tags.has(t)),
        }).toEqual({ path, method, described: true, tagged: true });
        expect({ path, method, security: op.security }).toEqual({
          path,
          method,
          security: method === 'get' ? [{}, { bearer: [] }] : [{ bearer: [] }],
        });
      }
    }
  });
});
