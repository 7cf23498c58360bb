import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, type EventStore } from '@ledger/event-store';
import { createHttpApp, hashToken } from '@ledger/http';
import { loadConfig, type LedgerConfig } from '@ledger/platform';
import { ProjectionService } from '@ledger/projections';
import { registerWeb } from '@ledger/web';
import { AppModule } from '../../apps/ledger-api/src/app.module';

export interface TestApp {
  app: NestFastifyApplication;
  config: LedgerConfig;
  store: EventStore;
  /** Bearer tokens of the API keys written for this app. */
  tokens: { clerk: string; auditor: string };
  /** Sets the store's clock (recordedAt), for replaying history at its own dates. */
  setClock(iso: string | undefined): void;
  /** Waits until the read models include everything recorded. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** The real service on a temporary SQLite file with a clerk and an auditor key, as the e2e tests drive it. */
export async function startTestApp(overrides: Partial<LedgerConfig> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const tokens = {
    clerk: `lk_clerk_${randomBytes(24).toString('hex')}`,
    auditor: `lk_auditor_${randomBytes(24).toString('hex')}`,
  };
  const keysFile = join(dir, 'keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify([
      { name: 'test-clerk', role: 'clerk', sha256: hashToken(tokens.clerk) },
      { name: 'test-auditor', role: 'auditor', sha256: hashToken(tokens.auditor) },
    ]),
  );
  const config = loadConfig(
    {},
    {
      LEDGER_DB_PATH: join(dir, 'ledger.db'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      LOG_FORMAT: 'json',
      LEDGER_API_KEYS_FILE: keysFile,
      ...overrides,
    },
  );
  let clock: Date | undefined;
  const app = await createHttpApp(AppModule.register(config, { clock: () => clock ?? new Date() }), config);
  await registerWeb(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const store = app.get<EventStore>(EVENT_STORE);
  const projections = app.get(ProjectionService);
  return {
    app,
    config,
    store,
    tokens,
    setClock(iso) {
      clock = iso === undefined ? undefined : new Date(iso);
    },
    async settle() {
      await projections.waitFor(await store.head(), 10_000);
    },
    async stop() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
