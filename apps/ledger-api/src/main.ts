import 'reflect-metadata';
import type { Server } from 'node:net';
import { Logger } from '@nestjs/common';
import { createHttpApp, listeningMessage } from '@ledger/http';
import { registerWeb } from '@ledger/web';
import { ConfigError, loadConfig, type LedgerConfig } from '@ledger/platform';
import { AppModule } from './app.module';

/**
 * The port the server took: PORT=0 asks the system for a free one, and the line logged at start
 * must name that one, not 0.
 */
function boundPort(server: Pick<Server, 'address'>, asked: number): number {
  const address = server.address();
  return typeof address === 'object' && address !== null ? address.port : asked;
}

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
  try {
    const app = await createHttpApp(AppModule.register(config), config);
    await registerWeb(app);
    await app.listen(config.PORT, config.HOST);
    new Logger('Ledger').log(listeningMessage(config.HOST, boundPort(app.getHttpServer(), config.PORT)));
  } catch (error) {
    // In the log format asked for: a machine reading JSON logs must see why the service stopped.
    const message = `The ledger could not start: ${(error as Error).message}`;
    process.stderr.write(
      config.logFormat === 'json'
        ? `${JSON.stringify({ level: 'fatal', time: Date.now(), pid: process.pid, msg: message, err: { type: (error as Error).name, message: (error as Error).message } })}\n`
        : `${message}\n`,
    );
    process.exit(1);
  }
}

main().catch((error: Error) => {
  process.stderr.write(`The ledger could not start: ${error.message}\n`);
  process.exit(1);
});
