import { HERTS_PROPOSAL } from '@ledger/domain';
import { GetDocumentQuery } from './queries/documents.query';
import { GetReviewQuery } from './queries/scrutiny.query';
import type { LedgerHarness } from './testing/ledger-harness';
import { projectedRows, scopedLedger } from './testing/scoped-ledger';
import { AUDITOR, PUBLIC } from './visibility';

/**
 * A decision is taken in private when its own meeting is private, or the meeting of the vote that
 * carried it (the domain's `takenInPrivate`), whatever the decision states or leaves unstated. The
 * events that only name it (a document of it, a review of it and the review's later events) are
 * withheld with it: a meeting found private only later hides them too, and shows them again when
 * found public after all; a rebuild from scratch agrees.
 */
describe('events that name a decision whose meeting is later found private', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger('decision meeting scope spec');
  const { record, ask, meeting, eventOf, isPublic, withRebuilt } = scoped;
  const BODY = 'pcc-hertfordshire';
  const storedPublic = (position: number) =>
    (
      ledger.projections.readModels.db
        .prepare('SELECT public FROM rm_event_visibility WHERE position = ?')
        .get(position) as { public: number }
    ).public;

  /** A decision whose own publicity is not stated, at `setting`'s meeting or carried by its vote. */
  const decide = (decisionId: string, setting: { meetingId?: string; voteEventId?: string }, day: string) =>
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
          ...setting,
          rationale: `Decision ${decisionId}`,
        },
      },
      `${day}T12:00:00Z`,
    );
  const document = (documentId: string, decisionId: string, day: string) =>
    record(
      {
        type: 'RecordDocument',
        data: {
          documentId,
          title: `Document ${documentId}`,
          kind: 'report',
          mediaType: 'application/pdf',
          sha256: 'b'.repeat(64),
          size: 10,
          publishedAt: day,
          visibility: 'public',
          proposalId: HERTS_PROPOSAL,
          decisionId,
        },
      },
      `${day}T13:00:00Z`,
    );
  const review = async (reviewId: string, decisionId: string, day: string) => {
    await record(
      {
        type: 'ReviewDecision',
        data: {
          reviewId,
          panelBodyId: 'pcc-bedfordshire',
          proposalId: HERTS_PROPOSAL,
          decisionId,
          findings: `The panel reviewed ${decisionId}`,
        },
      },
      `${day}T14:00:00Z`,
    );
    await record(
      {
        type: 'MakeScrutinyRecommendation',
        data: { reviewId, recommendationId: `${reviewId}-rec`, text: 'Publish the reasons' },
      },
      `${day}T15:00:00Z`,
    );
  };
  const correctMeeting = async (meetingId: string, isPublic: boolean, occurredAt: string) => {
    const scheduled = await eventOf(`meeting-${meetingId}`, 'MeetingScheduled');
    await record(
      {
        type: 'CorrectEvent',
        stream: `meeting-${meetingId}`,
        data: { eventId: scheduled.id, reason: `spec: public ${isPublic}`, changes: { public: isPublic } },
      },
      occurredAt,
    );
    await ledger.settle();
  };

  /** The events naming the decision: its document's, and its review's (when it has one). */
  const namingEvents = async (documentId: string, reviewId?: string) => [
    await eventOf(`document-${documentId}`, 'DocumentRecorded'),
    ...(reviewId
      ? [
          await eventOf(`review-${reviewId}`, 'DecisionReviewed'),
          await eventOf(`review-${reviewId}`, 'ScrutinyRecommendationMade'),
        ]
      : []),
  ];
  const expectShown = async (documentId: string, reviewId: string | undefined, shown: boolean) => {
    const events = await namingEvents(documentId, reviewId);
    expect(events.map((e) => storedPublic(e.position))).toEqual(events.map(() => (shown ? 1 : 0)));
    expect(events.map((e) => isPublic(e.position))).toEqual(events.map(() => shown));
    const publicDocument = ask(new GetDocumentQuery(documentId, PUBLIC));
    if (shown) await expect(publicDocument).resolves.toBeDefined();
    else await expect(publicDocument).rejects.toThrow(/not found|document/i);
    if (reviewId) {
      const publicReview = ask(new GetReviewQuery(reviewId, {}, PUBLIC));
      if (shown) await expect(publicReview).resolves.toBeDefined();
      else await expect(publicReview).rejects.toThrow();
      await expect(ask(new GetReviewQuery(reviewId, {}, AUDITOR))).resolves.toBeDefined();
    }
    // Auditors see them whatever the public may.
    await expect(ask(new GetDocumentQuery(documentId, AUDITOR))).resolves.toBeDefined();
  };

  beforeAll(async () => {
    ledger = await scoped.start();
    await meeting('dm-meeting', true, '2013-03-02');
    await decide('dm-decision', { meetingId: 'dm-meeting' }, '2013-03-02');
    await document('dm-doc', 'dm-decision', '2013-03-03');
    await review('dm-review', 'dm-decision', '2013-03-04');
    await meeting('dm-vote-meeting', true, '2013-03-05');
    await record(
      {
        type: 'OpenVote',
        data: {
          voteEventId: 'dm-vote',
          proposalId: HERTS_PROPOSAL,
          meetingId: 'dm-vote-meeting',
          question: 'That it defers',
          bodyId: BODY,
        },
      },
      '2013-03-05T11:00:00Z',
    );
    await record(
      {
        type: 'CastVote',
        data: { voteEventId: 'dm-vote', personId: 'david-lloyd', bodyId: BODY, option: 'yes' },
      },
      '2013-03-05T11:05:00Z',
    );
    await record({ type: 'CloseVote', data: { voteEventId: 'dm-vote' } }, '2013-03-05T11:10:00Z');
    await decide('dm-vote-decision', { voteEventId: 'dm-vote' }, '2013-03-06');
    await document('dm-vote-doc', 'dm-vote-decision', '2013-03-07');
    await ledger.settle();
  });
  afterAll(async () => scoped.close());

  it('shows the public the document and the review while the meetings are public', async () => {
    await expectShown('dm-doc', 'dm-review', true);
    await expectShown('dm-vote-doc', undefined, true);
  });

  it("withholds them once the decision's own meeting is found private, and shows them again if not", async () => {
    await correctMeeting('dm-meeting', false, '2013-03-10T09:00:00Z');
    await expectShown('dm-doc', 'dm-review', false);
    await expectShown('dm-vote-doc', undefined, true);
    await correctMeeting('dm-meeting', true, '2013-03-11T09:00:00Z');
    await expectShown('dm-doc', 'dm-review', true);
    await correctMeeting('dm-meeting', false, '2013-03-12T09:00:00Z');
    await expectShown('dm-doc', 'dm-review', false);
  });

  it('withholds them once the meeting of the vote that carried it is found private, and shows them again if not', async () => {
    // Another decision's private meeting hides nothing of this one, recorded before or after it.
    await document('dm-vote-doc-2', 'dm-vote-decision', '2013-03-12');
    await ledger.settle();
    await expectShown('dm-vote-doc-2', undefined, true);
    await correctMeeting('dm-vote-meeting', false, '2013-03-13T09:00:00Z');
    await expectShown('dm-vote-doc-2', undefined, false);
    await expectShown('dm-vote-doc', undefined, false);
    await correctMeeting('dm-vote-meeting', true, '2013-03-14T09:00:00Z');
    await expectShown('dm-vote-doc', undefined, true);
    await correctMeeting('dm-vote-meeting', false, '2013-03-15T09:00:00Z');
    await expectShown('dm-vote-doc', undefined, false);
  });

  it('a rebuild from scratch judges them as the incremental projector did', async () => {
    await withRebuilt((rebuilt) =>
      expect(projectedRows(rebuilt)).toEqual(projectedRows(ledger.projections.readModels)),
    );
  });
});
