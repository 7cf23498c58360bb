import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { hashToken } from '@ledger/http';
import { runCli } from './program';

async function run(args: string[], env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    // The keys commands open no store.
    const withStore = () => Promise.reject(new Error('the keys commands open no store'));
    const code = await runCli(['node', 'ledger', ...args], {
      io: { stdout, stderr, stdin: new PassThrough() },
      withStore,
    });
    return { code, out, err };
  } finally {
    process.env = saved;
  }
}

describe('ledger keys add, list and revoke', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-keys-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("write the service's own file by default: api-keys.json beside the ledger", async () => {
    const db = join(dir, 'data', 'ledger.db');
    const added = await run(['keys', 'add', '--name', 'town-clerk', '--role', 'clerk', '--db', db]);
    expect(added.code).toBe(0);
    const file = join(dir, 'data', 'api-keys.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      { name: 'town-clerk', role: 'clerk', sha256: hashToken(added.out.trim()) },
    ]);
    expect(added.err).toMatch(/no restart is needed/);
  });

  it('list names and roles only, and revoke removes one key', async () => {
    const file = join(dir, 'keys.json');
    const clerk = await run(['keys', 'add', '--name', 'town-clerk', '--role', 'clerk', '--file', file]);
    await run(['keys', 'add', '--name', 'internal-audit', '--role', 'auditor', '--file', file]);
    const listed = await run(['keys', 'list', '--file', file]);
    expect(listed.out).toBe('town-clerk\tclerk\ninternal-audit\tauditor\n');
    expect(listed.out + listed.err).not.toContain(hashToken(clerk.out.trim()));
    const revoked = await run(['keys', 'revoke', '--name', 'town-clerk', '--file', file]);
    expect(revoked.code).toBe(0);
    expect((await run(['keys', 'list', '--file', file])).out).toBe('internal-audit\tauditor\n');
  });

  it('revoking a key that is not there names it and changes nothing', async () => {
    const file = join(dir, 'keys.json');
    await run(['keys', 'add', '--name', 'town-clerk', '--role', 'clerk', '--file', file]);
    const before = readFileSync(file, 'utf8');
    const res = await run(['keys', 'revoke', '--name', 'nobody', '--file', file]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/No key named nobody in .*keys\.json \[key-not-found\]/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
  it.each([
    ['a space', 'town clerk'],
    ['nothing', ''],
    ['65 characters', 'x'.repeat(65)],
  ])(
    'refuses a name with %s, naming the rule, and writes nothing: the file stays usable',
    async (_what, name) => {
      const file = join(dir, 'keys.json');
      const refusedFirst = await run(['keys', 'add', '--name', name, '--role', 'clerk', '--file', file]);
      expect(refusedFirst.code).toBe(1);
      expect(refusedFirst.err).toContain('a name is 1-64 letters, digits, . _ - (no spaces)');
      expect(refusedFirst.err).toMatch(/Nothing was written \[invalid-key-name\]/);
      expect(refusedFirst.out).toBe(''); // no token for a key that was not added
      expect(existsSync(file)).toBe(false);

      const leaked = await run(['keys', 'add', '--name', 'town-clerk', '--role', 'clerk', '--file', file]);
      const before = readFileSync(file, 'utf8');
      const refused = await run(['keys', 'add', '--name', name, '--role', 'auditor', '--file', file]);
      expect(refused.code).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(before);
      expect(readdirSync(dir)).toEqual(['keys.json']); // no temp file left behind either
      // The file is still the service's to read, so a leaked key can still be revoked.
      expect((await run(['keys', 'list', '--file', file])).out).toBe('town-clerk\tclerk\n');
      expect((await run(['keys', 'revoke', '--name', 'town-clerk', '--file', file])).code).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([]);
      expect(leaked.out).toMatch(/^lk_/);
    },
  );

  it('refuses a role the service does not know, before anything is written', async () => {
    const file = join(dir, 'keys.json');
    const res = await run(['keys', 'add', '--name', 'root', '--role', 'admin', '--file', file]);
    expect(res.code).toBe(1);
    expect(res.err).toMatch(/Allowed choices are clerk, auditor/);
    expect(existsSync(file)).toBe(false);
  });
});
