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
      imports: [PlatformModule.forRoot(config, options), CqrsModule.forRoot(), HttpApiModule, WebModule],
    };
  }
}
