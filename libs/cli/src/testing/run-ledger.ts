import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, type LedgerConfig } from '@ledger/platform';
import { nestStoreAccess } from '../nest-store-access';
import { runCli } from '../program';
import { captureIo } from './cli-fixtures';

/** What apps/ledger-cli's CliModule is: PlatformModule for the config, nothing else. */
@Module({})
class TestCliModule {
  static register(config: LedgerConfig): DynamicModule {
    return { module: TestCliModule, imports: [PlatformModule.forRoot(config)] };
  }
}

export interface LedgerRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `ledger <args>` as apps/ledger-cli does, with `env` laid over the environment for this run
 * only: the commands that open no Nest context (verify, repair, backup, restore) read their
 * configuration from process.env itself, so a test of another store sets it there.
 */
export async function runLedger(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<LedgerRun> {
  const saved = process.env;
  process.env = { ...saved, ...env };
  try {
    const captured = captureIo();
    const code = await runCli(['node', 'ledger', ...args], {
      io: captured.io,
      withStore: nestStoreAccess((config) => TestCliModule.register(config), process.env),
    });
    return { code, out: captured.out.text(), err: captured.err.text() };
  } finally {
    process.env = saved;
  }
}
