import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresServer } from '@ledger/event-store/testing';
import { eventsIntact } from './ledger-structure';
import { postgresLedger, sqliteLedger, type TamperableLedger } from './testing';
import type { Problem } from './verify-ledger.types';

/*
 * The same ledger in a SQLite file and in a PostgreSQL database (a real server), the same
 * tampering behind the append-only triggers' backs (testing/tamperable-ledger.ts), and each
 * store's own verifier: the same findings, by code and position, and the same way out. Where
 * SQLite has a repair, it is held to it too: it rebuilds a damaged log and refuses events changed
 * after they were logged.
 */

let dir: string;
let server: PostgresServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-verification-contract-'));
  server = await PostgresServer.primary('verification');
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
const inAFile = () => sqliteLedger(join(dir, `ledger-${(files += 1)}.db`));
const inADatabase = () => postgresLedger(server.createDatabase());

const codes = (findings: readonly Problem[]) => [...new Set(findings.map((p) => p.code))].sort();

/** What a restore of each store says: where its backups come from, and who could have written behind the triggers. */
const RESTORE = {
  SQLite: /Restore the ledger from a backup \(`ledger restore`\).*who could write to the file\.$/,
  PostgreSQL:
    /Restore the ledger from a backup of the database .*who could write to the database past its append-only triggers/,
};

describe.each([
  ['SQLite', inAFile],
  ['PostgreSQL', inADatabase],
] as const)('verifying a %s ledger', (name, create) => {
  let ledger: TamperableLedger;
  beforeEach(async () => (ledger = await create()));
  afterEach(() => ledger.dispose());

  it('finds nothing in an untouched ledger', async () => {
    expect(await ledger.verify()).toEqual({ findings: [], remedy: null });
  });

  it('names an event changed with its hash left as it was, and the restore', async () => {
    await ledger.changeData(5);
    const { findings, remedy } = await ledger.verify();
    expect(findings[0]).toMatchObject({ code: 'hash-mismatch', leafIndex: 4, event: { position: 5 } });
    expect(remedy).toMatch(/do not verify from position 5 .*Restore the ledger from a backup/);
    // Each store's own way to restore, and its own suspects: a database has no file to write to.
    expect(remedy).toMatch(RESTORE[name]);
    if (name === 'PostgreSQL') expect(remedy).not.toMatch(/file/);
  });

  it('tells an event rewritten with its hash and chain recomputed: logged-event-changed, named by position, and no repair', async () => {
    await ledger.rewriteFrom(7);
    const { findings, remedy } = await ledger.verify();
    // No row check sees it: only the Merkle log still holds the events as they were.
    expect(codes(findings)).toEqual(['logged-event-changed', 'node-mismatch', 'stored-root-mismatch']);
    expect(findings[0]).toMatchObject({ code: 'node-mismatch', leafIndex: 6, positions: { from: 7, to: 8 } });
    expect(findings.find((p) => p.code === 'logged-event-changed')).toMatchObject({
      leafIndex: 6,
      positions: { from: 7, to: 8 },
      event: { position: 7 },
    });
    expect(eventsIntact(findings)).toBe(false);
    expect(remedy).toMatch(/do not verify from position 7 .*Restore the ledger from a backup/);
    if (ledger.repair) expect(() => ledger.repair!()).toThrow(/cannot be repaired in place/);
  });

  it('tells a damaged node (the nodes and root above it still match): the log is at fault, and it is rebuilt', async () => {
    await ledger.overwriteNode(1, 3);
    const { findings, remedy } = await ledger.verify();
    expect(findings).toEqual([
      expect.objectContaining({ code: 'node-mismatch', leafIndex: 6, positions: { from: 7, to: 8 } }),
    ]);
    expect(eventsIntact(findings)).toBe(true);
    expect(remedy).toMatch(/^The events are intact/);
    if (ledger.repair) {
      ledger.repair();
      expect(await ledger.verify()).toEqual({ findings: [], remedy: null });
    }
  });

  it('reports an append-only trigger dropped, the events intact, and how it is put back', async () => {
    await ledger.dropUpdateTrigger();
    const { findings, remedy } = await ledger.verify();
    expect(codes(findings)).toEqual(['append-only-trigger-missing']);
    expect(findings[0].message).toMatch(/events_no_update/);
    expect(eventsIntact(findings)).toBe(true);
    expect(remedy).toMatch(/^The events are intact/);
    if (name === 'PostgreSQL') expect(remedy).toMatch(/ENABLE TRIGGER|create it again/);
    if (ledger.repair) {
      ledger.repair();
      expect(await ledger.verify()).toEqual({ findings: [], remedy: null });
    }
  });
});
