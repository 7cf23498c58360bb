import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyRing, apiKeysFile, hashToken } from './api-key-ring';

const digest = (token: string) => createHash('sha256').update(token).digest();
const entry = (name: string, token: string, role = 'clerk') => ({ name, role, sha256: hashToken(token) });

describe('the API keys the service accepts', () => {
  let dir: string;
  const rings: ApiKeyRing[] = [];
  const ring = (file: string, required: boolean) => {
    const r = new ApiKeyRing(file, required);
    rings.push(r);
    return r;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-keys-'))));
  afterEach(() => {
    rings.splice(0).forEach((r) => r.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it('are read by default from api-keys.json beside the ledger file', () => {
    expect(apiKeysFile({ LEDGER_DB_PATH: '/srv/ledger/data/ledger.db' })).toBe(
      '/srv/ledger/data/api-keys.json',
    );
    expect(
      apiKeysFile({
        LEDGER_DB_PATH: '/srv/ledger/data/ledger.db',
        LEDGER_API_KEYS_FILE: '/etc/ledger/keys.json',
      }),
    ).toBe('/etc/ledger/keys.json');
  });

  it('must exist at start when LEDGER_API_KEYS_FILE names them; the default file may come later', () => {
    expect(() => ring(join(dir, 'missing.json'), true)).toThrow(/missing\.json cannot be read/);
    expect(ring(join(dir, 'api-keys.json'), false).size).toBe(0);
  });

  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('are read again as soon as the file changes: a key added is accepted, a key removed refused, without a restart', async () => {
    const file = join(dir, 'api-keys.json');
    const keys = ring(file, false);
    expect(keys.find(digest('token-one-aaaaaaaa'))).toBeUndefined();
    await nextTurn();
    writeFileSync(file, JSON.stringify([entry('town-clerk', 'token-one-aaaaaaaa')]));
    expect(keys.find(digest('token-one-aaaaaaaa'))?.name).toBe('town-clerk');
    await nextTurn();
    writeFileSync(file, JSON.stringify([entry('auditor', 'token-two-bbbbbbbbbbbbb', 'auditor')]));
    expect(keys.find(digest('token-one-aaaaaaaa'))).toBeUndefined();
    expect(keys.find(digest('token-two-bbbbbbbbbbbbb'))?.role).toBe('auditor');
  });

  it('are looked at once per event-loop turn: requests of one turn share the look, the next turn sees a change', async () => {
    const file = join(dir, 'api-keys.json');
    writeFileSync(file, JSON.stringify([entry('town-clerk', 'token-one-aaaaaaaa')]));
    const keys = ring(file, false);
    await nextTurn();
    expect(keys.find(digest('token-one-aaaaaaaa'))?.name).toBe('town-clerk');
    writeFileSync(file, JSON.stringify([]));
    expect(keys.find(digest('token-one-aaaaaaaa'))?.name).toBe('town-clerk');
    await nextTurn();
    expect(keys.find(digest('token-one-aaaaaaaa'))).toBeUndefined();
  });

  it('are read again on SIGHUP, and a malformed file leaves the keys in force', () => {
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([entry('town-clerk', 'token-one-aaaaaaaa')]));
    const keys = ring(file, true);
    writeFileSync(file, '[{"name": "broken"');
    process.emit('SIGHUP', 'SIGHUP');
    expect(keys.find(digest('token-one-aaaaaaaa'))?.name).toBe('town-clerk');
    writeFileSync(file, JSON.stringify([]));
    process.emit('SIGHUP', 'SIGHUP');
    expect(keys.size).toBe(0);
  });

  it('take one SIGHUP listener however many rings the process holds, and give it back when all close', () => {
    const before = process.listenerCount('SIGHUP');
    const files = Array.from({ length: 12 }, (_, i) => join(dir, `keys-${i}.json`));
    files.forEach((f) => writeFileSync(f, JSON.stringify([entry('town-clerk', 'token-one-aaaaaaaa')])));
    const held = files.map((f) => ring(f, true));
    expect(process.listenerCount('SIGHUP')).toBe(before + 1);
    files.forEach((f) => writeFileSync(f, JSON.stringify([])));
    process.emit('SIGHUP', 'SIGHUP');
    expect(held.map((r) => r.size)).toEqual(files.map(() => 0));
    rings.splice(0).forEach((r) => r.close());
    expect(process.listenerCount('SIGHUP')).toBe(before);
  });
});
