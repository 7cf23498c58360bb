import { HERTS_PROPOSAL } from '@ledger/domain';
import { GetProposalQuery } from './queries/proposals.query';
import { GetAuditTrailQuery, ListDecisionsQuery } from './queries/registers.query';
import type { LedgerHarness } from './testing/ledger-harness';
import { projectedRows, scopedLedger } from './testing/scoped-ledger';
import { AUDITOR, PUBLIC, type Viewer } from './visibility';

/**
 * A decision carried by a vote taken at a private meeting was taken in private, whatever the
 * decision itself states or leaves unstated (the domain's `takenInPrivate`, publicity.ts). The
 * public sees nothing of it on any read, and the vote's audit trail does not exist for it; a
 * meeting found private only later hides such decisions too, and a rebuild agrees.
 */
describe('a decision carried by a vote at a private meeting', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('private vote decision spec');
  const { record, ask, meeting, isPublic, withRebuilt } = scoped;
  const BODY = 'pcc-hertfordshire';

  const vote = async (voteEventId: string, meetingId: string, day: string) => {
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId,
          proposalId: HERTS_PROPOSAL,
          meetingId,
          question: 'That it defers',
          bodyId: BODY,
        },
      },
      `${day}T11:00:00Z`,
    );
    await record(
      { type: 'CastVote', data: { voteEventId, personId: 'david-lloyd', bodyId: BODY, option: 'yes' } },
      `${day}T11:05:00Z`,
    );
    await record({ type: 'CloseVote', data: { voteEventId } }, `${day}T11:10:00Z`);
  };
  /** A decision whose own publicity is not stated, carried by `voteEventId`. */
  const decide = (decisionId: string, voteEventId: string, day: string, meetingId?: string) =>
    record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: HERTS_PROPOSAL,
          decisionId,
          bodyId: BODY,
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          voteEventId,
          ...(meetingId ? { meetingId } : {}),
          rationale: `Carried by ${voteEventId}`,
        },
      },
      `${day}T12:00:00Z`,
    );

  const decisionEvent = (decisionId: string) => scoped.decisionEvent(HERTS_PROPOSAL, decisionId);
  const proposalDecisions = async (viewer: Viewer) =>
    (
      (await ask(new GetProposalQuery(HERTS_PROPOSAL, {}, viewer))).decisions as Array<{ decisionId: string }>
    ).map((d) => d.decisionId);
  const registered = async (viewer: Viewer, filter: { bodyId?: string } = {}) =>
    JSON.stringify((await ask(new ListDecisionsQuery(filter, { limit: 1000 }, {}, viewer))).items);
  const voteAudit = (voteEventId: string, viewer: Viewer) =>
    ask(new GetAuditTrailQuery('vote', voteEventId, { limit: 1000 }, {}, viewer));

  /** Everything the public must not see of `decisionId`, carried by `voteEventId`, and the auditor must. */
  const expectWithheld = async (decisionId: string, voteEventId: string) => {
    expect(isPublic((await decisionEvent(decisionId)).position)).toBe(false);
    expect(await proposalDecisions(PUBLIC)).not.toContain(decisionId);
    expect(await registered(PUBLIC)).not.toContain(decisionId);
    expect(await registered(PUBLIC, { bodyId: BODY })).not.toContain(decisionId);
    // As for a vote that was never recorded: the public is not told the private vote exists.
    await expect(voteAudit('pv-no-such-vote', PUBLIC)).rejects.toThrow(/not found|pv-no-such-vote/i);
    await expect(voteAudit(voteEventId, PUBLIC)).rejects.toThrow(/not found|vote/i);
    expect(await proposalDecisions(AUDITOR)).toContain(decisionId);
    expect(await registered(AUDITOR)).toContain(decisionId);
    const audited = (await voteAudit(voteEventId, AUDITOR)).items as Array<{ type: string }>;
    expect(audited.map((e) => e.type)).toContain('DecisionRecorded');
  };

  beforeAll(async () => {
    ledger = await scoped.start();
    await meeting('pv-private', false, '2013-03-02');
    await meeting('pv-public', true, '2013-03-03');
    await meeting('pv-later', true, '2013-03-04');
    await vote('pv-vote', 'pv-private', '2013-03-02');
    await vote('pv-later-vote', 'pv-later', '2013-03-04');
    // Carried by the vote at the private meeting, naming no meeting of its own (one naming the
    // public meeting would be refused: a decision's vote is taken at the meeting it names), and
    // recorded the next day: taken in private all the same.
    await decide('pv-decision', 'pv-vote', '2013-03-03');
    await decide('pv-later-decision', 'pv-later-vote', '2013-03-06');
    await ledger.settle();
  });
  afterAll(async () => scoped.close());

  it('withholds it from the public on every read, and the vote with it', async () => {
    await expectWithheld('pv-decision', 'pv-vote');
  });

  it('shows the public one carried by a vote at a public meeting', async () => {
    expect(isPublic((await decisionEvent('pv-later-decision')).position)).toBe(true);
    expect(await proposalDecisions(PUBLIC)).toContain('pv-later-decision');
    expect(await registered(PUBLIC)).toContain('pv-later-decision');
    await expect(voteAudit('pv-later-vote', PUBLIC)).resolves.toBeDefined();
  });

  it('withholds it once the vote’s meeting is found to have been private, and shows it again if not', async () => {
    let scheduled = '';
    for await (const e of ledger.store.readStream('meeting-pv-later', { types: ['MeetingScheduled'] }))
      scheduled = e.id;
    const correct = (isPublic: boolean, occurredAt: string) =>
      record(
        {
          type: 'CorrectEvent',
          stream: 'meeting-pv-later',
          data: { eventId: scheduled, reason: `spec: public ${isPublic}`, changes: { public: isPublic } },
        },
        occurredAt,
      );
    await correct(false, '2013-03-10T09:00:00Z');
    await ledger.settle();
    await expectWithheld('pv-later-decision', 'pv-later-vote');

    await correct(true, '2013-03-11T09:00:00Z');
    await ledger.settle();
    expect(isPublic((await decisionEvent('pv-later-decision')).position)).toBe(true);
    expect(await registered(PUBLIC)).toContain('pv-later-decision');
    await correct(false, '2013-03-12T09:00:00Z');
    await ledger.settle();
    await expectWithheld('pv-later-decision', 'pv-later-vote');
  });

  it('a rebuild from scratch judges them as the incremental projector did', async () => {
    await withRebuilt((rebuilt) =>
      expect(projectedRows(rebuilt)).toEqual(projectedRows(ledger.projections.readModels)),
    );
  });
});
