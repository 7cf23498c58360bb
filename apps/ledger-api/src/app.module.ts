import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HttpApiModule } from '@ledger/http';
import { LedgerConfig, PlatformModule } from '@ledger/platform';
import { WebModule } from '@ledger/web';

/** The HTTP service: wiring only. */
@Module({})
export class AppModule {
  static register(config: LedgerConfig, options: { clock?: () => Date } = {}): DynamicModule {
    return {
      module: AppModule,
      // The service refuses to start on a ledger that does not verify (the CLI's repair does not),
      // and beside another service on the same file (the CLI may write beside it).
      imports: [
        PlatformModule.forRoot(config, { ...options, verifyAtStart: true, oneService: true }),
        CqrsModule.forRoot(),
        HttpApiModule,
        WebModule,
      ],
    };
  }
}
