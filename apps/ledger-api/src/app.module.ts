import { DynamicModule, Module } from '@nestjs/common';
import { OperationsModule } from '@ledger/http';
import { LedgerConfig, PlatformModule } from '@ledger/platform';

/** The HTTP service: wiring only. */
@Module({})
export class AppModule {
  static register(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(config), OperationsModule],
    };
  }
}
