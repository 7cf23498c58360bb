import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import type { CommandRunner } from './command-runner';
import { runnerOn } from './testing/recording-property.fixtures';
import type { RecordableCommand, RecordingContext } from './record.command';

/**
 * A retraction or correction is refused while another record rests on what it takes out or
 * changes, and a command naming a record is decided on the record as it stands. Sent at the same
 * moment, on two requests, the two must not both land: one of them is decided knowing the other
 * (recording-gate.ts).
 */
describe('a correction or retraction and a command naming what it changes, sent at once', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let close: () => Promise<void>;

  const context = (occurredAt: string): RecordingContext => ({
    occurredAt,
    actor: 'clerk',
    source: { kind: 'test', reference: 'retraction-race.spec.ts' },
  });
  const registerBody: RecordableCommand = {
    type: 'RegisterBody',
    data: {
      bodyId: 'pa-surrey',
      foundingDate: '2012-01-01',
      name: 'Surrey Police Authority',
      classification: 'police-authority',
      powers: 'decides',
    },
  };
  const tableNaming = (proposalId: string): RecordableCommand => ({
    type: 'TableProposal',
    data: {
      proposalId,
      title: 'Surrey joins',
      description: 'd',
      scope: ['HR'],
      tabledBy: 'pa-surrey',
      bodyId: 'pa-surrey',
    },
  });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'retraction-race-'));
    store = new SqliteEventStore({ path: join(dir, 'ledger.db') });
    const wired = await runnerOn(store);
    runner = wired.runner;
    close = async () => {
      await wired.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    };
  });
  afterEach(() => close());

  async function race(retractionFirst: boolean) {
    const registered = await runner.record(registerBody, context('2012-01-01'));
    const retract = () =>
      runner.record(
        {
          type: 'RetractEvent',
          stream: 'body-pa-surrey',
          data: { stream: 'body-pa-surrey', eventId: registered.events[0].id, reason: 'Recorded in error' },
        } as unknown as RecordableCommand,
        context('2012-02-01'),
      );
    const name = () => runner.record(tableNaming('surrey-joins'), context('2012-03-01'));
    const [first, second] = retractionFirst ? [retract(), name()] : [name(), retract()];
    return Promise.allSettled([first, second]);
  }

  it('the retraction sent first lands, and the command naming the body is refused', async () => {
    const [retraction, naming] = await race(true);
    expect(retraction.status).toBe('fulfilled');
    expect(naming.status).toBe('rejected');
    expect((await store.streamInfo('proposal-surrey-joins')).exists).toBe(false);
  });

  it('the command sent first lands, and the retraction is refused, naming it', async () => {
    const [naming, retraction] = await race(false);
    expect(naming.status).toBe('fulfilled');
    expect(retraction.status).toBe('rejected');
    expect(String((retraction as PromiseRejectedResult).reason)).toMatch(/proposal-surrey-joins/);
  });

  /** The body's founding corrected to after the proposal's tabling, sent with the tabling. */
  async function correctionRace(correctionFirst: boolean) {
    const registered = await runner.record(registerBody, context('2012-01-01'));
    const correct = () =>
      runner.record(
        {
          type: 'CorrectEvent',
          stream: 'body-pa-surrey',
          data: {
            eventId: registered.events[0].id,
            reason: 'As its order says',
            changes: { foundingDate: '2012-06-01' },
          },
        } as unknown as RecordableCommand,
        context('2012-07-01'),
      );
    const name = () => runner.record(tableNaming('surrey-joins'), context('2012-03-01'));
    const [first, second] = correctionFirst ? [correct(), name()] : [name(), correct()];
    return Promise.allSettled([first, second]);
  }

  it('the correction sent first lands, and the tabling by the body before its corrected founding is refused', async () => {
    const [correction, naming] = await correctionRace(true);
    expect(correction.status).toBe('fulfilled');
    expect(String((naming as PromiseRejectedResult).reason)).toMatch(/established/);
  });

  it('the tabling sent first lands, and the correction that would leave it before the founding is refused, naming it', async () => {
    const [naming, correction] = await correctionRace(false);
    expect(naming.status).toBe('fulfilled');
    expect(String((correction as PromiseRejectedResult).reason)).toMatch(/proposal-surrey-joins/);
  });
});
