import { GetProposalQuery, ListProposalsQuery, WhoDecidedQuery } from './queries/proposals.query';
import { GetMeetingQuery, ListMeetingsQuery } from './queries/registers.query';
import type { LedgerHarness } from './testing/ledger-harness';
import { projectedRows, scopedLedger } from './testing/scoped-ledger';
import { AUDITOR, PUBLIC } from './visibility';

/**
 * A date a read gives as an entry's `occurredAt` is approximate when that entry's date was given
 * as a guess (`occurredAtApproximate`, README "Uncertain dates"): a meeting's held date (the
 * MeetingHeld entry's), a proposal's tabled date (its tabling's) and closed date (the entry that
 * closed it). Each read says so beside the date, at every cut, and a rebuild agrees.
 */
describe('dates read from entries dated approximately', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('approximate dates spec');
  const { record, ask, withRebuilt } = scoped;
  const HERTS = 'pcc-hertfordshire';

  const schedule = (meetingId: string, scheduledFor: string, scheduledForApproximate: boolean) =>
    record(
      {
        type: 'ScheduleMeeting',
        data: {
          meetingId,
          title: `Meeting ${meetingId}`,
          bodyIds: [HERTS],
          scheduledFor,
          scheduledForApproximate,
          public: true,
        },
      },
      '2013-12-01T09:00:00Z',
    );
  const hold = (meetingId: string, day: string, approximate: boolean, heldOnApproximate?: boolean) =>
    record(
      {
        type: 'RecordMeetingHeld',
        data: { meetingId, attendees: [], ...(heldOnApproximate ? { heldOnApproximate } : {}) },
      },
      day,
      approximate,
    );
  const table = (proposalId: string, day: string, approximate: boolean) =>
    record(
      {
        type: 'TableProposal',
        data: {
          proposalId,
          title: `Proposal ${proposalId}`,
          description: 'Shared support services',
          scope: ['HR'],
          tabledBy: HERTS,
          bodyId: HERTS,
        },
      },
      day,
      approximate,
    );
  const withdraw = (proposalId: string, day: string, approximate: boolean) =>
    record(
      { type: 'WithdrawProposal', data: { proposalId, byBodyId: HERTS, reason: 'Dropped' } },
      day,
      approximate,
    );

  beforeAll(async () => {
    ledger = await scoped.start();
    // Held in a year a report gives, the entry's date marked a guess (and not the meeting's flag).
    await schedule('ad-guessed', '2014', true);
    await hold('ad-guessed', '2014', true);
    // Held on a day the minutes give.
    await schedule('ad-exact', '2014-02-03', false);
    await hold('ad-exact', '2014-02-03', false);
    // Held on a day entered exactly, but flagged a guess by the meeting's own flag.
    await schedule('ad-flagged', '2014-02', true);
    await hold('ad-flagged', '2014-02-10', false, true);
    await table('ad-guessed', '2014', true);
    await withdraw('ad-guessed', '2015', true);
    await table('ad-exact', '2014-02-03', false);
    await withdraw('ad-exact', '2014-03-01', false);
    await table('ad-open', '2014', true);
    await record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: 'ad-open',
          decisionId: 'ad-open-reject',
          bodyId: HERTS,
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'reject',
          meetingId: 'ad-guessed',
          rationale: 'Not now',
        },
      },
      '2014-06-01T12:00:00Z',
    );
    // An alliance's proposal each member may take forward on its own: on a guessed day, and an exact one.
    for (const [id, day, approximate] of [
      ['tf-guessed', '2014', true],
      ['tf-exact', '2014-04-02', false],
    ] as const) {
      await record(
        {
          type: 'TableProposal',
          data: {
            proposalId: id,
            title: `Proposal ${id}`,
            description: 'Shared support services',
            scope: ['HR'],
            tabledBy: 'jwg',
            allianceId: 'bch-alliance',
          },
        },
        '2014',
        true,
      );
      await record(
        {
          type: 'TableProposal',
          data: {
            proposalId: `${id}-herts`,
            title: `Hertfordshire's own ${id}`,
            description: 'Hertfordshire will pursue it alone.',
            scope: ['HR'],
            tabledBy: HERTS,
            bodyId: HERTS,
            parentProposalId: id,
          },
        },
        day,
        approximate,
      );
      await record(
        {
          type: 'TakeForwardByMember',
          data: {
            proposalId: id,
            memberBodyId: HERTS,
            newProposalId: `${id}-herts`,
            statement: 'Hertfordshire will pursue it alone.',
          },
        },
        day,
        approximate,
      );
    }
    await ledger.settle();
  }, 60_000);
  afterAll(() => scoped.close());

  const meeting = (meetingId: string, cut = {}, viewer = PUBLIC) =>
    ask(new GetMeetingQuery(meetingId, cut, viewer));
  const proposal = (proposalId: string, cut = {}, viewer = PUBLIC) =>
    ask(new GetProposalQuery(proposalId, cut, viewer));

  it("marks a meeting's held date approximate when its MeetingHeld entry was dated as a guess", async () => {
    for (const viewer of [PUBLIC, AUDITOR])
      for (const cut of [{}, { asOf: '2014-12-31' }, { knownAt: new Date().toISOString() }])
        expect(await meeting('ad-guessed', cut, viewer)).toMatchObject({
          heldOn: '2014',
          heldOnPrecision: 'year',
          heldOnApproximate: true,
          scheduledForApproximate: true,
        });
    expect(await meeting('ad-exact')).toMatchObject({ heldOn: '2014-02-03', heldOnApproximate: false });
    expect(await meeting('ad-flagged')).toMatchObject({ heldOn: '2014-02-10', heldOnApproximate: true });
  });

  it('lists it so, and names it so where a decision was taken at it', async () => {
    const listed = (await ask(new ListMeetingsQuery({}, { after: 'ad-', limit: 3 }, {}, PUBLIC))).items;
    expect(
      listed.map((m: { meetingId: string; heldOnApproximate: boolean }) => [
        m.meetingId,
        m.heldOnApproximate,
      ]),
    ).toEqual([
      ['ad-exact', false],
      ['ad-flagged', true],
      ['ad-guessed', true],
    ]);
    const decided = await ask(new WhoDecidedQuery('ad-open', {}, PUBLIC));
    expect(decided.decisions[0].meeting).toMatchObject({ id: 'ad-guessed', heldOnApproximate: true });
  });

  it("marks a proposal's tabled and closed dates approximate when the entries that set them were", async () => {
    expect(await proposal('ad-guessed')).toMatchObject({
      tabledAt: '2014',
      tabledAtApproximate: true,
      closedAt: '2015',
      closedAtApproximate: true,
    });
    expect(await proposal('ad-exact')).toMatchObject({
      tabledAt: '2014-02-03',
      tabledAtApproximate: false,
      closedAt: '2014-03-01',
      closedAtApproximate: false,
    });
    // Not closed (at the cut, or at all): no closed date, and no flag for it.
    for (const [id, cut] of [
      ['ad-guessed', { asOf: '2014-12-31' }],
      ['ad-open', {}],
    ] as const) {
      const read = await proposal(id, cut, AUDITOR);
      expect(read).toMatchObject({ tabledAt: '2014', tabledAtApproximate: true });
      expect(read.closedAt).toBeUndefined();
      expect(read.closedAtApproximate).toBeUndefined();
    }
    const listed = (
      await ask(new ListProposalsQuery({ bodyId: HERTS }, { after: 'ad-', limit: 3 }, {}, PUBLIC))
    ).items as Array<{ proposalId: string; tabledAtApproximate: boolean }>;
    expect(listed.map((p) => [p.proposalId, p.tabledAtApproximate])).toEqual([
      ['ad-exact', false],
      ['ad-guessed', true],
      ['ad-open', true],
    ]);
  });

  it("marks the day a member took an alliance's proposal forward approximate when that entry was dated as a guess", async () => {
    for (const viewer of [PUBLIC, AUDITOR])
      for (const cut of [{}, { asOf: '2014-12-31' }, { knownAt: new Date().toISOString() }]) {
        expect((await proposal('tf-guessed', cut, viewer)).takenForward).toMatchObject({
          date: '2014',
          dateApproximate: true,
        });
        expect((await proposal('tf-exact', cut, viewer)).takenForward).toMatchObject({
          date: '2014-04-02',
          dateApproximate: false,
        });
      }
  });

  it('is what a rebuild from scratch makes of the log', async () => {
    const live = projectedRows(ledger.projections.readModels);
    await withRebuilt((rebuilt) => expect(projectedRows(rebuilt)).toEqual(live));
    const row = ledger.projections.readModels
      .prepare('SELECT held_on_approximate FROM rm_meetings WHERE meeting_id = ?')
      .get('ad-guessed');
    expect(row).toEqual({ held_on_approximate: 1 });
  });
});
