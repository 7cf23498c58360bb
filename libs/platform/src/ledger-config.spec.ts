import { ConfigError, loadConfig } from './ledger-config';

describe('loadConfig', () => {
  it('runs on the embedded store with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      LEDGER_STORE: 'sqlite',
      LEDGER_DB_PATH: './data/ledger.db',
      LEDGER_SQLITE_SYNCHRONOUS: 'FULL',
      PORT: 3000,
    });
    expect(config.logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  it('converts numbers from the environment', () => {
    expect(loadConfig({ PORT: '8080', LEDGER_MAX_EVENT_BYTES: '4096' })).toMatchObject({
      PORT: 8080,
      LEDGER_MAX_EVENT_BYTES: 4096,
    });
  });

  it('names every bad setting', () => {
    const error = (() => {
      try {
        loadConfig({ LEDGER_STORE: 'mysql', PORT: 'abc', LEDGER_SQLITE_SYNCHRONOUS: 'SOMETIMES' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/LEDGER_STORE="mysql"/);
    expect(error.message).toMatch(/PORT="abc"/);
    expect(error.message).toMatch(/LEDGER_SQLITE_SYNCHRONOUS="SOMETIMES"/);
  });

  it('needs a connection string for EventStoreDB', () => {
    expect(() => loadConfig({ LEDGER_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_CONNECTION_STRING/);
    expect(
      loadConfig({
        LEDGER_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false',
      }).LEDGER_STORE,
    ).toBe('eventstoredb');
  });

  it('needs a postgres:// URL with a database for PostgreSQL, and takes several hosts', () => {
    expect(() => loadConfig({ LEDGER_STORE: 'postgres' })).toThrow(
      /DATABASE_URL="?null"?: DATABASE_URL must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ LEDGER_STORE: 'postgres', DATABASE_URL: 'mysql://db/ledger' })).toThrow(
      /DATABASE_URL="mysql:\/\/db\/ledger"/,
    );
    expect(() => loadConfig({ LEDGER_STORE: 'postgres', DATABASE_URL: 'postgres://db:5432' })).toThrow(
      /with a host and a database/,
    );
    const url = 'postgres://ledger:secret@pg1:5432,pg2:5432/ledger?target_session_attrs=read-write';
    expect(loadConfig({ LEDGER_STORE: 'postgres', DATABASE_URL: url })).toMatchObject({
      LEDGER_STORE: 'postgres',
      DATABASE_URL: url,
    });
  });
});
