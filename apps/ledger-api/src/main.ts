import 'reflect-metadata';
import { createHttpApp } from '@ledger/http';
import { registerWeb } from '@ledger/web';
import { ConfigError, loadConfig, type LedgerConfig } from '@ledger/platform';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  let config: LedgerConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nThe ledger did not start.\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createHttpApp(AppModule.register(config), config);
  await registerWeb(app);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: Error) => {
  process.stderr.write(`The ledger could not start: ${error.message}\n`);
  process.exit(1);
});
