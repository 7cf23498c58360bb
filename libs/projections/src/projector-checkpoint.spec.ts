import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectedEvent } from '@ledger/event-store';
import { Projector } from './projector';
import { ReadModelDb } from './read-model/read-model.db';
import { startLedger, type LedgerHarness } from './testing/ledger-harness';

/**
 * Every read is stamped with the projector's checkpoint, so it is kept in memory as the projector
 * commits its pages, and must still say what the file says: after pages, after a page that rolled
 * back, after a rebuild (whose writer thread moves it in another connection).
 */
describe('the projector checkpoint', () => {
  let dir: string;
  let ledger: LedgerHarness;
  let events: ProjectedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpoint-'));
    ledger = await startLedger();
    await ledger.recordStory();
    events = [];
    for await (const event of ledger.store.readAll()) events.push(event);
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileCheckpoint = (rm: ReadModelDb) => rm.checkpoint;

  it('given pages committed, when read many times, then it is the file’s and is not queried again', async () => {
    const rm = ReadModelDb.open(':memory:', 1);
    const projector = new Projector(rm, ledger.store);
    await projector.apply(events.slice(0, 5));
    await projector.apply(events.slice(5, 12));
    const meta = jest.spyOn(rm, 'meta');
    for (let i = 0; i < 1000; i++) expect(projector.checkpoint).toBe(events[11].position);
    expect(meta).not.toHaveBeenCalled();
    meta.mockRestore();
    expect(fileCheckpoint(rm)).toBe(events[11].position);
    rm.close();
  });

  it('given a page that fails inside its transaction, then the checkpoint stays where the file has it', async () => {
    const rm = ReadModelDb.open(':memory:', 2);
    const projector = new Projector(rm, ledger.store);
    await projector.apply(events.slice(0, 5));
    const run = projector.out.run.bind(projector.out);
    projector.out.run = (sql, params) => {
      if (sql.includes('rm_meta')) throw new Error('disk full');
      run(sql, params);
    };
    await expect(projector.apply(events.slice(5, 9))).rejects.toThrow('disk full');
    projector.out.run = run;
    expect(projector.checkpoint).toBe(events[4].position);
    expect(fileCheckpoint(rm)).toBe(events[4].position);
    rm.close();
  });

  it('given a rebuild into a file (a writer thread), then the checkpoint is the rebuilt one', async () => {
    const rm = ReadModelDb.open(join(dir, 'gen-3.db'), 3);
    const projector = new Projector(rm, ledger.store);
    expect(projector.checkpoint).toBe(0);
    await projector.rebuildFromScratch(undefined, 4);
    expect(projector.checkpoint).toBe(events[events.length - 1].position);
    expect(fileCheckpoint(rm)).toBe(projector.checkpoint);
    rm.close();
  });
});
