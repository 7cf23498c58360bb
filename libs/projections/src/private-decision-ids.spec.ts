import { GetProposalPartQuery } from './queries/entities.query';
import { GetProposalDiffQuery, GetProposalQuery, WhoDecidedQuery } from './queries/proposals.query';
import { GetAuditTrailQuery, ListDecisionsQuery } from './queries/registers.query';
import type { ReadModelDb } from './read-model/read-model.db';
import type { LedgerHarness } from './testing/ledger-harness';
import { PCC_OF, projectedRows, scopedLedger, type PccBody } from './testing/scoped-ledger';
import { AUDITOR, PUBLIC, type Viewer } from './visibility';

/**
 * Events name other decisions by id: a discontinuation the decisions that rejected the proposal
 * (`decisionIds`), a rescission or revocation the decision it undoes (`undoesDecisionId`). The
 * public is never shown the id of a decision it may not see (taken in private, at a private
 * meeting, or carried by a vote at one) on any read: it is told how many were withheld instead.
 * A decision found private only later is withheld from then on, at every date, and a rebuild
 * from scratch judges them as the incremental projector did.
 */
describe('the ids of decisions the public may not see, named by other events', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('private decision ids spec');
  const { record, ask, meeting, eventOf, decisionEvent, withRebuilt } = scoped;
  const DISCONTINUED = 'pd-discontinued';
  const UNDONE = 'pd-undone';
  const UNDOINGS = ['pd-rescind', 'pd-revoke'];
  const PRIVATE_IDS = ['pd-private-reject', 'pd-meeting-reject', 'pd-private-approve'];
  const table = (proposalId: string) =>
    record(
      {
        type: 'TableProposal',
        data: {
          proposalId,
          title: `Proposal ${proposalId}`,
          description: 'Shared support services',
          scope: ['HR'],
          tabledBy: 'pcc-hertfordshire',
          allianceId: 'bch-alliance',
        },
      },
      '2013-03-01T09:00:00Z',
    );
  const decide = (
    proposalId: string,
    decisionId: string,
    bodyId: PccBody,
    outcome: string,
    setting: { inPublic?: boolean; meetingId?: string; undoesDecisionId?: string },
    day: string,
  ) =>
    record(
      {
        type: 'RecordDecision',
        data: {
          proposalId,
          decisionId,
          bodyId,
          postId: 'commissioner',
          personId: PCC_OF[bodyId],
          outcome: outcome as 'reject',
          ...setting,
          rationale: `Decision ${decisionId}`,
        },
      },
      `${day}T12:00:00Z`,
    );
  const correct = async (
    stream: string,
    eventId: string,
    changes: Record<string, unknown>,
    occurredAt: string,
  ) => {
    await record(
      { type: 'CorrectEvent', stream, data: { eventId, reason: 'spec: found later', changes } },
      occurredAt,
    );
    await ledger.settle();
  };
  const correctMeeting = async (meetingId: string, isPublic: boolean, occurredAt: string) =>
    correct(
      `meeting-${meetingId}`,
      (await eventOf(`meeting-${meetingId}`, 'MeetingScheduled')).id,
      { public: isPublic },
      occurredAt,
    );

  type Data = Record<string, unknown>;
  const history = async (proposalId: string, viewer: Viewer) =>
    (await ask(new GetAuditTrailQuery('proposal', proposalId, { limit: 1000 }, {}, viewer))).items as Array<{
      type: string;
      data: Data;
      correctedBy: Array<{ data: Data }>;
    }>;
  const diff = async (proposalId: string, viewer: Viewer) =>
    (await ask(new GetProposalDiffQuery(proposalId, '2013-02-28', '2013-12-31', undefined, viewer)))
      .changes as Array<{ type: string; data: Data }>;

  /** The discontinuation's data on each read that shows it: the history (audit trail) and the diff. */
  const discontinuationOn = async (viewer: Viewer) => ({
    history: (await history(DISCONTINUED, viewer)).find((e) => e.type === 'ProposalDiscontinued')?.data,
    diff: (await diff(DISCONTINUED, viewer)).find((e) => e.type === 'ProposalDiscontinued')?.data,
  });
  const everyDiscontinuationRead = (data: Data) => ({
    history: expect.objectContaining(data),
    diff: expect.objectContaining(data),
  });

  /** What each read tells the viewer that each undoing decision undoes (null: nothing). */
  const undoneOn = async (viewer: Viewer) => {
    const of = (list: Array<{ decisionId?: unknown; undoesDecisionId?: unknown }>) =>
      Object.fromEntries(
        UNDOINGS.map((id) => [id, list.find((d) => d.decisionId === id)?.undoesDecisionId ?? null]),
      );
    const part = async (id: string) =>
      (await ask(new GetProposalPartQuery(UNDONE, 'decision', id, {}, viewer))) as Data;
    const recorded = (list: Array<{ type: string; data: Data }>) =>
      list.filter((e) => e.type === 'DecisionRecorded').map((e) => e.data);
    return {
      proposal: of((await ask(new GetProposalQuery(UNDONE, {}, viewer))).decisions),
      decision: of(await Promise.all(UNDOINGS.map(part))),
      register: of(
        (await ask(new ListDecisionsQuery({ proposalId: UNDONE }, { limit: 100 }, {}, viewer))).items,
      ),
      history: of(recorded(await history(UNDONE, viewer))),
      diff: of(recorded(await diff(UNDONE, viewer))),
    };
  };
  const everyUndoingRead = (undone: Record<string, string | null>) => ({
    proposal: undone,
    decision: undone,
    register: undone,
    history: undone,
    diff: undone,
  });

  /** Every public read of both proposals, as one text: none may name a decision taken in private. */
  const publicText = async () =>
    JSON.stringify([
      await history(DISCONTINUED, PUBLIC),
      await history(UNDONE, PUBLIC),
      await diff(DISCONTINUED, PUBLIC),
      await diff(UNDONE, PUBLIC),
      await ask(new GetProposalQuery(DISCONTINUED, {}, PUBLIC)),
      await ask(new GetProposalQuery(UNDONE, {}, PUBLIC)),
      await ask(new WhoDecidedQuery(DISCONTINUED, {}, PUBLIC)),
      await ask(new ListDecisionsQuery({}, { limit: 1000 }, {}, PUBLIC)),
      await ask(new ListDecisionsQuery({ personId: 'david-lloyd' }, { limit: 1000 }, {}, PUBLIC)),
    ]);

  beforeAll(async () => {
    ledger = await scoped.start();
    await meeting('pd-private', false, '2013-03-02', ['pcc-cambridgeshire']);
    await meeting('pd-open', true, '2013-03-03', ['pcc-bedfordshire', 'pcc-hertfordshire']);
    await table(DISCONTINUED);
    await table(UNDONE);
    // Rejected in public, in private, and at a private meeting (its own publicity not stated).
    await decide(
      DISCONTINUED,
      'pd-meeting-reject',
      'pcc-cambridgeshire',
      'reject',
      { meetingId: 'pd-private' },
      '2013-03-02',
    );
    await decide(
      DISCONTINUED,
      'pd-public-reject',
      'pcc-hertfordshire',
      'reject',
      { inPublic: true, meetingId: 'pd-open' },
      '2013-03-03',
    );
    await decide(
      DISCONTINUED,
      'pd-private-reject',
      'pcc-bedfordshire',
      'reject',
      { inPublic: false },
      '2013-03-04',
    );
    await record(
      {
        type: 'DiscontinueProposal',
        data: {
          proposalId: DISCONTINUED,
          decisionIds: ['pd-public-reject', 'pd-private-reject', 'pd-meeting-reject'],
          reason: 'Each member rejected it',
        },
      },
      '2013-03-05T09:00:00Z',
    );
    // A rescission in public of an approval in private; a revocation in public of one in public.
    await decide(
      UNDONE,
      'pd-open-approve',
      'pcc-bedfordshire',
      'approve',
      { inPublic: true, meetingId: 'pd-open' },
      '2013-03-03',
    );
    await decide(
      UNDONE,
      'pd-private-approve',
      'pcc-hertfordshire',
      'approve',
      { inPublic: false },
      '2013-03-04',
    );
    await decide(
      UNDONE,
      'pd-rescind',
      'pcc-hertfordshire',
      'rescind',
      { inPublic: true, undoesDecisionId: 'pd-private-approve' },
      '2013-03-06',
    );
    await decide(
      UNDONE,
      'pd-revoke',
      'pcc-bedfordshire',
      'revoke',
      { inPublic: true, undoesDecisionId: 'pd-open-approve' },
      '2013-03-06',
    );
    await ledger.settle();
  });
  afterAll(async () => scoped.close());

  it('shows the public the discontinuation with only the decisions it may see, and how many were withheld', async () => {
    expect(await discontinuationOn(PUBLIC)).toEqual(
      everyDiscontinuationRead({ decisionIds: ['pd-public-reject'], withheldDecisionCount: 2 }),
    );
    const audited = await discontinuationOn(AUDITOR);
    expect(audited).toEqual(
      everyDiscontinuationRead({
        decisionIds: ['pd-public-reject', 'pd-private-reject', 'pd-meeting-reject'],
      }),
    );
    expect(audited.history).not.toHaveProperty('withheldDecisionCount');
  });

  it('never tells the public which decision taken in private a public decision undoes', async () => {
    expect(await undoneOn(PUBLIC)).toEqual(
      everyUndoingRead({ 'pd-rescind': null, 'pd-revoke': 'pd-open-approve' }),
    );
    expect(await undoneOn(AUDITOR)).toEqual(
      everyUndoingRead({ 'pd-rescind': 'pd-private-approve', 'pd-revoke': 'pd-open-approve' }),
    );
    const text = await publicText();
    expect(PRIVATE_IDS.filter((id) => text.includes(id))).toEqual([]);
    // The public still sees the undoing decisions themselves: only the id is withheld.
    expect(text).toContain('pd-rescind');
  });

  it('withholds them once a decision is found to have been taken in private, and shows them again if not', async () => {
    const approval = await decisionEvent(UNDONE, 'pd-open-approve');
    await correct(`proposal-${UNDONE}`, approval.id, { inPublic: false }, '2013-03-10T09:00:00Z');
    expect(await undoneOn(PUBLIC)).toEqual(everyUndoingRead({ 'pd-rescind': null, 'pd-revoke': null }));
    expect(JSON.stringify(await undoneOn(PUBLIC))).not.toContain('pd-open-approve');
    await correct(`proposal-${UNDONE}`, approval.id, { inPublic: true }, '2013-03-11T09:00:00Z');
    expect(await undoneOn(PUBLIC)).toEqual(
      everyUndoingRead({ 'pd-rescind': null, 'pd-revoke': 'pd-open-approve' }),
    );
  });

  it('withholds them once the meeting a decision was taken at is found private, and shows them again if not', async () => {
    await correctMeeting('pd-open', false, '2013-03-12T09:00:00Z');
    expect(await discontinuationOn(PUBLIC)).toEqual(
      everyDiscontinuationRead({ decisionIds: [], withheldDecisionCount: 3 }),
    );
    expect(await undoneOn(PUBLIC)).toEqual(everyUndoingRead({ 'pd-rescind': null, 'pd-revoke': null }));
    expect(await publicText()).not.toMatch(/pd-public-reject|pd-open-approve/);
    await correctMeeting('pd-open', true, '2013-03-13T09:00:00Z');
    expect(await discontinuationOn(PUBLIC)).toEqual(
      everyDiscontinuationRead({ decisionIds: ['pd-public-reject'], withheldDecisionCount: 2 }),
    );
    expect(await undoneOn(AUDITOR)).toEqual(
      everyUndoingRead({ 'pd-rescind': 'pd-private-approve', 'pd-revoke': 'pd-open-approve' }),
    );
  });

  it('withholds them from a correction that restates them', async () => {
    const discontinued = await eventOf(`proposal-${DISCONTINUED}`, 'ProposalDiscontinued');
    await correct(
      `proposal-${DISCONTINUED}`,
      discontinued.id,
      { decisionIds: ['pd-public-reject', 'pd-private-reject'] },
      '2013-03-14T09:00:00Z',
    );
    const corrections = async (viewer: Viewer) =>
      (await history(DISCONTINUED, viewer))
        .find((e) => e.type === 'ProposalDiscontinued')
        ?.correctedBy.map((c) => c.data.changes);
    expect(await corrections(PUBLIC)).toEqual([
      { decisionIds: ['pd-public-reject'], withheldDecisionCount: 1 },
    ]);
    expect(await corrections(AUDITOR)).toEqual([{ decisionIds: ['pd-public-reject', 'pd-private-reject'] }]);
    const text = await publicText();
    expect(PRIVATE_IDS.filter((id) => text.includes(id))).toEqual([]);
  });

  it('a rebuild from scratch judges them as the incremental projector did', async () => {
    const named: Array<[string, string]> = [
      ...['pd-public-reject', 'pd-private-reject', 'pd-meeting-reject'].map(
        (d) => [DISCONTINUED, d] as [string, string],
      ),
      ...['pd-open-approve', 'pd-private-approve', ...UNDOINGS].map((d) => [UNDONE, d] as [string, string]),
    ];
    const judged = (rm: ReadModelDb) => {
      const publicEvents = rm.publicEvents();
      return named.map(([p, d]) => publicEvents.decisionShown(p, d));
    };
    const live = ledger.projections.readModels;
    expect(judged(live)).toEqual([true, false, false, true, false, true, true]);
    await withRebuilt((rebuilt) => {
      expect(projectedRows(rebuilt)).toEqual(projectedRows(live));
      expect(judged(rebuilt)).toEqual(judged(live));
    });
  });
});
