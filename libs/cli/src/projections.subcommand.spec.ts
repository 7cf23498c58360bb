import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { EVENT_STORE, type EventStore, type NewEvent } from '@ledger/event-store';
import { loadConfig, PlatformModule, type LedgerConfig } from '@ledger/platform';
import { PROJECTION_VERSION, ReadModelFolder } from '@ledger/projections';
import { CommandRunner, RecordingModule } from '@ledger/recording';
import { recordStory } from '@ledger/recording/testing';
import { nestStoreAccess } from './nest-store-access';
import { createProgram, runCli } from './program';
import { captureIo, openStore, tempDir } from './testing/cli-fixtures';

/** What apps/ledger-cli's CliModule is: PlatformModule for the config; the projections commands add the read side themselves. */
@Module({})
class TestCliModule {
  static register(config: LedgerConfig): DynamicModule {
    return { module: TestCliModule, imports: [PlatformModule.forRoot(config)] };
  }
}

/** Records the story of the four reports through the command side (CommandRunner), on the ledger at `path`. */
async function recordStoryInto(path: string): Promise<number> {
  const config = loadConfig(
    {},
    { LEDGER_DB_PATH: path, LEDGER_SQLITE_SYNCHRONOUS: 'OFF', LOG_LEVEL: 'silent', LOG_FORMAT: 'json' },
  );
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot(config), CqrsModule.forRoot(), RecordingModule],
  }).compile();
  await moduleRef.init();
  try {
    const runner = moduleRef.get(CommandRunner);
    const store = moduleRef.get<EventStore>(EVENT_STORE);
    await recordStory((command, context) => runner.record(command, context), store);
    return await store.head();
  } finally {
    await moduleRef.close();
  }
}

/** `count` valid events appended directly: people registered, each in its own stream. */
async function registerPeople(path: string, count: number, prefix: string): Promise<number> {
  const store = openStore(path);
  try {
    for (let start = 0; start < count; start += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, count - start) }, (_, k) => {
          const personId = `${prefix}-${start + k}`;
          const event: NewEvent = {
            id: randomUUID(),
            type: 'PersonRegistered',
            data: { personId, name: `Person ${start + k}` },
            metadata: {
              occurredAt: '2014-01-01T00:00:00.000Z',
              actor: 'clerk:test',
              source: { kind: 'test', reference: 'projections.subcommand.spec' },
            },
          };
          return store.append(`person-${personId}`, [event]);
        }),
      );
    }
    return await store.head();
  } finally {
    await store.close();
  }
}

/** The read models the CLI left on disk: the current generation's rows, table by table. */
function storedReadModels(path: string): {
  generation: number;
  checkpoint: number;
  dump: Record<string, unknown[]>;
} {
  const rm = new ReadModelFolder(path).openCurrent();
  if (!rm) throw new Error(`no current read models for ${path}`);
  try {
    return { generation: rm.generation, checkpoint: rm.checkpoint, dump: rm.dump() };
  } finally {
    rm.close();
  }
}

describe('ledger projections status / rebuild (commander, parsed in-process, Nest context on a real SQLite file)', () => {
  const tmp = tempDir();
  const db = tmp.path('ledger.db');
  const generations = (path: string) =>
    readdirSync(`${path}.read`)
      .filter((f) => f.endsWith('.db'))
      .sort();
  let head: number;

  const cli = (options: { signal?: AbortSignal } = {}) => {
    const captured = captureIo(options);
    const deps = {
      io: captured.io,
      withStore: nestStoreAccess((config) => TestCliModule.register(config), {}),
    };
    return { ...captured, deps, program: createProgram(deps) };
  };

  beforeAll(async () => {
    head = await recordStoryInto(db);
  });
  afterAll(() => tmp.cleanup());

  it('the story is recorded through CommandRunner, with no read models yet', () => {
    expect(head).toBeGreaterThan(50);
    expect(existsSync(`${db}.read`)).toBe(false);
  });

  it('status --db builds the first generation when there is none, prints lag 0 and the head, and closes everything', async () => {
    const { program, out, err } = cli();
    await program.parseAsync(['node', 'ledger', 'projections', 'status', '--db', db]);
    expect(JSON.parse(out.text())).toEqual({
      version: PROJECTION_VERSION,
      generation: 1,
      checkpoint: head,
      head,
      lag: 0,
      mode: 'subscription',
    });
    expect(err.text()).toBe('No read models for this version yet: building them from the whole log first…\n');
    expect(generations(db)).toEqual(['gen-1.db']);
    expect(existsSync(`${db}-wal`)).toBe(false); // the context closed the store
    expect(existsSync(`${db}.read/gen-1.db-wal`)).toBe(false); // and the read models
    const stored = storedReadModels(db);
    expect(stored).toMatchObject({ generation: 1, checkpoint: head });
    expect(stored.dump.rm_proposals.length).toBe(4); // the story's four proposals
  });

  it('status again opens the same generation (no rebuild at start)', async () => {
    const { program, out, err } = cli();
    await program.parseAsync(['node', 'ledger', '--db', db, 'projections', 'status']);
    expect(JSON.parse(out.text())).toMatchObject({ generation: 1, checkpoint: head, head, lag: 0 });
    expect(err.text()).toBe('');
  });

  it('rebuild writes the next generation with the same rows, switches to it, deletes the old one, and prints the new status', async () => {
    const before = storedReadModels(db);
    const { program, out, err } = cli();
    await program.parseAsync(['node', 'ledger', 'projections', 'rebuild', '--db', db]);
    expect(JSON.parse(out.text())).toEqual({
      version: PROJECTION_VERSION,
      generation: 2,
      checkpoint: head,
      head,
      lag: 0,
      mode: 'subscription',
    });
    expect(err.text()).toBe(''); // not a terminal: no progress bar
    expect(generations(db)).toEqual(['gen-2.db']);
    const after = storedReadModels(db);
    expect(after.generation).toBe(2);
    expect(after.dump).toEqual(before.dump);
    expect(Object.values(after.dump).reduce((n, rows) => n + rows.length, 0)).toBeGreaterThan(head);
  });

  it('status sees events recorded while no projection ran: the new head, and the checkpoint plus the lag reach it', async () => {
    const newHead = await registerPeople(db, 3, 'late');
    expect(newHead).toBe(head + 3);
    const { program, out } = cli();
    await program.parseAsync(['node', 'ledger', 'projections', 'status', '--db', db]);
    const status = JSON.parse(out.text());
    expect(status).toMatchObject({ generation: 2, head: newHead });
    // The stored generation was at `head`; the command's own subscription may have caught up part of the way already.
    expect(status.checkpoint).toBeGreaterThanOrEqual(head);
    expect(status.checkpoint + status.lag).toBe(newHead);
    head = newHead;
  });

  it('Ctrl-C during a rebuild stops it with exit 130; the generation in use stays, and the next rebuild clears the partial one', async () => {
    const controller = new AbortController();
    controller.abort(); // pressed before the first page is applied
    const interrupted = cli({ signal: controller.signal });
    expect(await runCli(['node', 'ledger', 'projections', 'rebuild', '--db', db], interrupted.deps)).toBe(
      130,
    );
    expect(interrupted.err.lines()).toEqual([
      'rebuild interrupted: the read models in use are unchanged',
      'ledger: Rebuild interrupted [interrupted]',
    ]);
    expect(interrupted.out.text()).toBe('');
    expect(storedReadModels(db).generation).toBe(2);

    const again = cli();
    expect(await runCli(['node', 'ledger', 'projections', 'rebuild', '--db', db], again.deps)).toBe(0);
    const status = JSON.parse(again.out.text());
    expect(status).toMatchObject({ head, checkpoint: head, lag: 0 });
    expect(status.generation).toBeGreaterThan(2);
    expect(generations(db)).toEqual([`gen-${status.generation}.db`]);
  });

  it('Ctrl-C pressed while the pages are being applied stops the rebuild at the next page', async () => {
    const big = tmp.path('interrupted.db');
    await registerPeople(big, 24_000, 'i');
    const controller = new AbortController();
    const interrupted = cli({ signal: controller.signal });
    interrupted.err.isTTY = true;
    // Pressed once the bar shows the first page applied: a macrotask, as a signal is.
    interrupted.err.onWrite = (text) => {
      if (/\| [1-9]\d*\/\d+ events/.test(text) && !controller.signal.aborted)
        setImmediate(() => controller.abort());
    };
    expect(await runCli(['node', 'ledger', 'projections', 'rebuild', '--db', big], interrupted.deps)).toBe(
      130,
    );
    expect(interrupted.err.text()).toMatch(
      /rebuild interrupted: the read models in use are unchanged\nledger: Rebuild interrupted \[interrupted\]\n$/,
    );
    expect(interrupted.out.text()).toBe('');
  });

  it('on a terminal, rebuild draws a progress bar of events applied over the head on stderr; stdout keeps only the JSON', async () => {
    const big = tmp.path('big.db');
    const bigHead = await registerPeople(big, 1500, 'p');
    const { program, out, err } = cli();
    err.isTTY = true;
    await program.parseAsync(['node', 'ledger', 'projections', 'rebuild', '--db', big]);
    expect(err.text()).toMatch(`rebuild [`);
    expect(err.text()).toMatch(new RegExp(`100% \\| ${bigHead}/${bigHead} events`));
    expect(JSON.parse(out.text())).toMatchObject({
      generation: 2,
      checkpoint: bigHead,
      head: bigHead,
      lag: 0,
    });
    expect(storedReadModels(big).dump.rm_people.length).toBe(1500);
  });

  it('--help lists the projections commands', async () => {
    const { deps, out } = cli();
    expect(await runCli(['node', 'ledger', 'projections', '--help'], deps)).toBe(0);
    expect(out.text()).toMatch(/status\s+print the read models' status as JSON/);
    expect(out.text()).toMatch(/rebuild\s+rebuild the read models from the whole log/);
  });
});
