import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@ledger/http';
import { loadConfig, type LedgerConfig } from '@ledger/platform';
import { AppModule } from '../../apps/ledger-api/src/app.module';

/** The real service on a temporary SQLite file, as the e2e tests drive it. */
export async function startTestApp(overrides: Partial<LedgerConfig> = {}): Promise<{
  app: NestFastifyApplication;
  config: LedgerConfig;
  stop(): Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadConfig({}, { LEDGER_DB_PATH: join(dir, 'ledger.db'), LOG_LEVEL: 'silent', LOG_FORMAT: 'json', ...overrides });
  const app = await createHttpApp(AppModule.register(config));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    async stop() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
