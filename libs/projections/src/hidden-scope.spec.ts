import { HERTS_PROPOSAL } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import { meetingDocuments } from './queries/documents.handler';
import { GetDocumentQuery } from './queries/documents.query';
import { GetAuditTrailQuery, GetMeetingQuery } from './queries/registers.query';
import { GetReviewQuery } from './queries/scrutiny.query';
import type { LedgerHarness } from './testing/ledger-harness';
import { projectedRows, scopedLedger } from './testing/scoped-ledger';
import { AUDITOR, dataFor, PUBLIC, type Viewer } from './visibility';

/**
 * A document, an interest or a review takes on the scope of the agenda item or decision it names:
 * a later correction that makes the item exempt, or the decision private, hides them too, on
 * every read the public has (the stored judgement, the document reads, the audit trail). And the
 * resolution excluding the public never tells the public which items it withheld.
 */
describe('events that name a later hidden item or decision', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('hidden scope spec');
  const { record, ask, eventOf, isPublic, withRebuilt } = scoped;
  const SHA = 'a'.repeat(64);
  const auditTypes = async (entity: 'meeting' | 'proposal', id: string, viewer: Viewer) =>
    (
      (await ask(new GetAuditTrailQuery(entity, id, { limit: 1000 }, {}, viewer))).items as Array<{
        type: string;
        data: Record<string, unknown>;
      }>
    ).map((e) => e.type);
  const document = (documentId: string, links: Record<string, string>): RecordableCommand => ({
    type: 'RecordDocument',
    data: {
      documentId,
      title: `Document ${documentId}`,
      kind: 'report' as const,
      mediaType: 'application/pdf',
      sha256: SHA,
      size: 10,
      publishedAt: '2013-03-01',
      visibility: 'public' as const,
      ...links,
    },
  });

  beforeAll(async () => {
    ledger = await scoped.start();
    await record(
      {
        type: 'ScheduleMeeting',
        data: {
          meetingId: 'hs-meeting',
          title: 'Hertfordshire PCC: support services',
          bodyIds: ['pcc-hertfordshire'],
          scheduledFor: '2013-03-02',
          public: true,
        },
      },
      '2013-02-20T09:00:00Z',
    );
    for (const [itemId, exempt] of [
      ['hs-item', false],
      ['hs-exempt', true],
    ] as const)
      await record(
        {
          type: 'AddAgendaItem',
          data: {
            meetingId: 'hs-meeting',
            itemId,
            title: `Item ${itemId}`,
            exempt,
            ...(exempt ? { exemptionReason: 'Paragraph 3' } : {}),
          },
        },
        '2013-02-21T09:00:00Z',
      );
    await record(
      document('hs-item-doc', { meetingId: 'hs-meeting', itemId: 'hs-item' }),
      '2013-03-01T09:00:00Z',
    );
    await record(
      {
        type: 'DeclareMeetingInterest',
        data: {
          meetingId: 'hs-meeting',
          itemId: 'hs-item',
          personId: 'david-lloyd',
          type: 'other',
          description: 'A relative works for a bidder',
        },
      },
      '2013-03-02T10:00:00Z',
    );
    await record(
      {
        type: 'ExcludePublic',
        data: {
          meetingId: 'hs-meeting',
          itemIds: ['hs-exempt'],
          paragraph: 3,
          publicInterestReason: 'Commercial terms',
        },
      },
      '2013-03-02T10:30:00Z',
    );
    await record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: HERTS_PROPOSAL,
          decisionId: 'hs-decision',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          inPublic: true,
          rationale: 'Awaiting bids',
        },
      },
      '2013-03-04T10:00:00Z',
    );
    await record(
      document('hs-decision-doc', { proposalId: HERTS_PROPOSAL, decisionId: 'hs-decision' }),
      '2013-03-05T09:00:00Z',
    );
    await record(
      {
        type: 'ReviewDecision',
        data: {
          reviewId: 'hs-review',
          panelBodyId: 'pcc-bedfordshire',
          proposalId: HERTS_PROPOSAL,
          decisionId: 'hs-decision',
          findings: 'The panel found the deferral reasonable',
        },
      },
      '2013-03-06T09:00:00Z',
    );
    await record(
      {
        type: 'MakeScrutinyRecommendation',
        data: { reviewId: 'hs-review', recommendationId: 'hs-rec', text: 'Publish the bids' },
      },
      '2013-03-06T10:00:00Z',
    );
    await ledger.settle();
  });
  afterAll(async () => scoped.close());

  it('shows the public all of them while the item and the decision are public', async () => {
    await expect(ask(new GetDocumentQuery('hs-item-doc', PUBLIC))).resolves.toBeDefined();
    await expect(ask(new GetDocumentQuery('hs-decision-doc', PUBLIC))).resolves.toBeDefined();
    await expect(ask(new GetReviewQuery('hs-review', {}, PUBLIC))).resolves.toBeDefined();
    expect(await auditTypes('meeting', 'hs-meeting', PUBLIC)).toContain('MeetingInterestDeclared');
  });

  it('never tells the public which items a resolution excluding it covers, on any event read', async () => {
    const excluded = (await ask(new GetAuditTrailQuery('meeting', 'hs-meeting', { limit: 1000 }, {}, PUBLIC)))
      .items as Array<{ type: string; data: Record<string, unknown> }>;
    const resolution = excluded.find((e) => e.type === 'PublicExcluded');
    expect(resolution?.data).toEqual({
      meetingId: 'hs-meeting',
      paragraph: 3,
      publicInterestReason: 'Commercial terms',
      itemCount: 1,
    });
    expect(JSON.stringify(excluded)).not.toContain('hs-exempt');
    // The export (/events) and the diff draw the public's copy with the same rule.
    const stored = await eventOf('meeting-hs-meeting', 'PublicExcluded');
    expect(dataFor(PUBLIC, stored.type, stored.data)).not.toHaveProperty('itemIds');
    expect(dataFor(AUDITOR, stored.type, stored.data)).toHaveProperty('itemIds', ['hs-exempt']);
    // A correction restating the items says no more than the resolution does.
    expect(dataFor(PUBLIC, 'EventCorrected', { eventId: stored.id, changes: { itemIds: ['x'] } })).toEqual({
      eventId: stored.id,
      changes: {},
    });
  });

  it('hides a document and an interest of an agenda item a later correction makes exempt', async () => {
    const item = await eventOf('meeting-hs-meeting', 'AgendaItemAdded');
    const doc = await eventOf('document-hs-item-doc', 'DocumentRecorded');
    const interest = await eventOf('meeting-hs-meeting', 'MeetingInterestDeclared');
    expect([isPublic(doc.position), isPublic(interest.position)]).toEqual([true, true]);
    await record(
      {
        type: 'CorrectEvent',
        stream: 'meeting-hs-meeting',
        data: {
          eventId: item.id,
          reason: 'spec: exempt after all',
          changes: { exempt: true, exemptionReason: 'Paragraph 3' },
        },
      },
      '2013-03-10T09:00:00Z',
    );
    await ledger.settle();
    expect([isPublic(doc.position), isPublic(interest.position)]).toEqual([false, false]);
    await expect(ask(new GetDocumentQuery('hs-item-doc', PUBLIC))).rejects.toThrow(/not found|hs-item-doc/i);
    expect(meetingDocuments(ledger.projections.readModels, 'hs-meeting', PUBLIC)).toEqual([]);
    const types = await auditTypes('meeting', 'hs-meeting', PUBLIC);
    expect(types).not.toContain('MeetingInterestDeclared');
    expect(types).not.toContain('DocumentRecorded');
    const meeting = await ask(new GetMeetingQuery('hs-meeting', {}, PUBLIC));
    expect(JSON.stringify(meeting)).not.toMatch(/hs-item-doc|A relative works/);
    // Auditors still see both.
    await expect(ask(new GetDocumentQuery('hs-item-doc', AUDITOR))).resolves.toBeDefined();
    expect(await auditTypes('meeting', 'hs-meeting', AUDITOR)).toContain('MeetingInterestDeclared');
  });

  it('hides a document and a review of a decision a later correction says was taken in private', async () => {
    const decided = [];
    for await (const e of ledger.store.readStream(`proposal-${HERTS_PROPOSAL}`, {
      types: ['DecisionRecorded'],
    }))
      if ((e.data as { decisionId: string }).decisionId === 'hs-decision') decided.push(e);
    expect(decided).toHaveLength(1);
    const doc = await eventOf('document-hs-decision-doc', 'DocumentRecorded');
    const reviewed = await eventOf('review-hs-review', 'DecisionReviewed');
    const recommended = await eventOf('review-hs-review', 'ScrutinyRecommendationMade');
    await record(
      {
        type: 'CorrectEvent',
        stream: `proposal-${HERTS_PROPOSAL}`,
        data: { eventId: decided[0].id, reason: 'spec: taken in private', changes: { inPublic: false } },
      },
      '2013-03-10T09:00:00Z',
    );
    await ledger.settle();
    expect([doc, reviewed, recommended].map((e) => isPublic(e.position))).toEqual([false, false, false]);
    await expect(ask(new GetDocumentQuery('hs-decision-doc', PUBLIC))).rejects.toThrow();
    await expect(ask(new GetReviewQuery('hs-review', {}, PUBLIC))).rejects.toThrow();
    await expect(ask(new GetReviewQuery('hs-review', {}, AUDITOR))).resolves.toBeDefined();

    // Shown again when the ledger's latest word says it was public after all.
    await record(
      {
        type: 'CorrectEvent',
        stream: `proposal-${HERTS_PROPOSAL}`,
        data: { eventId: decided[0].id, reason: 'spec: in public after all', changes: { inPublic: true } },
      },
      '2013-03-11T09:00:00Z',
    );
    await ledger.settle();
    expect([doc, reviewed, recommended].map((e) => isPublic(e.position))).toEqual([true, true, true]);
    await expect(ask(new GetDocumentQuery('hs-decision-doc', PUBLIC))).resolves.toBeDefined();
  });

  it('a rebuild from scratch judges them as the incremental projector did', async () => {
    await withRebuilt((rebuilt) =>
      expect(projectedRows(rebuilt)).toEqual(projectedRows(ledger.projections.readModels)),
    );
  });
});
