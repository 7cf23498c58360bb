import { ALLIANCE_PROPOSAL, HERTS_PROPOSAL, PCC_MEETING } from '@ledger/domain';
import { PRIVATE_FIXTURE_MEETING, STORY_WITH_PRIVATE_MEETING } from '@ledger/recording/testing';
import {
  GetAuditTrailQuery,
  ListDecisionsQuery,
  ListMeetingsQuery,
  ListRecommendationsQuery,
} from './queries/registers.query';
import {
  GetProposalDiffQuery,
  GetProposalQuery,
  ListProposalsQuery,
  WhoDecidedQuery,
} from './queries/proposals.query';
import { startLedger, type LedgerHarness } from './testing/ledger-harness';
import { AUDITOR, PUBLIC } from './visibility';
import { Projector } from './projector';
import { ReadModelDb } from './read-model/read-model.db';

describe('projections over the story of the four reports', () => {
  let ledger: LedgerHarness;
  beforeAll(async () => {
    ledger = await startLedger();
    // With a test-only private meeting and exempt item: the story itself has none.
    await ledger.recordStory(STORY_WITH_PRIVATE_MEETING);
    await ledger.settle();
  });
  afterAll(async () => ledger.close());

  const proposal = (id: string, cut: { asOf?: string; knownAt?: string }) =>
    ledger.queries.execute<GetProposalQuery, any>(new GetProposalQuery(id, cut, AUDITOR));
  const ids = (bodies: Array<{ id: string }>) => bodies.map((b) => b.id).sort();
  /** Every point is checked both as of the date and as known at it. */
  const bothWays = (date: string, knownAt: string) => [{ asOf: date }, { knownAt }];
  // waitingFor names every member the alliance's rule needs, the chief constables too (issue 16).
  const CHIEF_CONSTABLES = ['cc-bedfordshire', 'cc-cambridgeshire', 'cc-hertfordshire'];

  // The summer's steps are dated to 2012 alone: as of any day of 2012 all count, and only the
  // clerk's recording times (knownAt) tell before and after the chief constables met apart.
  it.each([{ knownAt: '2012-08-01T12:00:00Z' }])(
    'before the chief constables met: under consideration (%o)',
    async (cut) => {
      const p = await proposal(ALLIANCE_PROPOSAL, cut);
      expect(p.status).toBe('under-consideration');
      expect(ids(p.waitingFor)).toEqual([
        ...CHIEF_CONSTABLES,
        'pa-bedfordshire',
        'pa-cambridgeshire',
        'pa-hertfordshire',
      ]);
    },
  );

  it.each(bothWays('2012-01-01', '2012-08-10T00:00:00Z'))(
    'after they met, with the working group recommendation: pending with the three police authorities (%o)',
    async (cut) => {
      const p = await proposal(ALLIANCE_PROPOSAL, cut);
      expect(p.status).toBe('recommended');
      expect(ids(p.waitingFor)).toEqual([
        ...CHIEF_CONSTABLES,
        'pa-bedfordshire',
        'pa-cambridgeshire',
        'pa-hertfordshire',
      ]);
    },
  );

  it.each(bothWays('2012-11-23', '2012-11-23T12:00:00Z'))(
    'on 23 November 2012: pending with the three PCCs as successors (%o)',
    async (cut) => {
      const p = await proposal(ALLIANCE_PROPOSAL, cut);
      expect(ids(p.waitingFor)).toEqual([
        ...CHIEF_CONSTABLES,
        'pcc-bedfordshire',
        'pcc-cambridgeshire',
        'pcc-hertfordshire',
      ]);
      const herts = p.positions.find((x: any) => x.body.id === 'pcc-hertfordshire');
      expect(herts.standsFor).toEqual([{ id: 'pa-hertfordshire', name: 'Hertfordshire Police Authority' }]);
    },
  );

  it.each(bothWays('2013-01-01', '2013-02-06T00:00:00Z'))(
    'after the PCCs met: discontinued by unanimous decision (%o)',
    async (cut) => {
      const p = await proposal(ALLIANCE_PROPOSAL, cut);
      expect(p.status).toBe('discontinued');
      expect(p.unanimous).toBe(true);
      expect(p.waitingFor).toEqual([]);
    },
  );

  it.each([{ asOf: '2013-01-01' }, { knownAt: '2013-02-06T00:00:00Z' }])(
    "Hertfordshire's own proposal is open from early 2013, and as known after that meeting (%o)",
    async (cut) => {
      expect((await proposal(HERTS_PROPOSAL, cut)).status).toBe('under-consideration');
    },
  );

  it.each([{ asOf: '2012-12-31T23:59:59Z' }, { knownAt: '2013-02-04T12:00:00Z' }])(
    'and does not exist before it (%o)',
    async (cut) => {
      await expect(proposal(HERTS_PROPOSAL, cut)).rejects.toMatchObject({ code: 'not-found' });
    },
  );

  it('answers "as known at" exactly: minutes entered late were not yet known', async () => {
    // The working group's meeting was entered on 9 August 2012, after the chief constables'.
    expect(
      (await proposal(ALLIANCE_PROPOSAL, { asOf: '2012-08-07', knownAt: '2012-08-08T00:00:00Z' })).status,
    ).toBe('under-consideration');
    // A correction made later applies as of any date, but not as known before it was made.
    const gap = (p: any) => p.claims.find((c: any) => c.claimId === 'gap-73m').amount;
    expect(gap(await proposal(ALLIANCE_PROPOSAL, { asOf: '2013-01-01' }))).toBe(73_000_000);
    expect(gap(await proposal(ALLIANCE_PROPOSAL, { knownAt: '2013-02-05T09:15:00Z' }))).toBe(37_000_000);
  });

  it('diffs a proposal between two dates, event by event', async () => {
    const diff: any = await ledger.queries.execute(
      new GetProposalDiffQuery(ALLIANCE_PROPOSAL, '2011-12-31', '2013-01-01', undefined, AUDITOR),
    );
    // Tabled in 2012, the first year the reports give: before it, the proposal did not exist.
    expect(diff.before).toBeNull();
    expect(diff.after).toBe('discontinued');
    expect(diff.changes.map((c: any) => c.type)).toEqual(
      expect.arrayContaining(['RecommendationIssued', 'DecisionRecorded', 'ProposalDiscontinued']),
    );
    expect(diff.changes.find((c: any) => c.type === 'ProposalDiscontinued').statusAfter).toBe('discontinued');
  });

  it('answers who decided to discontinue the G4S plan: the three PCCs by name and office, the meeting, its chair, the sources', async () => {
    const who: any = await ledger.queries.execute(new WhoDecidedQuery(ALLIANCE_PROPOSAL, {}, AUDITOR));
    expect(who.unanimous).toBe(true);
    expect(who.decisions.map((d: any) => [d.person.name, d.post.label, d.outcome])).toEqual([
      ['David Lloyd', 'Police and Crime Commissioner for Hertfordshire', 'reject'],
      ['Sir Graham Bright', 'Police and Crime Commissioner for Cambridgeshire', 'reject'],
      ['Olly Martins', 'Police and Crime Commissioner for Bedfordshire', 'reject'],
    ]);
    // David Lloyd rejected it before the meeting; the other two decided at it, Sir Graham in the chair.
    expect(who.decisions[0].meeting).toBeUndefined();
    for (const d of who.decisions.slice(1)) {
      expect(d.meeting).toMatchObject({
        id: PCC_MEETING,
        chair: { id: 'graham-bright', name: 'Sir Graham Bright' },
      });
    }
    // Each decision cites the reports its words come from, first to last.
    expect(who.decisions.map((d: any) => d.sources.map((s: any) => s.reference.slice(6, 9)))).toEqual([
      ['000', '001', '001', '000'],
      ['000', '000', '000', '000', '000'],
      ['001', '000', '000', '000'],
    ]);
    for (const d of who.decisions) expect(d.recordedBy).toBe('clerk:story');
    expect(who.outcome.source.reference).toMatch(/^seeds\/001_/);
  });

  it('keeps the registers: decisions per body, meetings per body with their agenda, recommendations with what came of them', async () => {
    const decisions: any = await ledger.queries.execute(
      new ListDecisionsQuery({ bodyId: 'pcc-cambridgeshire' }, { limit: 10 }, {}, AUDITOR),
    );
    expect(decisions.items.map((d: any) => [d.person.name, d.outcome, d.proposal.id])).toEqual([
      ['Sir Graham Bright', 'reject', ALLIANCE_PROPOSAL],
    ]);
    const meetings: any = await ledger.queries.execute(
      new ListMeetingsQuery({ bodyId: 'cc-hertfordshire' }, { limit: 10 }, {}, AUDITOR),
    );
    const privateMeeting = meetings.items.find((m: any) => m.meetingId === PRIVATE_FIXTURE_MEETING);
    expect(privateMeeting.agenda[0]).toMatchObject({ exempt: true });
    const recs: any = await ledger.queries.execute(
      new ListRecommendationsQuery({ byBodyId: 'jwg' }, { limit: 10 }, {}, AUDITOR),
    );
    expect(recs.items[0].whatCameOfIt.map((d: any) => d.body.id).sort()).toEqual([
      'pcc-bedfordshire',
      'pcc-cambridgeshire',
      'pcc-hertfordshire',
    ]);
  });

  it('lists meetings as they stood at a cut: the PCC meeting scheduled, not yet held, as known before its minutes were entered', async () => {
    const events: Array<{ type: string; metadata: { recordedAt: string } }> = [];
    for await (const e of ledger.store.readStream(`meeting-${PCC_MEETING}`)) events.push(e);
    const held = events.find((e) => e.type === 'MeetingHeld')!.metadata.recordedAt;
    const before = new Date(Date.parse(held) - 1).toISOString();
    const meetingAt = async (knownAt: string) => {
      const page: any = await ledger.queries.execute(
        new ListMeetingsQuery({ bodyId: 'pcc-hertfordshire' }, { limit: 10 }, { knownAt }, AUDITOR),
      );
      return page.items.find((m: any) => m.meetingId === PCC_MEETING);
    };
    expect((await meetingAt(before)).status).toBe('scheduled');
    expect((await meetingAt(before)).chair).toBeUndefined();
    expect((await meetingAt(held)).status).toBe('held');
    expect((await meetingAt(held)).chair.person.name).toBe('Sir Graham Bright');
    const scheduled = events[0].metadata.recordedAt;
    expect(await meetingAt(new Date(Date.parse(scheduled) - 1).toISOString())).toBeUndefined();
  });

  it('shows the public neither the exempt item, the private meeting, nor who recorded an entry', async () => {
    const meetings: any = await ledger.queries.execute(
      new ListMeetingsQuery({ bodyId: 'cc-hertfordshire' }, { limit: 10 }, {}, PUBLIC),
    );
    const privateMeeting = meetings.items.find((m: any) => m.meetingId === PRIVATE_FIXTURE_MEETING);
    expect(privateMeeting).toEqual(expect.objectContaining({ title: 'Private meeting' }));
    expect(privateMeeting.agenda).toBeUndefined();
    const audit: any = await ledger.queries.execute(
      new GetAuditTrailQuery('proposal', ALLIANCE_PROPOSAL, { limit: 100 }, {}, PUBLIC),
    );
    expect(audit.items.length).toBeGreaterThan(5);
    expect(audit.items.every((e: any) => e.recordedBy === undefined)).toBe(true);
    expect(audit.items.some((e: any) => e.type === 'AgendaItemAdded' && e.data.exempt)).toBe(false);
    await expect(
      ledger.queries.execute(
        new GetAuditTrailQuery('meeting', PRIVATE_FIXTURE_MEETING, { limit: 10 }, {}, PUBLIC),
      ),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('shows auditors the correction beside the original', async () => {
    const audit: any = await ledger.queries.execute(
      new GetAuditTrailQuery('proposal', ALLIANCE_PROPOSAL, { limit: 100 }, {}, AUDITOR),
    );
    const original = audit.items.find((e: any) => e.type === 'ClaimRecorded' && e.data.claimId === 'gap-73m');
    expect(original.data.amount).toBe(37_000_000);
    expect(original.correctedBy).toEqual([
      expect.objectContaining({
        type: 'EventCorrected',
        data: expect.objectContaining({ changes: { amount: 73_000_000 } }),
      }),
    ]);
    expect(original.recordedBy).toBe('clerk:story');
  });

  it('lists proposals now and at a date', async () => {
    const now: any = await ledger.queries.execute(
      new ListProposalsQuery({ status: 'discontinued' }, { limit: 10 }, {}, PUBLIC),
    );
    expect(now.items.map((p: any) => p.proposalId)).toEqual([ALLIANCE_PROPOSAL]);
    const then: any = await ledger.queries.execute(
      new ListProposalsQuery({}, { limit: 10 }, { asOf: '2012-08-07' }, PUBLIC),
    );
    expect(then.items.map((p: any) => [p.proposalId, p.status])).toEqual([
      [ALLIANCE_PROPOSAL, 'recommended'],
      ['surrey-privatisation', 'deferred'],
    ]);
  });

  it('answers "what did the register say then?" exactly, even after a later correction', async () => {
    const before: any = await ledger.queries.execute(
      new ListDecisionsQuery(
        { bodyId: 'pcc-bedfordshire' },
        { limit: 10 },
        { knownAt: '2013-06-01T00:00:00Z' },
        AUDITOR,
      ),
    );
    const decision = before.items[0];
    ledger.setClock('2014-03-01T00:00:00Z');
    await ledger.record(
      {
        type: 'CorrectEvent',
        stream: `proposal-${ALLIANCE_PROPOSAL}`,
        data: {
          eventId: decision.eventId,
          reason: 'Minutes amended',
          changes: { rationale: 'Amended rationale' },
        },
      },
      {
        occurredAt: '2014-03-01',
        actor: 'clerk:test',
        source: { kind: 'minutes', reference: 'amended minutes' },
      },
    );
    await ledger.settle();
    const then: any = await ledger.queries.execute(
      new ListDecisionsQuery(
        { bodyId: 'pcc-bedfordshire' },
        { limit: 10 },
        { knownAt: '2013-06-01T00:00:00Z' },
        AUDITOR,
      ),
    );
    const now: any = await ledger.queries.execute(
      new ListDecisionsQuery({ bodyId: 'pcc-bedfordshire' }, { limit: 10 }, {}, AUDITOR),
    );
    expect(then.items.map((d: any) => d.rationale)).toEqual([decision.rationale]);
    expect(now.items.map((d: any) => d.rationale)).toEqual(['Amended rationale']);
    const early: any = await ledger.queries.execute(
      new ListDecisionsQuery(
        { bodyId: 'pcc-bedfordshire' },
        { limit: 10 },
        { knownAt: '2013-02-04T10:30:00Z' },
        AUDITOR,
      ),
    );
    expect(early.items).toEqual([]);
  });

  it('rebuilds the same rows when its cache holds only a few aggregates (writes on eviction)', async () => {
    const fresh = ReadModelDb.open(':memory:', 99);
    await new Projector(fresh, ledger.store, undefined, 3).rebuildFromScratch(undefined, 7);
    const { rm_meta: _a, ...rebuilt } = fresh.dump();
    const { rm_meta: _b, ...incremental } = ledger.projections.readModels.dump();
    expect(rebuilt).toEqual(incremental);
    fresh.close();
  });

  it('keeps the same rows event by event when its cache holds only two aggregates (the rest folded again from the store)', async () => {
    const fresh = ReadModelDb.open(':memory:', 98);
    const projector = new Projector(fresh, ledger.store, undefined, 2);
    for await (const event of ledger.store.readAll()) await projector.apply([event]);
    const { rm_meta: _a, ...oneByOne } = fresh.dump();
    const { rm_meta: _b, ...incremental } = ledger.projections.readModels.dump();
    expect(oneByOne).toEqual(incremental);
    fresh.close();
  });

  it('rebuilds into a fresh generation identical to the incremental one, then switches over', async () => {
    const before = ledger.projections.readModels.dump();
    const generation = ledger.projections.readModels.generation;
    const status = await ledger.projections.rebuild();
    expect(status.generation).toBe(generation + 1);
    expect(status.lag).toBe(0);
    expect(ledger.projections.readModels.dump()).toEqual(before);
  });
});
