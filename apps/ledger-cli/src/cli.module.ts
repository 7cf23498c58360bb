import { DynamicModule, Module } from '@nestjs/common';
import { LedgerConfig, PlatformModule } from '@ledger/platform';

/** The command line: wiring only. The commands live in @ledger/cli. */
@Module({})
export class CliModule {
  static register(config: LedgerConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [PlatformModule.forRoot(config)],
    };
  }
}
