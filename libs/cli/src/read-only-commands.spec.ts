import { existsSync, readdirSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type LedgerConfig } from '@ledger/platform';
import { nestStoreAccess } from './nest-store-access';
import { runCli } from './program';
import { captureIo, openStore, seed, tempDir } from './testing/cli-fixtures';

@Module({})
class TestCliModule {
  static register(config: LedgerConfig): DynamicModule {
    return { module: TestCliModule, imports: [PlatformModule.forRoot(config)] };
  }
}

const cli = async (args: string[], options: { tty?: boolean } = {}) => {
  const captured = captureIo();
  captured.err.isTTY = options.tty ?? false;
  const code = await runCli(['node', 'ledger', ...args], {
    io: captured.io,
    withStore: nestStoreAccess((config) => TestCliModule.register(config), {}),
  });
  return { code, out: captured.out.text(), err: captured.err.text() };
};

/** A command that only reads refuses a ledger that is not there, naming the path, and creates nothing. */
describe('read-only commands on a mistyped --db', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it.each([
    'store info',
    'projections status',
    'projections rebuild',
    'events export',
    'checkpoint',
    'verify',
  ])('ledger %s: exit 1, the path named, nothing created', async (command) => {
    const db = tmp.path('leger.db');
    const res = await cli([...command.split(' '), '--db', db]);
    expect(res.code).toBe(1);
    expect(res.err).toBe(
      `ledger: No ledger at ${db} (from --db or LEDGER_DB_PATH); nothing was created. Check the path. [no-ledger]\n`,
    );
    expect(res.out).toBe('');
    expect(readdirSync(tmp.dir)).toEqual([]);
  });
});

describe('ledger verify', () => {
  const tmp = tempDir();
  const db = tmp.path('ledger.db');
  beforeAll(async () => {
    const store = openStore(db);
    await seed(store, 12_000);
    await store.close();
  });
  afterAll(() => tmp.cleanup());

  it('names a key or checkpoint file that is not there', async () => {
    const key = await cli(['verify', '--db', db, '--key', tmp.path('nokey.pem')]);
    expect(key.code).toBe(1);
    expect(key.err).toBe(
      `ledger: Public key ${tmp.path('nokey.pem')} cannot be read: there is no such file [unreadable-file]\n`,
    );
    const checkpoint = await cli(['verify', '--db', db, '--checkpoint', tmp.path('old.json')]);
    expect(checkpoint.err).toMatch(
      `Checkpoint ${tmp.path('old.json')} cannot be read: there is no such file`,
    );
    expect(existsSync(tmp.path('old.json'))).toBe(false);
  });

  it('shows its progress on a terminal, and clears it before the summary', async () => {
    const res = await cli(['verify', '--db', db], { tty: true });
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/verify \[.*\] \d+% \| \d+\/12000 events/);
    expect(res.err).toMatch(/OK: 12000 events, 60 streams, tree of 12000 with root [0-9a-f]{64}\n$/);
    expect(JSON.parse(res.out)).toMatchObject({ ok: true, eventsChecked: 12000 });
  });
});
