import { eventHash, type StoredEvent } from '@ledger/event-store';
import { repairLedger } from './sqlite/repair-ledger';
import {
  eventRowAt,
  insertEventRow,
  rebuildMerkleLog,
  rewriteStream,
  sampleLedger,
  type SampleLedger,
} from './testing';
import { verifyLedger, type LedgerVerificationReport } from './verify-ledger';

/*
 * verifyLedger on events changed behind the append-only triggers: changed, swapped, deleted,
 * inserted, rewritten with their hashes and chains recomputed. Each is found, and the first event
 * at fault is named (or the pair of positions it sits in, when only the Merkle log can tell).
 * The ledger and its tampered copies: testing/sample-ledger.ts.
 */
describe('verifyLedger on tampered events', () => {
  let ledger: SampleLedger;
  beforeAll(async () => (ledger = await sampleLedger()));
  afterAll(() => ledger.cleanup());

  const named = (report: LedgerVerificationReport) =>
    report.firstBadEvent && { ...report.firstBadEvent, message: undefined };
  const ref = (e: StoredEvent) => ({
    position: e.position,
    id: e.id,
    stream: e.stream,
    revision: e.revision,
  });

  it('detects one changed byte of one event, and names it', () => {
    const target = ledger.events[16];
    const path = ledger.tampered((db) => {
      const data = eventRowAt(db, target.position).data.replace('carried', 'carrieD');
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, target.position);
    });
    const report = verifyLedger(path, { checkpoints: [ledger.early] });
    expect(report.ok).toBe(false);
    expect(named(report)).toEqual({ ...ref(target), code: 'hash-mismatch', message: undefined });
    expect(report.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['hash-mismatch', 'node-mismatch', 'checkpoint-root-mismatch']),
    );
  });

  it('detects two events whose contents were swapped, and names the first', () => {
    const [a, b] = [ledger.events[9], ledger.events[29]];
    const path = ledger.tampered((db) => {
      const [ra, rb] = [eventRowAt(db, a.position), eventRowAt(db, b.position)];
      db.prepare('DELETE FROM events WHERE position IN (?, ?)').run(a.position, b.position);
      insertEventRow(db, { ...rb, position: a.position });
      insertEventRow(db, { ...ra, position: b.position });
    });
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    // Each event's own hash still holds: the Merkle leaves are what place it.
    expect(report.problems.map((p) => p.code)).not.toContain('hash-mismatch');
    // b's event now sits at a's position: named by where it is, and by what it is.
    expect(named(report)).toMatchObject({ ...ref(b), position: a.position });
  });

  it('detects the deletion of the last event, and names its place', () => {
    const last = ledger.events[79];
    const path = ledger.tampered((db) =>
      db.prepare('DELETE FROM events WHERE position = ?').run(last.position),
    );
    const report = verifyLedger(path, { checkpoints: [ledger.early, ledger.latest] });
    expect(report.ok).toBe(false);
    // The event was its own leaf: what is left of it is its place in the stored tree.
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'leaf-without-event',
        leafIndex: 79,
        positions: { from: last.position, to: last.position },
      }),
    );
    expect(report.problems.map((p) => p.code)).toContain('checkpoint-beyond-ledger');
  });

  it('detects the deletion of the last event even when the Merkle log is rebuilt to match, through the checkpoint', () => {
    const path = ledger.tampered((db) => {
      db.prepare('DELETE FROM events WHERE position = ?').run(80);
      rebuildMerkleLog(db);
    });
    expect(verifyLedger(path).ok).toBe(true); // without a checkpoint, a consistent rewrite goes unseen
    const report = verifyLedger(path, { checkpoints: [ledger.early, ledger.latest] });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ code: 'checkpoint-beyond-ledger', treeSize: 80 }),
    ]);
  });

  it('detects an event inserted in the middle (positions shifted), and narrows it to two', () => {
    const before = ledger.events[18];
    let forged: StoredEvent | undefined;
    const path = ledger.tampered((db) => {
      db.exec(
        'UPDATE events SET position = -position WHERE position >= 20; UPDATE events SET position = 1 - position WHERE position < 0;',
      );
      const e: StoredEvent = {
        ...before,
        id: '6f1d2a4e-0000-4000-8000-000000000001',
        stream: 'proposal-forged',
        revision: 0,
        position: 20,
        data: { n: -1, outcome: 'rejected', votes: [0, 16, 0] },
        prevHash: null,
        hash: '',
      };
      e.hash = eventHash(e);
      forged = e;
      insertEventRow(db, {
        position: 20,
        id: e.id,
        stream: e.stream,
        category: 'proposal',
        revision: 0,
        type: e.type,
        schema_version: e.schemaVersion,
        data: JSON.stringify(e.data),
        occurred_at: e.metadata.occurredAt,
        recorded_at: e.metadata.recordedAt,
        actor: e.metadata.actor,
        correlation_id: e.metadata.correlationId,
        causation_id: e.metadata.causationId,
        source: JSON.stringify(e.metadata.source),
        prev_hash: null,
        hash: e.hash,
      });
    });
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).not.toContain('hash-mismatch');
    // Its own chain holds: the stored nodes narrow it to the pair of events it now sits in.
    expect(report.problems[0]).toMatchObject({ code: 'node-mismatch', positions: { from: 19, to: 20 } });
    expect(forged!.position).toBe(20);
  });

  it('detects a whole stream rewritten with a correct chain through the global tree, and narrows where it starts', () => {
    let rewritten: StoredEvent[] = [];
    const path = ledger.tampered((db) => (rewritten = rewriteStream(db, 'proposal-3')));
    const report = verifyLedger(path);
    expect(report.ok).toBe(false);
    const codes = new Set(report.problems.map((p) => p.code));
    for (const chainCode of ['hash-mismatch', 'prev-hash-mismatch', 'revision-gap', 'position-gap'] as const)
      expect(codes).not.toContain(chainCode);
    const first = report.problems[0];
    expect(first.code).toBe('node-mismatch');
    expect(first.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(first.positions!.to).toBeGreaterThanOrEqual(rewritten[0].position);
    expect(codes).toContain('stored-root-mismatch');
    // The stored tree agrees with itself above the rewrite: the events changed, not the log, and
    // the way out is a restore (a rebuild from these events would erase the evidence).
    const changed = report.problems.find((p) => p.code === 'logged-event-changed');
    expect(changed?.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(changed?.positions!.to).toBeGreaterThanOrEqual(rewritten[0].position);
    expect(report.remedy).toMatch(/do not verify from position \d+ .*Restore the ledger from a backup/);
    expect(() => repairLedger(path)).toThrow(/cannot be repaired in place/);
  });

  it('detects a stream rewritten with the Merkle log rebuilt too, through the checkpoint, and narrows where', () => {
    let rewritten: StoredEvent[] = [];
    const path = ledger.tampered((db) => {
      rewritten = rewriteStream(db, 'proposal-3');
      rebuildMerkleLog(db);
    });
    expect(verifyLedger(path).ok).toBe(true); // every check inside the file holds: only an outside checkpoint can tell
    const report = verifyLedger(path, { checkpoints: [ledger.early], publicKey: ledger.keys.publicKeyPem });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0]).toMatchObject({
      signature: 'valid',
      rootMatches: false,
      consistencyProof: 'invalid',
    });
    const mismatch = report.problems.find((p) => p.code === 'checkpoint-root-mismatch')!;
    expect(mismatch.positions!.from).toBeLessThanOrEqual(rewritten[0].position);
    expect(mismatch.positions!.to).toBe(40);
  });

  it('reports an unreadable row and a broken chain', () => {
    const path = ledger.tampered((db) => {
      db.prepare('UPDATE events SET data = ? WHERE position = 5').run('{"n":');
      db.prepare('UPDATE events SET prev_hash = ? WHERE position = 60').run('00'.repeat(32));
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE position = 70').run('not json', 'not a hash');
    });
    const report = verifyLedger(path);
    expect(report.firstBadEvent).toMatchObject({ position: 5, code: 'unreadable-event' });
    expect(report.problems).toContainEqual(
      expect.objectContaining({
        code: 'prev-hash-mismatch',
        event: expect.objectContaining({ position: 60 }),
      }),
    );
    expect(report.problems).toContainEqual(
      expect.objectContaining({ code: 'unreadable-event', event: expect.objectContaining({ position: 70 }) }),
    );
    expect(report.eventsChecked).toBe(80);
  });
});
