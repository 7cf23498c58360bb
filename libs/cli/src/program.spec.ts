import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type LedgerConfig } from '@ledger/platform';
import type { StoredEvent } from '@ledger/event-store';
import { nestStoreAccess } from './nest-store-access';
import { createProgram, runCli } from './program';
import { captureIo, openStore, readAllOf, seed, tempDir } from './testing/cli-fixtures';

/** What apps/ledger-cli's CliModule is: PlatformModule for the config, nothing else. */
@Module({})
class TestCliModule {
  static register(config: LedgerConfig): DynamicModule {
    return { module: TestCliModule, imports: [PlatformModule.forRoot(config)] };
  }
}

const COUNT = 120;

describe('the ledger program (commander, parsed in-process, Nest context on a real SQLite file)', () => {
  const tmp = tempDir();
  const db = tmp.path('ledger.db');
  let all: StoredEvent[];

  /** The program as main.ts builds it, with a given environment and captured streams. */
  const cli = (env: Record<string, string | undefined> = {}, stdin?: string) => {
    const captured = captureIo({ stdin });
    const deps = {
      io: captured.io,
      withStore: nestStoreAccess((config) => TestCliModule.register(config), env),
    };
    return { ...captured, deps, program: createProgram(deps) };
  };

  beforeAll(async () => {
    const store = openStore(db);
    await seed(store, COUNT);
    all = await readAllOf(store);
    await store.close();
  });
  afterAll(() => tmp.cleanup());

  it('store info --db <path> prints the head, then closes the store', async () => {
    const { program, out, err } = cli();
    await program.parseAsync(['node', 'ledger', 'store', 'info', '--db', db]);
    expect(JSON.parse(out.text())).toMatchObject({
      kind: 'sqlite',
      head: COUNT,
      eventCount: COUNT,
      details: { path: db, journalMode: 'wal' },
    });
    expect(err.text()).toBe('');
    expect(existsSync(`${db}-wal`)).toBe(false); // the last connection closed: the context closed the store
  });

  it('--db before the command works as well, and overrides LEDGER_DB_PATH', async () => {
    const { program, out } = cli({ LEDGER_DB_PATH: tmp.path('other.db') });
    await program.parseAsync(['node', 'ledger', '--db', db, 'store', 'info']);
    expect(JSON.parse(out.text()).head).toBe(COUNT);
  });

  it('LEDGER_DB_PATH is used without --db', async () => {
    const { program, out } = cli({ LEDGER_DB_PATH: db });
    await program.parseAsync(['node', 'ledger', 'store', 'info']);
    expect(JSON.parse(out.text()).head).toBe(COUNT);
  });

  it('events export with filters and --from, then events import into another ledger, then a re-import', async () => {
    const { program, out, err } = cli();
    await program.parseAsync([
      'node',
      'ledger',
      'events',
      'export',
      '--db',
      db,
      '--from',
      '20',
      '--types',
      'VoteCast,MeetingHeld',
      '--stream-prefix',
      'meeting-',
      'proposal-',
    ]);
    const expected = all.filter(
      (e) =>
        e.position > 20 &&
        ['VoteCast', 'MeetingHeld'].includes(e.type) &&
        /^(meeting|proposal)-/.test(e.stream),
    );
    expect(out.lines().map((line) => JSON.parse(line))).toEqual(expected);
    const last = expected[expected.length - 1].position;
    expect(err.text()).toBe(
      `exported ${expected.length} events, last position ${last}; resume with --from ${last}\n`,
    );

    const file = tmp.path('all.ndjson');
    await cli().program.parseAsync(['node', 'ledger', 'events', 'export', '--db', db, '--out', file]);
    const target = tmp.path('restored.db');
    const first = cli({}, readFileSync(file, 'utf8'));
    await first.program.parseAsync([
      'node',
      'ledger',
      '--db',
      target,
      'events',
      'import',
      '-',
      '--chunk-size',
      '50',
    ]);
    expect(first.err.text()).toBe(`imported ${COUNT} events, skipped 0 already present (${COUNT} lines)\n`);
    const again = cli();
    await again.program.parseAsync(['node', 'ledger', 'events', 'import', file, '--db', target]);
    expect(again.err.text()).toMatch(`imported 0 events, skipped ${COUNT} already present`);

    const restored = openStore(target);
    expect(await readAllOf(restored)).toEqual(all);
    await restored.close();
  });

  it('--help lists every command; exit 0', async () => {
    const { deps, out } = cli();
    expect(await runCli(['node', 'ledger', '--help'], deps)).toBe(0);
    expect(out.text()).toMatch(/events\s+Export and import/);
    expect(out.text()).toMatch(/store\s+Inspect the event store/);
    for (const command of ['ledger events export', 'ledger events import', 'ledger store info'])
      expect(out.text()).toContain(command);
  });

  it('--help gives every command in full, with its arguments and the options it requires', async () => {
    const { deps, out } = cli();
    expect(await runCli(['node', 'ledger', '--help'], deps)).toBe(0);
    const leaves = (command: Command, path: string[]): string[][] =>
      command.commands.length === 0
        ? [path]
        : command.commands.filter((c) => c.name() !== 'help').flatMap((c) => leaves(c, [...path, c.name()]));
    const program = createProgram(deps);
    const full = out.text().split('Commands in full:')[1] ?? '';
    for (const path of leaves(program, ['ledger'])) expect(full).toContain(path.join(' '));
    expect(full).toContain('ledger keys revoke --name <name> [--file <file>]');
    expect(full).toContain('ledger restore <backup>');
  });

  it("every command's own --help describes it (what it does, and for whom where it matters)", async () => {
    const leaves = (command: Command, path: string[]): Array<{ path: string[]; command: Command }> =>
      command.commands.length === 0
        ? [{ path, command }]
        : command.commands.filter((c) => c.name() !== 'help').flatMap((c) => leaves(c, [...path, c.name()]));
    const all = leaves(createProgram(cli().deps), []);
    expect(all.map((l) => l.path.join(' '))).toEqual(
      expect.arrayContaining(['verify', 'repair', 'verify-proof', 'checkpoint', 'keys add', 'story load']),
    );
    for (const { path, command } of all) {
      const { deps, out } = cli();
      expect(await runCli(['node', 'ledger', ...path, '--help'], deps)).toBe(0);
      const text = out.text().replace(/\s+/g, ' ');
      const described = { command: path.join(' '), description: command.description() };
      expect(described).toEqual({
        command: described.command,
        description: expect.stringMatching(/^\S.{40,}/),
      });
      expect(text).toContain(described.description.replace(/\s+/g, ' '));
    }
  });

  it('a bad configuration prints every problem and exits 2, opening nothing', async () => {
    const { deps, err, out } = cli({ LEDGER_SQLITE_SYNCHRONOUS: 'SOMETIMES' });
    expect(await runCli(['node', 'ledger', 'store', 'info', '--db', tmp.path('never.db')], deps)).toBe(2);
    expect(err.text()).toMatch(/Invalid configuration:\n {2}- LEDGER_SQLITE_SYNCHRONOUS="SOMETIMES"/);
    expect(out.text()).toBe('');
    expect(existsSync(tmp.path('never.db'))).toBe(false);
  });

  it("a store error prints one line with the store's code and exits 1", async () => {
    const { deps, err, out } = cli();
    expect(
      await runCli(['node', 'ledger', 'events', 'export', '--db', db, '--recorded-until', 'yesterday'], deps),
    ).toBe(1);
    expect(err.text()).toBe(
      'ledger: --recorded-until must be an ISO 8601 date or timestamp [invalid-read-option]\n',
    );
    expect(out.text()).toBe('');
  });

  it('a malformed import line: one line naming it, the counts before it, exit 1', async () => {
    const lines = all.slice(0, 5).map((e) => JSON.stringify(e));
    lines.splice(3, 0, 'not json');
    const { deps, err } = cli({}, `${lines.join('\n')}\n`);
    expect(
      await runCli(['node', 'ledger', 'events', 'import', '-', '--db', tmp.path('partial.db')], deps),
    ).toBe(1);
    expect(err.lines()).toEqual([
      'imported 3 events, skipped 0 already present before the import stopped',
      expect.stringMatching(/^ledger: import stopped at line 4: not valid JSON \(.+\) \[malformed-line\]$/),
    ]);
  });

  it('usage errors are commander’s, on stderr, exit 1', async () => {
    const { deps, err } = cli();
    expect(await runCli(['node', 'ledger', 'events', 'export', '--from', '-1'], deps)).toBe(1);
    expect(err.text()).toMatch("option '--from <position>' argument '-1' is invalid");
    const unknown = cli();
    expect(await runCli(['node', 'ledger', 'events', 'frobnicate'], unknown.deps)).toBe(1);
    expect(unknown.err.text()).toMatch(/unknown command 'frobnicate'/);
  });
});
