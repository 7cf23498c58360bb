import { CC_MEETING, PCC_MEETING } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import { ExportOcdEventsQuery } from '../exports/ocd-events.query';
import { ExportPopoloQuery } from '../exports/popolo.query';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { AUDITOR, PUBLIC } from '../visibility';
import { GetBodyQuery } from './entities.query';
import { GetMeetingQuery, ListBodiesQuery, ListMeetingsQuery } from './registers.query';

/*
 * What the reports do not give, read back (issue 16): meetings whose publicity is not stated
 * (shown to the public, since not stated is not private, and said to be not stated), scheduled
 * for a year, approximate; bodies with no founding date, or one at reduced precision.
 */
describe('reads of what the source does not state', () => {
  let ledger: LedgerHarness;
  const ask = (query: object) => ledger.queries.execute<never, any>(query as never);
  const page = { limit: 100 };

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    const record = (command: RecordableCommand, occurredAt: string) =>
      ledger.record(command, {
        occurredAt,
        actor: 'clerk:spec',
        source: { kind: 'test', reference: 'spec' },
      });
    // A body whose founding month is known, registered later than it was founded.
    await record(
      {
        type: 'RegisterBody',
        data: {
          bodyId: 'panel',
          name: 'Police and Crime Panel',
          classification: 'committee',
          powers: 'advises',
          foundingDate: '2012-11',
          foundingDateApproximate: true,
        },
      },
      '2013-02-01',
    );
    // A body with no founding date, registered (by the record's date) in March 2014.
    await record(
      {
        type: 'RegisterBody',
        data: { bodyId: 'undated', name: 'An undated body', classification: 'other', powers: 'none' },
      },
      '2014-03-01',
    );
    await ledger.settle();
  });
  afterAll(async () => ledger.close());

  it('shows the public a meeting whose publicity is not stated, saying so, with its year as given', async () => {
    for (const viewer of [PUBLIC, AUDITOR]) {
      const meeting = await ask(new GetMeetingQuery(PCC_MEETING, {}, viewer));
      expect(meeting).toMatchObject({
        title: 'Police and Crime Commissioners of the Strategic Alliance',
        scheduledFor: '2013',
        scheduledForPrecision: 'year',
        scheduledForApproximate: true,
        publicity: 'not-stated',
        agenda: [expect.objectContaining({ itemId: 'g4s' })],
      });
      expect(meeting.public).toBeUndefined();
    }
  });

  it('lists it in the register, and a date filter counts the year from its first instant', async () => {
    const listed = await ask(new ListMeetingsQuery({ from: '2013-01-01' }, page, {}, PUBLIC));
    expect(listed.items.map((m: any) => m.meetingId)).toEqual([PCC_MEETING]);
    const summer = await ask(new ListMeetingsQuery({ to: '2012-12-31' }, page, {}, PUBLIC));
    expect(summer.items.map((m: any) => [m.meetingId, m.scheduledFor, m.publicity])).toEqual([
      [CC_MEETING, '2012', 'not-stated'],
      ['jwg-g4s-meeting', '2012', 'not-stated'],
    ]);
    // The same at a cut (drawn from the meetings' states).
    const atCut = await ask(
      new ListMeetingsQuery({ from: '2013-01-01' }, page, { asOf: '2013-06-01' }, PUBLIC),
    );
    expect(atCut.items.map((m: any) => [m.meetingId, m.publicity])).toEqual([[PCC_MEETING, 'not-stated']]);
  });

  it("says a body's founding date is not stated by leaving it out, and gives a stated one as given", async () => {
    const authority = await ask(new GetBodyQuery('pa-hertfordshire', {}, PUBLIC));
    for (const absent of ['foundingDate', 'foundingDatePrecision', 'foundingDateApproximate'])
      expect(authority[absent]).toBeUndefined();
    expect(await ask(new GetBodyQuery('pcc-hertfordshire', {}, PUBLIC))).toMatchObject({
      foundingDate: '2012-11-22',
      foundingDatePrecision: 'day',
      foundingDateApproximate: false,
    });
    expect(await ask(new GetBodyQuery('panel', {}, PUBLIC))).toMatchObject({
      foundingDate: '2012-11',
      foundingDatePrecision: 'month',
      foundingDateApproximate: true,
    });
  });

  it('lists a body as of a cut from its founding date, or from its registration when none is stated', async () => {
    const ids = async (asOf: string) =>
      (await ask(new ListBodiesQuery({}, page, { asOf }))).items.map((b: any) => b.bodyId);
    // Founded 2012-11 (approximate): from 1 November 2012, though recorded in 2013.
    expect(await ids('2012-11-01')).toContain('panel');
    expect(await ids('2012-10-31T23:59:59Z')).not.toContain('panel');
    // No founding date: from its registration's date, as a read of the body at a cut finds it.
    expect(await ids('2014-03-01')).toContain('undated');
    expect(await ids('2014-02-28')).not.toContain('undated');
    await expect(ask(new GetBodyQuery('undated', { asOf: '2014-02-28' }, PUBLIC))).rejects.toMatchObject({
      code: 'not-found',
    });
    // The story's police authorities have none either: listed from the year the reports give.
    expect(await ids('2012-01-01')).toContain('pa-hertfordshire');
    expect(await ids('2011-12-31')).not.toContain('pa-hertfordshire');
  });

  it('exports what is not stated: no Popolo founding date, and the meeting said to be of publicity not stated', async () => {
    const popolo = await ask(new ExportPopoloQuery({}, PUBLIC));
    const org = (id: string) => popolo.organizations.find((o: any) => o.id === id);
    expect(org('pa-hertfordshire')).not.toHaveProperty('founding_date');
    expect(org('pcc-hertfordshire')).toMatchObject({ founding_date: '2012-11-22' });
    expect(org('panel')).toMatchObject({
      founding_date: '2012-11',
      description: 'Its founding date is approximate.',
    });
    expect(org('bch-alliance')).toMatchObject({ founding_date: '2012' });
    const pcc = popolo.events.find((e: any) => e.id === PCC_MEETING);
    expect(pcc.description).toContain('Whether it was open to the public: not stated.');
    const ocd = await ask(new ExportOcdEventsQuery({}, {}, PUBLIC));
    const event = ocd.find((e: any) => e.extras.ledger_meeting_id === PCC_MEETING);
    expect(event).toMatchObject({
      description: 'Whether it is open to the public: not stated',
      extras: { ledger_publicity: 'not-stated' },
    });
  });
});
