import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, PostgresEventStore, type EventStore } from '@ledger/event-store';
import { LoggerModule } from 'nestjs-pino';
import { createEventStore, LEDGER_START_CHECK, type LedgerStartCheck } from './create-event-store';
import { LedgerConfig } from './ledger-config';
import { createLogging, RequestLogging } from './logging';

/** Closes the store last, after the HTTP server has stopped taking requests: queued appends are committed. */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Configuration, logging and the event store, shared by the API and the CLI. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(
    config: LedgerConfig,
    options: { clock?: () => Date; verifyAtStart?: boolean; oneService?: boolean } = {},
  ): DynamicModule {
    const logging = createLogging(config);
    const startCheck: LedgerStartCheck = {};
    return {
      module: PlatformModule,
      imports: [LoggerModule.forRoot(logging.params)],
      providers: [
        { provide: LedgerConfig, useValue: config },
        { provide: RequestLogging, useValue: new RequestLogging(logging.logRequest) },
        {
          provide: EVENT_STORE,
          useFactory: async () => {
            const store = createEventStore(config, options.clock, {
              verifyAtStart: options.verifyAtStart,
              oneService: options.oneService,
              startCheck,
            });
            // On PostgreSQL, start only once the database answers and its schema is in place.
            if (store instanceof PostgresEventStore)
              await store.ready.catch(async (error) => {
                await store.close();
                throw error;
              });
            return store;
          },
        },
        EventStoreLifecycle,
        { provide: LEDGER_START_CHECK, useValue: startCheck },
      ],
      exports: [LedgerConfig, EVENT_STORE, RequestLogging, LEDGER_START_CHECK],
    };
  }
}
