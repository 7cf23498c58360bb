import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Authenticator, hashToken } from '@ledger/http';
import { loadConfig } from '@ledger/platform';
import { SessionStore } from './session.store';

/*
 * Signed-in sessions of the pages, against a real keys file read by the service's own
 * Authenticator: a session lasts a working day at most, and no longer than the credential it was
 * signed in with holds.
 */
describe('sessions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-sessions-'));
  const keysFile = join(dir, 'api-keys.json');
  const CLERK_TOKEN = 'clerk-token-0123456789abcdef';
  const AUDITOR_TOKEN = 'auditor-token-0123456789abcdef';
  const writeKeys = (keys: Array<{ name: string; role: string; token: string }>) =>
    writeFileSync(
      keysFile,
      JSON.stringify(keys.map((k) => ({ name: k.name, role: k.role, sha256: hashToken(k.token) }))),
    );
  let authenticator: Authenticator;
  let store: SessionStore;

  beforeEach(() => {
    writeKeys([
      { name: 'town-clerk', role: 'clerk', token: CLERK_TOKEN },
      { name: 'panel', role: 'auditor', token: AUDITOR_TOKEN },
    ]);
    authenticator = new Authenticator(
      loadConfig({ LEDGER_API_KEYS_FILE: keysFile, LEDGER_DB_PATH: join(dir, 'l.db') }),
    );
    store = new SessionStore(authenticator);
  });
  afterEach(() => authenticator.onModuleDestroy());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows a session by its id until it is closed, and never by another id', async () => {
    const id = store.open(await authenticator.signIn(CLERK_TOKEN));
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.callerOf(id)).toEqual({ name: 'town-clerk', role: 'clerk', via: 'api-key' });
    expect(store.callerOf(`${id}x`)).toBeUndefined();
    expect(store.callerOf(undefined)).toBeUndefined();
    store.close(id);
    expect(store.callerOf(id)).toBeUndefined();
  });

  it('ends a session after its hours', async () => {
    const now = Date.now();
    const id = store.open(await authenticator.signIn(AUDITOR_TOKEN));
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now + 8 * 3_600_000 + 1);
    try {
      expect(store.callerOf(id)).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });

  it('given a session signed in with an API key, when the key is revoked, then the session is over at its next use', async () => {
    const clerk = store.open(await authenticator.signIn(CLERK_TOKEN));
    const auditor = store.open(await authenticator.signIn(AUDITOR_TOKEN));
    await nextTurn(); // the key ring looks at its file once a turn
    writeKeys([{ name: 'panel', role: 'auditor', token: AUDITOR_TOKEN }]);
    await nextTurn();
    expect(store.callerOf(clerk)).toBeUndefined();
    expect(store.callerOf(auditor)).toEqual({ name: 'panel', role: 'auditor', via: 'api-key' });
    // Over for good: the key coming back does not bring the session back.
    writeKeys([
      { name: 'town-clerk', role: 'clerk', token: CLERK_TOKEN },
      { name: 'panel', role: 'auditor', token: AUDITOR_TOKEN },
    ]);
    await nextTurn();
    expect(store.callerOf(clerk)).toBeUndefined();
  });

  it("given a session signed in with an API key, when the key's role is changed, then the session is over", async () => {
    const id = store.open(await authenticator.signIn(AUDITOR_TOKEN));
    await nextTurn();
    writeKeys([{ name: 'panel', role: 'clerk', token: AUDITOR_TOKEN }]);
    await nextTurn();
    expect(store.callerOf(id)).toBeUndefined();
  });

  it('given a session signed in with a JWT, then it ends when the JWT expires, before its working day is out', () => {
    const now = Date.now();
    const id = store.open({
      caller: { name: 'sub-1', role: 'auditor', via: 'jwt' },
      expiresAt: now + 60_000,
    });
    expect(store.callerOf(id)).toEqual({ name: 'sub-1', role: 'auditor', via: 'jwt' });
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now + 60_000);
    try {
      expect(store.callerOf(id)).toBeUndefined();
    } finally {
      spy.mockRestore();
    }
  });
});
