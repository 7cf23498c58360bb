import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * The boundaries of .dependency-cruiser.cjs (issue 13), run through dependency-cruiser's own CLI
 * with the real config: once over the real tree, which must have no violation, and once over a
 * small tree laid out like the repo in which each file breaks one rule (and a few keep to them),
 * so that a rule that stopped firing (a path that no longer matches, say) fails here.
 *
 * The CLI, not the `cruise` API: dependency-cruiser is an ES module only, which Jest's CommonJS
 * runtime cannot import.
 */

const ROOT = resolve(__dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

async function cruise(cwd: string, paths: string[]): Promise<Violation[]> {
  const { stdout } = await run(
    process.execPath,
    [DEPCRUISE, ...paths, '--config', CONFIG, '--output-type', 'json', '--no-cache'],
    // Violations are what this reads: the CLI exits non-zero when it finds some.
    { cwd, maxBuffer: 256 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => {
    if (error.stdout) return { stdout: error.stdout };
    throw error;
  });
  const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return result.summary.violations;
}

/** The files of the broken tree: each one named for the rule it breaks, or `ok-` when it breaks none. */
const FILES: Record<string, string> = {
  'libs/domain/src/index.ts': `export const DOMAIN = 1;\n`,
  'libs/event-store/src/index.ts': `export const STORE = 1;\n`,
  'libs/recording/src/index.ts': `export const RECORDING = 1;\n`,
  'libs/recording/src/stream-loader.ts': `export const LOADER = 1;\n`,
  'libs/http/src/index.ts': `export const HTTP = 1;\n`,
  'libs/http/src/auth/authenticator.ts': `export const AUTH = 1;\n`,

  'libs/domain/src/imports-a-lib.ts': `import { STORE } from '@ledger/event-store';\nexport const X = STORE;\n`,
  'libs/domain/src/imports-a-framework.ts': `import { Injectable } from '@nestjs/common';\nexport const X = Injectable;\n`,
  'libs/domain/src/ok-node-builtin.ts': `import { randomUUID } from 'node:crypto';\nexport const X = randomUUID;\n`,
  'libs/domain/src/ok-test-tool.spec.ts': `import fc from 'fast-check';\nexport const X = fc;\n`,
  'libs/domain/src/testing/ok-test-tool.ts': `import fc from 'fast-check';\nexport const X = fc;\n`,
  'libs/domain/src/framework-in-a.spec.ts': `import { Test } from '@nestjs/testing';\nexport const X = Test;\n`,

  'libs/integrity/src/imports-the-domain.ts': `import { DOMAIN } from '@ledger/domain';\nexport const X = DOMAIN;\n`,
  'libs/integrity/src/imports-a-framework.ts': `import type { FastifyInstance } from 'fastify';\nexport type X = FastifyInstance;\n`,
  'libs/integrity/src/ok-store-and-allowed-packages.ts':
    `import canonicalize from 'canonicalize';\nimport type Database from 'better-sqlite3';\n` +
    `import { STORE } from '@ledger/event-store';\nexport const X = [canonicalize, STORE];\nexport type D = Database.Database;\n`,

  'libs/integrity/src/merkle/imports-the-store.ts': `import { STORE } from '@ledger/event-store';\nexport const X = STORE;\n`,
  'libs/integrity/src/merkle/ok-node-and-merkle.ts': `import { createHash } from 'node:crypto';\nimport { X } from './imports-the-store';\nexport const Y = [createHash, X];\n`,

  'libs/event-store/src/imports-a-lib.ts': `import type { DOMAIN } from '@ledger/domain';\nexport type X = typeof DOMAIN;\n`,

  'libs/projections/src/imports-recording.ts': `import { RECORDING } from '@ledger/recording';\nexport const X = RECORDING;\n`,
  'libs/projections/src/ok-records-in.spec.ts': `import { RECORDING } from '@ledger/recording';\nexport const X = RECORDING;\n`,

  'libs/cli/src/deep-import.ts': `import { AUTH } from '@ledger/http/auth/authenticator';\nexport const X = AUTH;\n`,
  'libs/cli/src/ok-public-index.ts': `import { HTTP } from '@ledger/http';\nexport const X = HTTP;\n`,
  'test/deep-import.ts': `import { LOADER } from '@ledger/recording/stream-loader';\nexport const X = LOADER;\n`,

  // A loop through type-only imports: invisible to the compiled code, still a loop.
  'libs/cli/src/loop-a.ts': `import type { B } from './loop-b';\nexport interface A { b?: B }\n`,
  'libs/cli/src/loop-b.ts': `import type { A } from './loop-a';\nexport interface B { a?: A }\n`,
};

describe('the boundaries between the libs (.dependency-cruiser.cjs)', () => {
  let dir: string;
  let broken: Violation[];
  let real: Violation[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'boundaries-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    // The real tsconfig (its @ledger/* paths) and packages, so the imports resolve as in the repo.
    writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(ROOT, 'tsconfig.json')));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    [broken, real] = await Promise.all([
      cruise(dir, ['libs', 'test']),
      cruise(ROOT, ['apps', 'libs', 'test']),
    ]);
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const firing = (rule: string) =>
    broken
      .filter((v) => v.rule.name === rule)
      .map((v) => v.from)
      .sort();

  it('the real tree keeps to every rule', () => {
    expect(real.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });

  it.each([
    ['domain-imports-no-lib', ['libs/domain/src/imports-a-lib.ts']],
    ['domain-imports-no-framework', ['libs/domain/src/imports-a-framework.ts']],
    ['domain-tests-use-only-test-tools', ['libs/domain/src/framework-in-a.spec.ts']],
    ['integrity-imports-only-the-event-store', ['libs/integrity/src/imports-the-domain.ts']],
    ['integrity-imports-no-framework', ['libs/integrity/src/imports-a-framework.ts']],
    ['merkle-verifier-is-pure', ['libs/integrity/src/merkle/imports-the-store.ts']],
    ['event-store-imports-no-lib', ['libs/event-store/src/imports-a-lib.ts']],
    ['projections-do-not-import-recording', ['libs/projections/src/imports-recording.ts']],
    ['no-deep-import-into-a-lib', ['libs/cli/src/deep-import.ts', 'test/deep-import.ts']],
  ])('%s fires on the file that breaks it, and on no other', (rule, files) => {
    expect(firing(rule)).toEqual(files);
  });

  it('no-circular fires on the loop (type-only imports included), reported from one of its files', () => {
    const loop = broken.filter((v) => v.rule.name === 'no-circular');
    expect(loop.length).toBeGreaterThan(0);
    for (const v of loop) expect(['libs/cli/src/loop-a.ts', 'libs/cli/src/loop-b.ts']).toContain(v.from);
  });

  it('every violation in the broken tree is one of those above: the allowed imports pass', () => {
    const allowed = broken.filter((v) => v.from.includes('/ok-'));
    expect(allowed).toEqual([]);
  });
});
