import { Test } from '@nestjs/testing';
import { CqrsModule } from '@nestjs/cqrs';
import { toRecorded } from '@ledger/domain';
import { WORLD, voteOpened } from '@ledger/domain/testing';
import { EVENT_STORE, SqliteEventStore, type StoredEvent } from '@ledger/event-store';
import { CommandRunner, LEDGER_CLOCK } from './command-runner';
import type { RecordingContext } from './record.command';

/*
 * A retraction through the CommandRunner, onto the embedded store, reads the records that name
 * its record from the index of what names what (named-records-index.ts), built from the store and
 * caught up to its head on each read: what another runner (another instance) wrote is found, and
 * a record that no longer names it (its naming entry retracted) holds nothing back.
 */
describe('the index of what names what, behind a retraction', () => {
  let store: SqliteEventStore;
  const runners: CommandRunner[] = [];
  const ctx = (occurredAt: string): RecordingContext => ({
    occurredAt,
    actor: 'clerk:test',
    source: { kind: 'minutes', reference: 'test' },
  });
  const stream = async (name: string): Promise<StoredEvent[]> => {
    const out: StoredEvent[] = [];
    for await (const e of store.readStream(name)) out.push(e);
    return out;
  };
  const idOf = async (name: string, type: string) => (await stream(name)).find((e) => e.type === type)!.id;
  const retract = async (runner: CommandRunner, name: string, type: string) =>
    runner.record(
      { type: 'RetractEvent', stream: name, data: { eventId: await idOf(name, type), reason: 'In error' } },
      ctx('2012-12-01'),
    );

  const aRunner = async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        CommandRunner,
        { provide: EVENT_STORE, useValue: store },
        { provide: LEDGER_CLOCK, useValue: () => new Date('2013-01-01T00:00:00Z') },
      ],
    }).compile();
    await moduleRef.init();
    return moduleRef.get(CommandRunner);
  };

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:', clock: () => new Date('2013-01-01T00:00:00Z') });
    runners.splice(0, runners.length, await aRunner(), await aRunner());
    for (const [command, occurredAt] of WORLD) await runners[0].record(command, ctx(occurredAt));
  });
  afterEach(async () => store.close());

  it('refuses retracting a meeting’s holding while a vote opened at it by another runner stands, writing nothing', async () => {
    const [first, second] = runners;
    // The first runner reads the index once (a retraction nothing rests on), before the vote exists.
    await first.record({ type: 'RecordClaim', data: claim }, ctx('2012-04-01'));
    await retract(first, 'proposal-p', 'ClaimRecorded');
    const [command, occurredAt] = voteOpened();
    await second.record(command, ctx(occurredAt));
    const head = await store.head();
    const opening = await idOf('vote-v', 'VoteOpened');
    await expect(retract(first, 'meeting-m', 'MeetingHeld')).rejects.toMatchObject({
      rule: 'retraction-leaves-dependent',
      message: expect.stringContaining(
        `VoteOpened ${opening} of 2012-06-01 in vote-v was taken at meeting m`,
      ),
      context: { dependents: [{ stream: 'vote-v', eventId: opening }] },
    });
    expect(await store.head()).toBe(head);
    expect((await stream('meeting-m')).map((e) => toRecorded(e).type)).toEqual([
      'MeetingScheduled',
      'MeetingHeld',
    ]);
  });

  it('takes it once the vote’s opening is retracted, on either runner', async () => {
    const [first, second] = runners;
    const [command, occurredAt] = voteOpened();
    await first.record(command, ctx(occurredAt));
    await expect(retract(first, 'meeting-m', 'MeetingHeld')).rejects.toMatchObject({
      rule: 'retraction-leaves-dependent',
    });
    await retract(second, 'vote-v', 'VoteOpened');
    await retract(first, 'meeting-m', 'MeetingHeld');
    expect((await stream('meeting-m')).map((e) => e.type)).toEqual([
      'MeetingScheduled',
      'MeetingHeld',
      'EventRetracted',
    ]);
  });
});

const claim = {
  proposalId: 'p',
  claimId: 'c1',
  subject: 'savings' as const,
  amount: 1,
  unit: 'GBP' as const,
  qualifier: 'about' as const,
  claimant: 'A paper',
  statement: 'About a pound.',
};
