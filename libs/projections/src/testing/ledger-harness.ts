import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { CqrsModule, QueryBus } from '@nestjs/cqrs';
import { EVENT_STORE, SqliteEventStore } from '@ledger/event-store';
import { loadConfig, PlatformModule } from '@ledger/platform';
import {
  CommandRunner,
  RecordingModule,
  type RecordableCommand,
  type RecordingContext,
} from '@ledger/recording';
import { recordStory } from '@ledger/recording/testing';
import type { StoryStep } from '@ledger/domain';
import { ProjectionService } from '../projection.service';
import { ProjectionsModule } from '../projections.module';

/** The command and query sides on a real SQLite file in a temp folder, with a settable store clock. */
export async function startLedger() {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-proj-'));
  const path = join(dir, 'ledger.db');
  let clock = new Date();
  const store = new SqliteEventStore({ path, clock: () => clock, pollIntervalMs: 20 });
  const config = loadConfig({}, { LEDGER_DB_PATH: path, LOG_LEVEL: 'silent', LOG_FORMAT: 'json' });
  const moduleRef: TestingModule = await Test.createTestingModule({
    imports: [CqrsModule.forRoot(), PlatformModule.forRoot(config), RecordingModule, ProjectionsModule],
  })
    .overrideProvider(EVENT_STORE)
    .useValue(store)
    .compile();
  await moduleRef.init();
  const runner = moduleRef.get(CommandRunner);
  const queries = moduleRef.get(QueryBus);
  const projections = moduleRef.get(ProjectionService);
  const record = (command: RecordableCommand, context: RecordingContext) => runner.record(command, context);
  return {
    store,
    path,
    queries,
    projections,
    setClock(iso: string) {
      clock = new Date(iso);
    },
    record,
    /** Records the story of the four reports (or `steps`), each step at its own recordedAt. */
    recordStory: (steps?: readonly StoryStep[]) =>
      recordStory(record, store, { steps, setClock: (iso) => (clock = new Date(iso)) }),
    /** Waits until the read models include everything recorded so far. */
    async settle() {
      await projections.waitFor(await store.head(), 10_000);
    },
    async close() {
      await moduleRef.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type LedgerHarness = Awaited<ReturnType<typeof startLedger>>;
