import { ALLIANCE_PROPOSAL, HERTS_PROPOSAL, PCC_MEETING } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import { recordHertsPrivateMeeting } from '../testing/herts-private-meeting';
import { startLedger, type LedgerHarness } from '../testing/ledger-harness';
import { AUDITOR, PUBLIC, type Viewer } from '../visibility';
import {
  GetAllianceQuery,
  GetBodyQuery,
  GetPersonQuery,
  GetProposalPartQuery,
  GetVoteQuery,
} from './entities.query';

/** What one records, read back one thing at a time, at any cut, as the viewer may see it. */
describe('single-resource reads', () => {
  let ledger: LedgerHarness;
  const CLERK: Viewer = { role: 'clerk' };
  const SOURCE = { kind: 'test', reference: 'single-resource reads spec' };
  let votesRecordedAt = '';

  beforeAll(async () => {
    ledger = await startLedger();
    await ledger.recordStory();
    let clock = 0;
    for await (const e of ledger.store.readAll()) clock = Math.max(clock, Date.parse(e.metadata.recordedAt));
    clock += 86_400_000;
    votesRecordedAt = new Date(clock).toISOString();
    ledger.setClock(votesRecordedAt);
    const record = (command: RecordableCommand, occurredAt: string) =>
      ledger.record(command, { occurredAt, actor: 'clerk:spec', source: SOURCE });
    // A vote at a private meeting of Hertfordshire's PCC, and one at the three PCCs' public meeting.
    await recordHertsPrivateMeeting(record);
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId: 'private-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: 'herts-private',
          question: 'That the options go to consultation',
          bodyId: 'pcc-hertfordshire',
        },
      },
      '2013-03-02T11:00:00Z',
    );
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId: 'herts-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: PCC_MEETING,
          question: 'That Hertfordshire considers outsourcing',
          bodyId: 'pcc-hertfordshire',
        },
      },
      '2013-03-01T10:00:00Z',
    );
    await record(
      {
        type: 'CastVote',
        data: {
          voteEventId: 'herts-vote',
          personId: 'david-lloyd',
          bodyId: 'pcc-hertfordshire',
          option: 'yes',
        },
      },
      '2013-03-01T10:05:00Z',
    );
    await record({ type: 'CloseVote', data: { voteEventId: 'herts-vote' } }, '2013-03-01T10:10:00Z');
    await record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: HERTS_PROPOSAL,
          decisionId: 'herts-in-private',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          inPublic: false,
          rationale: 'Awaiting bids',
        },
      },
      '2013-03-04T10:00:00Z',
    );
    await ledger.settle();
  });
  afterAll(async () => ledger.close());

  const ask = (query: object) => ledger.queries.execute<never, any>(query as never);

  describe('a body', () => {
    it('now: abolished, with its successor by name', async () => {
      const body = await ask(new GetBodyQuery('pa-hertfordshire', {}, PUBLIC));
      expect(body).toMatchObject({
        bodyId: 'pa-hertfordshire',
        name: 'Hertfordshire Police Authority',
        classification: 'police-authority',
        powers: 'decides',
        dissolutionDate: '2012-11-22',
      });
      expect(body.successor).toEqual({
        id: 'pcc-hertfordshire',
        name: 'Police and Crime Commissioner for Hertfordshire',
      });
    });

    it('as of a date before its abolition: still in being, with no successor', async () => {
      const body = await ask(new GetBodyQuery('pa-hertfordshire', { asOf: '2012-11-01' }, PUBLIC));
      expect(body.dissolutionDate).toBeUndefined();
      expect(body.successor).toBeUndefined();
    });

    it('with its posts and their office holders by name', async () => {
      const body = await ask(new GetBodyQuery('pcc-cambridgeshire', {}, PUBLIC));
      expect(body.posts).toEqual([
        {
          postId: 'commissioner',
          label: 'Police and Crime Commissioner for Cambridgeshire',
          role: 'Police and Crime Commissioner',
        },
      ]);
      expect(body.officeHolders).toEqual([
        expect.objectContaining({
          post: { id: 'commissioner', label: 'Police and Crime Commissioner for Cambridgeshire' },
          person: { id: 'graham-bright', name: 'Sir Graham Bright' },
          startDate: '2012-11-22',
        }),
      ]);
    });

    it.each([{ asOf: '2012-11-21' }, { knownAt: '2012-11-23T08:59:59Z' }])(
      'answers 404 where it did not exist yet (%o)',
      async (cut) => {
        await expect(ask(new GetBodyQuery('pcc-hertfordshire', cut, PUBLIC))).rejects.toMatchObject({
          code: 'not-found',
          message: 'Body pcc-hertfordshire was not found',
        });
        expect((await ask(new GetBodyQuery('pcc-hertfordshire', { asOf: '2012-11-22' }, PUBLIC))).name).toBe(
          'Police and Crime Commissioner for Hertfordshire',
        );
      },
    );

    it('answers 404 for a body never recorded', async () => {
      await expect(ask(new GetBodyQuery('no-such-body', {}, AUDITOR))).rejects.toMatchObject({
        code: 'not-found',
      });
    });
  });

  describe('a person', () => {
    it('with the name as they are addressed', async () => {
      expect(await ask(new GetPersonQuery('graham-bright', {}, PUBLIC))).toMatchObject({
        personId: 'graham-bright',
        name: 'Graham Bright',
        honorificPrefix: 'Sir',
        displayName: 'Sir Graham Bright',
      });
    });

    it.each([{ asOf: '2012-11-21' }, { knownAt: '2012-11-22T00:00:00Z' }])(
      'answers 404 before they were recorded (%o)',
      async (cut) => {
        await expect(ask(new GetPersonQuery('david-lloyd', cut, PUBLIC))).rejects.toMatchObject({
          code: 'not-found',
          message: 'Person david-lloyd was not found',
        });
      },
    );
  });

  describe('an alliance', () => {
    it('with its decision rule and its members by name', async () => {
      const alliance = await ask(new GetAllianceQuery('bch-alliance', { asOf: '2012-06-01' }, PUBLIC));
      expect(alliance.decisionRule).toEqual({ kind: 'unanimity' });
      expect(alliance.members.map((m: any) => m.body.id).sort()).toEqual([
        'cc-bedfordshire',
        'cc-cambridgeshire',
        'cc-hertfordshire',
        'pa-bedfordshire',
        'pa-cambridgeshire',
        'pa-hertfordshire',
      ]);
      // Formed in 2012 by the reports' reckoning, a guess: the year as given, never 1 January.
      expect(alliance).toMatchObject({
        foundingDate: '2012',
        foundingDatePrecision: 'year',
        foundingDateApproximate: true,
      });
      expect(alliance.members.find((m: any) => m.body.id === 'pa-hertfordshire')).toMatchObject({
        body: { name: 'Hertfordshire Police Authority' },
        startDate: '2012',
      });
    });

    it('answers 404 before it was formed', async () => {
      await expect(
        ask(new GetAllianceQuery('bch-alliance', { asOf: '2011-12-31' }, PUBLIC)),
      ).rejects.toMatchObject({ code: 'not-found' });
    });
  });

  describe('a vote', () => {
    it('at a meeting no source calls private: its question, proposal, meeting, ballots and result, for everyone', async () => {
      const vote = await ask(new GetVoteQuery('herts-vote', {}, PUBLIC));
      expect(vote).toMatchObject({
        voteEventId: 'herts-vote',
        question: 'That Hertfordshire considers outsourcing',
        closed: true,
        result: 'passed',
        // No report says whether the PCCs met in public: not stated, which is not private.
        meeting: { id: PCC_MEETING, publicity: 'not-stated' },
      });
      expect(vote.meeting.public).toBeUndefined();
      expect(vote.proposal.id).toBe(HERTS_PROPOSAL);
      expect(vote.votingBodies).toEqual([
        { id: 'pcc-hertfordshire', name: 'Police and Crime Commissioner for Hertfordshire' },
      ]);
      expect(vote.votes).toEqual([
        expect.objectContaining({
          person: { id: 'david-lloyd', name: 'David Lloyd' },
          option: 'yes',
          postId: 'commissioner',
        }),
      ]);
    });

    it('as of a date between its ballot and its close: open, with the ballot', async () => {
      const vote = await ask(new GetVoteQuery('herts-vote', { asOf: '2013-03-01T10:07:00Z' }, PUBLIC));
      expect(vote.closed).toBe(false);
      expect(vote.result).toBeUndefined();
      expect(vote.votes).toHaveLength(1);
    });

    it.each([{ asOf: '2013-03-01T09:59:59Z' }, { knownAt: '2013-02-05T00:00:00Z' }])(
      'answers 404 before it was opened (%o)',
      async (cut) => {
        await expect(ask(new GetVoteQuery('herts-vote', cut, AUDITOR))).rejects.toMatchObject({
          code: 'not-found',
        });
      },
    );

    it('at a private meeting: 404 for the public, shown to clerks and auditors', async () => {
      await expect(ask(new GetVoteQuery('private-vote', {}, PUBLIC))).rejects.toMatchObject({
        code: 'not-found',
        message: 'Vote private-vote was not found',
      });
      for (const viewer of [CLERK, AUDITOR])
        expect(await ask(new GetVoteQuery('private-vote', {}, viewer))).toMatchObject({
          voteEventId: 'private-vote',
          meeting: { id: 'herts-private', public: false },
        });
    });
  });

  describe("a proposal's decisions, recommendations and claims, one at a time", () => {
    const part = (
      proposalId: string,
      kind: 'decision' | 'recommendation' | 'claim',
      id: string,
      cut: object,
      viewer: Viewer,
    ) => ask(new GetProposalPartQuery(proposalId, kind, id, cut, viewer));

    it('a decision, with who took it and for which body', async () => {
      const decision = await part(ALLIANCE_PROPOSAL, 'decision', 'discontinue-hertfordshire', {}, PUBLIC);
      expect(decision).toMatchObject({
        proposalId: ALLIANCE_PROPOSAL,
        decisionId: 'discontinue-hertfordshire',
        outcome: 'reject',
        person: { name: 'David Lloyd' },
        post: { label: 'Police and Crime Commissioner for Hertfordshire' },
      });
    });

    it('answers 404 before it was taken, and to the public for a decision taken in private', async () => {
      await expect(
        part(
          ALLIANCE_PROPOSAL,
          'decision',
          'discontinue-hertfordshire',
          { asOf: '2012-12-31T23:59:59Z' },
          PUBLIC,
        ),
      ).rejects.toMatchObject({ code: 'not-found' });
      await expect(part(HERTS_PROPOSAL, 'decision', 'herts-in-private', {}, PUBLIC)).rejects.toMatchObject({
        code: 'not-found',
        message: `Decision herts-in-private of proposal ${HERTS_PROPOSAL} was not found`,
      });
      expect(await part(HERTS_PROPOSAL, 'decision', 'herts-in-private', {}, AUDITOR)).toMatchObject({
        inPublic: false,
        outcome: 'defer',
      });
    });

    it('a recommendation, and a claim with its source', async () => {
      expect(
        await part(ALLIANCE_PROPOSAL, 'recommendation', 'jwg-g4s-recommendation', {}, PUBLIC),
      ).toMatchObject({
        byBody: { id: 'jwg' },
        content: 'do-not-proceed',
      });
      const claim = await part(ALLIANCE_PROPOSAL, 'claim', 'value-77m', {}, PUBLIC);
      expect(claim).toMatchObject({
        amount: 77_000_000,
        source: {
          reference: 'seeds/002_0bec823cc5bd36ba.txt',
          quote: expect.stringContaining('worth up to £77m per year'),
        },
      });
      await expect(part(ALLIANCE_PROPOSAL, 'claim', 'no-such-claim', {}, PUBLIC)).rejects.toMatchObject({
        code: 'not-found',
      });
    });
  });
});
