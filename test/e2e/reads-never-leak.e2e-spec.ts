import { ALLIANCE_PROPOSAL } from '@ledger/domain';
import { recordHiddenLedger, type Episode, type HiddenLedger } from '../support/hidden-ledger';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The defects of the issue "reads that never leak and never lie", one by one, each as it was
 * reproduced from outside: the public's reads of votes, diffs, pages and derived status, and
 * reads at a date.
 */
describe('reads that never leak', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  let ledger: HiddenLedger;
  let exported: any[];
  const episodes: Episode[] = [
    { kind: 'private-meeting', followUp: 'correct' }, // prop-0, meet-0, vote-0
    { kind: 'exempt-item', followUp: 'correct' }, // prop-1, meet-1
    { kind: 'private-decision', followUp: 'retract' }, // prop-2
    { kind: 'private-decision', followUp: 'none' }, // prop-3
    { kind: 'made-private-later', followUp: 'none' }, // prop-4, meet-4
    { kind: 'exempt-annex', followUp: 'correct' }, // prop-5
  ];
  const leaks = (text: string) => ledger.canaries.filter((c) => text.includes(c));

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    ledger = await recordHiddenLedger(client, ctx, episodes);
    exported = (
      await client.call('exportEvents', { token: ctx.tokens.auditor, query: { limit: 10_000 } })
    ).text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  });
  afterAll(async () => ctx.stop());

  describe('1. ballots cast at a private meeting', () => {
    it('are on no public route: audit trails, the export, a vote stream, a proof', async () => {
      expect((await client.call('getAuditTrail', { params: { entity: 'vote', id: 'vote-0' } })).status).toBe(
        404,
      );
      expect(
        (
          await client.call('getAuditTrail', {
            params: { entity: 'vote', id: 'vote-0' },
            token: ctx.tokens.auditor,
          })
        ).status,
      ).toBe(200);
      for (const [entity, id] of [
        ['person', 'p-a'],
        ['body', 'pa-a'],
        ['proposal', 'prop-0'],
      ]) {
        const res = await client.call('getAuditTrail', { params: { entity, id }, query: { limit: 100 } });
        expect(res.body.items.filter((e: any) => e.stream === 'vote-vote-0')).toEqual([]);
        expect(leaks(res.text)).toEqual([]);
      }
      for (const query of [{ limit: 1000 }, { streamPrefix: 'vote-', limit: 1000 }] as Array<
        Record<string, string | number>
      >) {
        const res = await client.call('exportEvents', { query });
        expect(res.text).not.toContain('"VoteCast"');
        expect(leaks(res.text)).toEqual([]);
      }
      const ballot = exported.find((e) => e.type === 'VoteCast');
      expect((await client.call('getInclusionProof', { query: { eventId: ballot.id } })).status).toBe(404);
      expect(
        (await client.call('getInclusionProof', { query: { eventId: ballot.id }, token: ctx.tokens.auditor }))
          .status,
      ).toBe(200);
    });
  });

  describe('2. the diff', () => {
    it('shows the public no recommendation made at a private meeting, and no correction or retraction of a hidden event', async () => {
      for (const proposalId of ['prop-0', 'prop-2']) {
        const res = await client.call('getProposalDiff', {
          params: { proposalId },
          query: { from: '2011-01-01', to: '2013-12-31' },
        });
        expect(res.status).toBe(200);
        expect(res.body.changes.map((c: any) => c.type)).toEqual(['ProposalTabled']);
        expect(leaks(res.text)).toEqual([]);
        const audited = await client.call('getProposalDiff', {
          params: { proposalId },
          query: { from: '2011-01-01', to: '2013-12-31' },
          token: ctx.tokens.auditor,
        });
        expect(audited.body.changes.length).toBeGreaterThan(1);
      }
    });
  });

  describe('3. a correction of a hidden event on a page of its own', () => {
    it('is not shown, whatever the page size or cursor', async () => {
      const correction = exported.find((e) => e.type === 'EventCorrected' && e.stream === 'meeting-meet-1');
      expect(correction).toBeDefined();
      const page = await client.call('exportEvents', { query: { after: correction.position - 1, limit: 1 } });
      expect(page.text).not.toContain(correction.id);
      expect(leaks(page.text)).toEqual([]);
      const audit = await client.call('getAuditTrail', {
        params: { entity: 'meeting', id: 'meet-1' },
        query: { after: String(correction.position - 1), limit: 1 },
      });
      expect(audit.status).toBe(200);
      expect(leaks(audit.text)).toEqual([]);
      const asOf = await client.call('getAuditTrail', {
        params: { entity: 'meeting', id: 'meet-1' },
        query: { asOf: '2011-01-01' },
      });
      expect(leaks(asOf.text)).toEqual([]);
    });
  });

  describe('3b. a meeting found to be private after it was recorded as public', () => {
    it('is withheld at every date, also as the ledger knew it before (found by the leak property)', async () => {
      const correction = exported.find((e) => e.type === 'EventCorrected' && e.stream === 'meeting-meet-4');
      const before = new Date(Date.parse(correction.metadata.recordedAt) - 1000).toISOString();
      for (const query of [{}, { knownAt: before }, { asOf: correction.metadata.occurredAt }] as Array<
        Record<string, string>
      >) {
        const one = await client.call('getMeeting', { params: { meetingId: 'meet-4' }, query });
        const list = await client.call('listMeetings', { query });
        expect(leaks(one.text + list.text)).toEqual([]);
        if (one.status === 200) expect(one.body.title).toBe('Private meeting');
      }
      const audited = await client.call('getMeeting', {
        params: { meetingId: 'meet-4' },
        query: { knownAt: before },
        token: ctx.tokens.auditor,
      });
      expect(audited.body.public).toBe(true);
    });
  });

  describe('4. what could be inferred', () => {
    it("the public's status, positions and waitingFor do not count a private decision", async () => {
      const pub = (await client.call('getProposal', { params: { proposalId: 'prop-3' } })).body;
      const aud = (
        await client.call('getProposal', { params: { proposalId: 'prop-3' }, token: ctx.tokens.auditor })
      ).body;
      const position = (p: any, body: string) => p.positions.find((x: any) => x.body.id === body).position;
      expect(position(aud, 'pa-a')).toBe('approved');
      expect(position(pub, 'pa-a')).toBe('none');
      expect(pub.decisions).toEqual([]);
    });

    it('nor a recommendation or a decision made at a private meeting', async () => {
      const pub = (await client.call('getProposal', { params: { proposalId: 'prop-0' } })).body;
      const aud = (
        await client.call('getProposal', { params: { proposalId: 'prop-0' }, token: ctx.tokens.auditor })
      ).body;
      expect(aud.status).toBe('recommended');
      expect(pub.status).toBe('under-consideration');
      expect(pub.recommendations).toEqual([]);
      expect(pub.positions.map((p: any) => p.position)).toEqual(['none', 'none']);
      const list = await client.call('listProposals', { query: { status: 'recommended' } });
      expect(list.body.items.map((p: any) => p.proposalId)).not.toContain('prop-0');
    });
  });

  describe('5. a meeting at a date', () => {
    it('is drawn as it stood: not held before it was, no minutes before they were recorded, 404 before it was scheduled', async () => {
      const held = exported.find((e) => e.type === 'MeetingHeld' && e.stream === 'meeting-meet-0');
      const scheduled = exported.find((e) => e.type === 'MeetingScheduled' && e.stream === 'meeting-meet-0');
      const before = await client.call('getMeeting', {
        params: { meetingId: 'meet-0' },
        query: { asOf: scheduled.metadata.occurredAt },
        token: ctx.tokens.auditor,
      });
      expect(before.body.status).toBe('scheduled');
      expect(before.body.attendees).toEqual([]);
      const after = await client.call('getMeeting', {
        params: { meetingId: 'meet-0' },
        query: { asOf: held.metadata.occurredAt },
        token: ctx.tokens.auditor,
      });
      expect(after.body.status).toBe('held');
      const known = await client.call('getMeeting', {
        params: { meetingId: 'meet-0' },
        query: { knownAt: scheduled.metadata.recordedAt },
        token: ctx.tokens.auditor,
      });
      expect(known.body.agenda).toEqual([]);
      expect(
        (await client.call('getMeeting', { params: { meetingId: 'meet-0' }, query: { asOf: '2011-01-01' } }))
          .status,
      ).toBe(404);
    });

    it('shows minutes only once they were recorded', async () => {
      ctx.setClock('2014-06-01T00:00:00Z');
      const source = { kind: 'minutes', reference: 'x' };
      expect(
        (
          await client.call('recordMeetingHeld', {
            params: { meetingId: 'meet-1' },
            token: ctx.tokens.clerk,
            body: { attendees: [], occurredAt: '2013-05-01', source },
          })
        ).status,
      ).toBe(201);
      const approved = await client.call('approveMinutes', {
        params: { meetingId: 'meet-1' },
        token: ctx.tokens.clerk,
        body: {
          minutesReference: 'Minutes 1',
          occurredAt: '2013-06-01',
          source: { kind: 'minutes', reference: 'x' },
        },
      });
      ctx.setClock(undefined);
      expect(approved.status).toBe(201);
      await ctx.settle();
      expect(
        (await client.call('getMeeting', { params: { meetingId: 'meet-1' } })).body.minutes,
      ).toBeDefined();
      expect(
        (
          await client.call('getMeeting', {
            params: { meetingId: 'meet-1' },
            query: { knownAt: '2014-05-31' },
          })
        ).body.minutes,
      ).toBeUndefined();
      expect(
        (await client.call('getMeeting', { params: { meetingId: 'meet-1' }, query: { asOf: '2013-05-31' } }))
          .body.minutes,
      ).toBeUndefined();
    });
  });

  describe('6. a corrected proposal before it was tabled', () => {
    it('answers 404, on its page, decided-by, and as the "before" of a diff', async () => {
      // prop-0's recommendation was corrected: the proposal has a correction.
      const zeroTabled = exported.find((e) => e.type === 'ProposalTabled' && e.stream === 'proposal-prop-0');
      const beforeZero = new Date(Date.parse(zeroTabled.metadata.occurredAt) - 86_400_000).toISOString();
      expect(exported.some((e) => e.type === 'EventCorrected' && e.stream === 'proposal-prop-0')).toBe(true);
      for (const token of [undefined, ctx.tokens.auditor]) {
        const as = token ? { token } : {};
        expect(
          (
            await client.call('getProposal', {
              params: { proposalId: 'prop-0' },
              query: { asOf: beforeZero },
              ...as,
            })
          ).status,
        ).toBe(404);
        expect(
          (
            await client.call('whoDecided', {
              params: { proposalId: 'prop-0' },
              query: { asOf: beforeZero },
              ...as,
            })
          ).status,
        ).toBe(404);
        const diff = await client.call('getProposalDiff', {
          params: { proposalId: 'prop-0' },
          query: { from: beforeZero, to: '2013-12-31' },
          ...as,
        });
        expect(diff.body.before).toBeNull();
      }
    });
  });
  describe('8. the decisions register (issue 16)', () => {
    it("lists the public a decision's record fields, never its exempt annex nor a private decision's", async () => {
      const get = (url: string, token?: string) =>
        ctx.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
      const reads = ['/decisions?limit=100', '/decisions.csv', '/register/bodies/pa-a'];
      for (const url of reads) {
        const res = await get(url);
        expect([url, res.statusCode]).toEqual([url, 200]);
        expect([url, leaks(res.body)]).toEqual([url, []]);
      }
      const items = JSON.parse((await get('/decisions?limit=100')).body).items as any[];
      expect(items.map((d) => d.decisionId)).toEqual(['dec-5']);
      expect(items[0]).toMatchObject({ title: 'Decision record 5', keyDecision: true, publicity: 'public' });
      // An auditor's register lists the private decisions with their columns, but no annex either.
      const audited = reads.map(async (url) => (await get(url, ctx.tokens.auditor)).body);
      const text = (await Promise.all(audited)).join('\n');
      const annexes = ledger.canaries.filter((c) => /annex/.test(c));
      expect(annexes.length).toBeGreaterThan(0);
      expect(annexes.filter((c) => text.includes(c))).toEqual([]);
      expect(text).toContain('"publicity":"private"');
      // dec-3's title and delegation scheme (dec-2's were retracted, so no register lists them).
      for (const what of [/scheme$/, /decision-title$/])
        expect(ledger.canaries.filter((c) => what.test(c) && text.includes(c))).toHaveLength(1);
    });
  });
});

describe('reads at a date: who decided', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
  });
  afterAll(async () => ctx.stop());

  it('7. counts no outcome that happened after the cut', async () => {
    const now = await client.call('whoDecided', { params: { proposalId: ALLIANCE_PROPOSAL } });
    expect(now.body.outcome?.type).toBe('ProposalDiscontinued');
    const then = await client.call('whoDecided', {
      params: { proposalId: ALLIANCE_PROPOSAL },
      query: { asOf: '2012-12-01' },
    });
    expect(then.status).toBe(200);
    expect(then.body.outcome).toBeUndefined();
    expect(then.body.status).not.toBe('discontinued');
  });
});
