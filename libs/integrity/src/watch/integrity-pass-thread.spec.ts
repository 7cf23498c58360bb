import { eventRowAt, sampleLedger, type SampleLedger } from '../testing';
import { verifyLedger, type LedgerVerificationReport } from '../verify-ledger';
import { IntegrityPassThread } from './integrity-pass-thread';

/*
 * The integrity watch's passes, walked on a thread of their own: each says what `ledger verify`
 * says of the same file (two paths, one answer), and the walking is the thread's, not the caller's.
 */
describe('IntegrityPassThread', () => {
  let ledger: SampleLedger;
  const threads: IntegrityPassThread[] = [];
  beforeAll(async () => (ledger = await sampleLedger()));
  afterAll(async () => {
    await Promise.all(threads.map((t) => t.close()));
    ledger.cleanup();
  });
  const threadOn = (path: string) => {
    const thread = new IntegrityPassThread(path);
    threads.push(thread);
    return thread;
  };
  // What differs between two walks of the same file: when they ran, and for how long.
  const comparable = (r: LedgerVerificationReport | undefined) => r && { ...r, durationMs: undefined };

  it('given a ledger that verifies, when a pass is walked on the thread, then it reports what ledger verify does, held to the anchors given', async () => {
    const path = ledger.tampered(() => undefined); // a copy, unchanged
    const thread = threadOn(path);
    const report = await thread.pass({ anchors: [ledger.early], pageSize: 7 });
    expect(report?.ok).toBe(true);
    expect(comparable(report)).toEqual(comparable(verifyLedger(path, { checkpoints: [ledger.early] })));
    // The walk was the thread's own work (its event loop was busy), not this one's.
    expect(thread.threadWorkMs()).toBeGreaterThan(0);
    // And the thread stays for the next pass, which sees the same.
    expect(comparable(await thread.pass({ anchors: [], pageSize: 500 }))).toEqual(
      comparable(verifyLedger(path)),
    );
  });

  it('given one changed byte of an event, when a pass is walked on the thread, then it names that event as ledger verify does', async () => {
    const target = ledger.events[12];
    const path = ledger.tampered((db) => {
      const data = eventRowAt(db, target.position).data.replace('"', '" ');
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, target.position);
    });
    const report = await threadOn(path).pass({ anchors: [ledger.early], pageSize: 5 });
    expect(report?.ok).toBe(false);
    expect(report?.firstBadEvent).toMatchObject({ position: target.position, id: target.id });
    expect(comparable(report)).toEqual(comparable(verifyLedger(path, { checkpoints: [ledger.early] })));
  });

  it('given a closed thread, when a pass is asked for, then none is walked and none is reported', async () => {
    const thread = threadOn(ledger.tampered(() => undefined));
    await thread.pass({ anchors: [], pageSize: 500 });
    await thread.close();
    await expect(thread.pass({ anchors: [], pageSize: 500 })).resolves.toBeUndefined();
  });

  it('given a file that is not a ledger, when a pass is asked for, then the failure is the caller’s to see', async () => {
    await expect(threadOn(ledger.path('missing.db')).pass({ anchors: [], pageSize: 500 })).rejects.toThrow(
      /exited|unable to open|does not exist|SQLITE_CANTOPEN/i,
    );
  });
});
