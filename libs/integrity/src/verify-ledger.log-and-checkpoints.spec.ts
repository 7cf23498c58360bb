import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store';
import { newEvent } from '@ledger/event-store/testing';
import { SqliteMerkleLog } from './sqlite/sqlite-merkle-log';
import { sampleLedger, type SampleLedger } from './testing';
import { verifyLedger } from './verify-ledger';

/*
 * verifyLedger on what holds the events to account: an untouched ledger against its signed
 * checkpoints, a file without a Merkle log, dropped triggers, a damaged Merkle log (rebuilt, not
 * restored) and a forged checkpoint. The events themselves tampered with:
 * verify-ledger.tampered-events.spec.ts. The ledger: testing/sample-ledger.ts.
 */
describe('verifyLedger on the Merkle log, the triggers and the checkpoints', () => {
  let ledger: SampleLedger;
  beforeAll(async () => (ledger = await sampleLedger()));
  afterAll(() => ledger.cleanup());

  it('passes an untouched ledger, with the checkpoints consistent and signed, streaming page by page', () => {
    const { early, latest } = ledger;
    const progress: number[] = [];
    const report = verifyLedger(ledger.original, {
      checkpoints: [early, latest],
      publicKey: ledger.keys.publicKeyBase64,
      pageSize: 7,
      onProgress: ({ checked, total }) => {
        expect(total).toBe(80);
        progress.push(checked);
      },
    });
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 80,
      streams: 5,
      head: 80,
      tree: { treeSize: 80, rootHash: latest.rootHash },
      storedTree: { treeSize: 80, rootHash: latest.rootHash },
      firstBadEvent: null,
      problems: [],
      warnings: [],
    });
    expect(report.checkpoints).toEqual([
      expect.objectContaining({
        treeSize: 40,
        signature: 'valid',
        rootMatches: true,
        consistencyProof: 'valid',
      }),
      expect.objectContaining({
        treeSize: 80,
        signature: 'valid',
        rootMatches: true,
        consistencyProof: 'valid',
      }),
    ]);
    expect(progress).toEqual([7, 14, 21, 28, 35, 42, 49, 56, 63, 70, 77, 80]);
  });

  it('checks a file that never had a Merkle log (hashes and chains only); once the log exists, an event without a leaf is a problem', async () => {
    const path = ledger.path('no-hook.db');
    let store = new SqliteEventStore({ path });
    await store.append('proposal-1', [newEvent(), newEvent()]);
    await store.close();
    expect(verifyLedger(path)).toMatchObject({
      ok: true,
      eventsChecked: 2,
      storedTree: null,
      warnings: [expect.stringMatching(/no Merkle log/)],
    });
    store = new SqliteEventStore({ path });
    const log = new SqliteMerkleLog(store.db); // tables created, nothing integrated yet
    // The first event is a leaf already: a tree of one leaf has no node to write.
    expect(log.size).toBe(1);
    await store.close();
    const report = verifyLedger(path);
    expect(report).toMatchObject({
      ok: false,
      storedTree: { treeSize: 1 },
      firstBadEvent: { position: 2, code: 'leaf-missing' },
    });
    expect(report.remedy).toMatch(/ledger -- repair/);
  });

  it('names a dropped append-only trigger, and the way out', () => {
    const report = verifyLedger(ledger.tampered(() => undefined, { keepTriggersDropped: true }));
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(Array(4).fill('append-only-trigger-missing'));
    expect(report.problems[0].message).toMatch(/events_no_update/);
    expect(report.remedy).toMatch(/recreates the append-only triggers/);
  });

  it('refuses a damaged Merkle log (nodes truncated, a node deleted, the nodes dropped) and says to rebuild the log from the events', () => {
    const cases: Array<[string, (db: Database.Database) => void, string]> = [
      // The nodes from leaf 40 on gone: the tree is 41 leaves, the events after them are missing.
      [
        'nodes truncated',
        (db) => db.exec('DELETE FROM merkle_nodes WHERE (idx << level) >= 40'),
        'leaf-missing',
      ],
      [
        'a node deleted',
        (db) => db.exec('DELETE FROM merkle_nodes WHERE level = 2 AND idx = 3'),
        'node-mismatch',
      ],
      ['nodes dropped', (db) => db.exec('DROP TABLE merkle_nodes'), 'merkle-log-missing'],
      // One node overwritten: the nodes above it still match, so it is the node, not the events.
      [
        'a node overwritten',
        (db) => db.exec('UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 4'),
        'node-mismatch',
      ],
    ];
    for (const [what, change, code] of cases) {
      const report = verifyLedger(ledger.tampered(change));
      expect([what, report.ok, report.problems[0]?.code]).toEqual([what, false, code]);
      expect(report.remedy).toMatch(/rebuilds the Merkle log from the events/);
    }
    const changed = verifyLedger(
      ledger.tampered((db) =>
        db.prepare(`UPDATE events SET data = replace(data, '1', '2') WHERE position = 7`).run(),
      ),
    );
    expect(changed.remedy).toMatch(/do not verify from position 7 .*Restore the ledger from a backup/);
  });

  it('reports a forged checkpoint signature', () => {
    const report = verifyLedger(ledger.original, {
      checkpoints: [{ ...ledger.early, treeSize: 41 }],
      publicKey: ledger.keys.publicKeyPem,
    });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0]).toMatchObject({ signature: 'invalid', rootMatches: false });
  });
});
