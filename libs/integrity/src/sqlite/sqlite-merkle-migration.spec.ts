import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, SqliteEventStore } from '@ledger/event-store';
import { collect, newEvent } from '@ledger/event-store/testing';
import { generateCheckpointKeys, signCheckpoint } from '../checkpoint';
import { MerkleLog, type NodeStore } from '../merkle/merkle-log';
import { toHex, verifyInclusion, leafHash } from '../merkle/rfc9162';
import { verifyLedger } from '../verify-ledger';
import { merkleLogFor, merkleTransactionHook } from './merkle-integration';
import { MERKLE_COMPONENT, merkleMigrations } from './merkle-schema';

/**
 * A file written by version 1 of the Merkle log (a leaf record per event, nodes above) keeps its
 * tree when version 2 drops the leaf records and version 3 keys the nodes by the leaf that
 * completes them: its root, the checkpoints signed over it and the proofs handed out stay valid,
 * and appends go on from it. Before it is migrated, the file is read as it is.
 */
describe('Merkle log versions 1 → 3', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ledger-merkle-v1-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** What version 1 (or 2) wrote for these events: merkle_leaves rows (in 1) and every node above them. */
  function writeVersion(
    version: 1 | 2,
    db: Database.Database,
    events: ReadonlyArray<{ id: string; position: number; hash: string }>,
  ) {
    migrate(db, MERKLE_COMPONENT, merkleMigrations.slice(0, version));
    const nodes = new Map<string, Uint8Array>();
    const store: NodeStore = {
      size: () => [...nodes.keys()].filter((k) => k.startsWith('0:')).length,
      get: (level, index) => nodes.get(`${level}:${index}`),
      put: (level, index, hash) => void nodes.set(`${level}:${index}`, hash),
    };
    new MerkleLog(store).appendEventHashes(events.map((e) => e.hash));
    if (version === 1) {
      const leaf = db.prepare(
        'INSERT INTO merkle_leaves (leaf_index, position, event_id, event_hash) VALUES (?, ?, ?, ?)',
      );
      events.forEach((e, i) => leaf.run(i, e.position, e.id, e.hash));
    }
    const node = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
    for (const [key, hash] of nodes) {
      const [level, index] = key.split(':').map(Number);
      if (level > 0) node.run(level, index, hash);
    }
  }

  it.each([1, 2] as const)(
    'keeps the root, the signed checkpoint and the proofs of a version %i file, and goes on from it',
    async (version) => {
      const path = join(dir, 'ledger.db');
      let store = new SqliteEventStore({ path });
      for (let s = 0; s < 23; s += 1) await store.append(`proposal-${s % 4}`, [newEvent({ data: { s } })]);
      const before = await collect(store.readAll());
      writeVersion(version, store.db, before);
      const nodesBefore = store.db.prepare('SELECT count(*) FROM merkle_nodes').pluck().get();
      await store.close();

      // What the old version gave: its root (computed on a read-only connection, which does not migrate).
      const keys = generateCheckpointKeys();
      const v1db = new Database(path, { readonly: true });
      const v1 = merkleLogFor(v1db);
      const checkpoint = signCheckpoint(v1.treeHead(), keys.privateKeyPem);
      const proof = v1.inclusionProofForEvent(before[6].id, { treeSize: 23 });
      v1db.close();
      // The service verifies the file before it opens (and migrates) it.
      expect(verifyLedger(path, { checkpoints: [checkpoint], publicKey: keys.publicKeyPem }).ok).toBe(true);

      store = new SqliteEventStore({ path });
      store.addTransactionHook(merkleTransactionHook());
      const log = merkleLogFor(store.db);
      expect(
        store.db
          .prepare('SELECT version FROM schema_versions WHERE component = ?')
          .pluck()
          .get(MERKLE_COMPONENT),
      ).toBe(merkleMigrations.length);
      expect(
        store.db.prepare(`SELECT count(*) FROM sqlite_master WHERE name LIKE 'merkle_leaves%'`).pluck().get(),
      ).toBe(0);
      // The same nodes, each under the leaf that completes it, and the append-only triggers back.
      expect(
        store.db
          .prepare(`SELECT count(*) FROM merkle_nodes WHERE completed_by = ((idx + 1) << level) - 1`)
          .pluck()
          .get(),
      ).toBe(nodesBefore);
      expect(() => store.db.prepare('DELETE FROM merkle_nodes').run()).toThrow(/append-only/);
      expect(log.treeHead(23)).toEqual({ treeSize: 23, rootHash: checkpoint.rootHash });
      expect(log.inclusionProofForEvent(before[6].id, { treeSize: 23 })).toEqual(proof);
      expect(verifyInclusion(6, 23, toHex(leafHash(before[6].hash)), proof.path, checkpoint.rootHash)).toBe(
        true,
      );

      await store.append('proposal-9', [newEvent(), newEvent(), newEvent()]);
      expect(log.size).toBe(26);
      expect(log.consistencyProof(23, 26).firstRootHash).toBe(checkpoint.rootHash);
      await store.close();
      expect(verifyLedger(path, { checkpoints: [checkpoint], publicKey: keys.publicKeyPem })).toMatchObject({
        ok: true,
        storedTree: { treeSize: 26 },
      });
    },
  );
});
