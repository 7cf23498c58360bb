import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from '@ledger/event-store';
import { newEvent } from '@ledger/event-store/testing';
import { generateCheckpointKeys, signCheckpoint, type Checkpoint } from './checkpoint';
import type { ConsistencyProof, InclusionProof } from './proofs';
import { merkleLogFor, merkleTransactionHook } from './sqlite/merkle-integration';
import { verifyConsistencyProof, verifyInclusionProof, verifyProof } from './verify-proof';

const run = promisify(execFile);
const VERIFIER = resolve(__dirname, '../../../test/verifier/verify-proof.mjs');

/** Real proofs from a SQLite ledger with the Merkle hook, and signed checkpoints at 13 and 50 events. */
describe('proof verification without the store', () => {
  const keys = generateCheckpointKeys();
  let dir: string;
  let older: Checkpoint;
  let newer: Checkpoint;
  let inclusion: InclusionProof;
  let inclusionWithEvent: InclusionProof;
  let consistency: ConsistencyProof;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-proofs-'));
    const store = new SqliteEventStore({ path: join(dir, 'ledger.db') });
    store.addTransactionHook(merkleTransactionHook());
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const e = newEvent({
        data: { n: i, title: 'Décision n° ' + i, amount: 1.5e-7 * i, tags: ['budget', 'ville'] },
      });
      ids.push(e.id);
      await store.append(`decision-${i % 4}`, [e]);
    }
    const log = merkleLogFor(store.db);
    older = signCheckpoint(log.treeHead(13), keys.privateKeyPem);
    newer = signCheckpoint(log.treeHead(), keys.privateKeyPem);
    inclusion = log.inclusionProofForEvent(ids[37]);
    inclusionWithEvent = log.inclusionProofForEvent(ids[21], { includeEvent: true });
    consistency = log.consistencyProof(13, 50);
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, value: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return path;
  }

  /** Runs the standalone verifier; resolves with its exit code and output. */
  async function standalone(...args: string[]): Promise<{ code: number; out: string }> {
    try {
      const { stdout } = await run(process.execPath, [VERIFIER, ...args]);
      return { code: 0, out: stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, out: e.stdout + e.stderr };
    }
  }

  const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

  it('the library accepts real proofs, and refuses altered ones', () => {
    expect(verifyInclusionProof(inclusion, newer, { publicKey: keys.publicKeyPem })).toEqual({ ok: true });
    expect(verifyInclusionProof(inclusionWithEvent, newer)).toEqual({ ok: true });
    expect(verifyConsistencyProof(consistency, older, newer, { publicKey: keys.publicKeyBase64 })).toEqual({
      ok: true,
    });
    expect(verifyProof(consistency, newer, { olderCheckpoint: older, publicKey: keys.publicKeyPem })).toEqual(
      { ok: true },
    );

    const badPath = { ...inclusion, path: [flip(inclusion.path[0]), ...inclusion.path.slice(1)] };
    expect(verifyInclusionProof(badPath, newer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/leads to root/),
    });
    expect(verifyInclusionProof(inclusion, older)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tree of 50 leaves/),
    });
    const event = inclusionWithEvent.event!;
    const edited = { ...inclusionWithEvent, event: { ...event, data: { ...(event.data as object), n: 99 } } };
    expect(verifyInclusionProof(edited, newer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not the one proven/),
    });
    expect(
      verifyInclusionProof(
        inclusion,
        { ...newer, treeSize: 50, timestamp: '2000-01-01T00:00:00.000Z' },
        { publicKey: keys.publicKeyPem },
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/signature/),
    });
    const forgedOld = { ...older, rootHash: flip(older.rootHash) };
    expect(verifyConsistencyProof(consistency, forgedOld, newer)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not a prefix/),
    });
  });

  it('the standalone verifier (Node built-ins only) accepts the same real proofs', async () => {
    const cp = write('checkpoint.json', newer);
    const old = write('older.json', older);
    const key = write('checkpoint.pub', keys.publicKeyPem);
    const a = await standalone(cp, write('inclusion.json', inclusion), '--key', key);
    expect(a).toEqual({
      code: 0,
      out: expect.stringMatching(/^OK: event .* is leaf 37 of the tree of 50 leaves/),
    });
    // With the event itself: the verifier recomputes its RFC 8785 hash (non-ASCII text, a float).
    const b = await standalone(
      cp,
      write('inclusion-event.json', inclusionWithEvent),
      '--key',
      keys.publicKeyBase64,
    );
    expect(b.code).toBe(0);
    const c = await standalone(cp, write('consistency.json', consistency), '--old', old, '--key', key);
    expect(c).toEqual({
      code: 0,
      out: expect.stringMatching(/^OK: the tree of 13 leaves .* is a prefix of the tree of 50 leaves/),
    });
  });

  it('the standalone verifier refuses a tampered proof, event, checkpoint or key', async () => {
    const cp = write('checkpoint.json', newer);
    const key = write('checkpoint.pub', keys.publicKeyPem);
    const cases: Array<[RegExp, string[]]> = [
      [
        /inclusion path leads to/,
        [cp, write('t1.json', { ...inclusion, path: inclusion.path.map((h, i) => (i === 2 ? flip(h) : h)) })],
      ],
      [
        /inclusion path leads to/,
        [cp, write('t2.json', { ...inclusion, leafIndex: inclusion.leafIndex + 1 })],
      ],
      [
        /event's fields hash to/,
        [
          cp,
          write('t3.json', { ...inclusionWithEvent, event: { ...inclusionWithEvent.event!, revision: 7 } }),
        ],
      ],
      [
        /is not a prefix/,
        [
          cp,
          write('t4.json', { ...consistency, path: consistency.path.slice(1) }),
          '--old',
          write('o.json', older),
        ],
      ],
      [
        /is not a prefix/,
        [
          cp,
          write('t5.json', consistency),
          '--old',
          write('o2.json', { ...older, rootHash: flip(older.rootHash) }),
        ],
      ],
      [
        /signature does not match/,
        [
          write('cp-forged.json', { ...newer, rootHash: flip(newer.rootHash) }),
          write('t6.json', inclusion),
          '--key',
          key,
        ],
      ],
      [
        /signature does not match/,
        [cp, write('t7.json', inclusion), '--key', generateCheckpointKeys().publicKeyBase64],
      ],
    ];
    for (const [reason, args] of cases) {
      const result = await standalone(...args);
      expect(result).toEqual({
        code: 1,
        out: expect.stringMatching(new RegExp(`^FAIL: .*${reason.source}`)),
      });
    }
  });
});
