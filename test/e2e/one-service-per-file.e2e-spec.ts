import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The embedded store takes one service at a time: a second service started on the same ledger
 * file is refused at start, naming the file and the ways out, and the first goes on answering;
 * once the first has stopped, the file is free. (Several instances on one ledger: PostgreSQL.)
 */
describe('one service per ledger file', () => {
  let first: TestApp;
  beforeAll(async () => (first = await startTestApp()));
  afterAll(async () => first?.stop());

  it('refuses a second service on the same file, and the first goes on', async () => {
    await expect(startTestApp({ LEDGER_DB_PATH: first.config.LEDGER_DB_PATH })).rejects.toThrow(
      /Another ledger service is running on .*ledger\.db.*LEDGER_STORE=postgres/s,
    );
    await request(first.app.getHttpServer()).get('/health').expect(200);
  });

  it('lets another service take the file once the first has stopped', async () => {
    const path = first.config.LEDGER_DB_PATH;
    await first.app.close();
    const second = await startTestApp({ LEDGER_DB_PATH: path });
    try {
      await request(second.app.getHttpServer()).get('/health').expect(200);
    } finally {
      await second.app.close();
    }
  });
});
