import { DECIDERS, HERTS_PROPOSAL, REGISTERS } from '@ledger/domain';
import type { RecordableCommand } from '@ledger/recording';
import type { LedgerHarness } from '../testing/ledger-harness';
import { scopedLedger } from '../testing/scoped-ledger';
import { AUDITOR, PUBLIC, type Viewer } from '../visibility';
import { AUDIT_ENTITIES, type AuditEntity } from './audit-entities';
import { NotFoundError } from './not-found.error';
import { GetAuditTrailQuery } from './registers.query';

const SOURCE = { kind: 'test', reference: 'audit every record spec' };

interface Entry {
  eventId: string;
  type: string;
  recordedBy?: string;
  source: { kind: string; reference: string };
  data: Record<string, unknown>;
  correctedBy: Array<{ eventId: string; type: string; recordedBy?: string; data: Record<string, unknown> }>;
}

/**
 * Every kind of record the ledger keeps has its audit trail: a document, a question and a review
 * as much as a proposal, each with who recorded what, when, on what source and what corrected
 * it, for auditors; the public sees a public one, and an exempt or private one not at all (the
 * same NotFoundError as an id never recorded).
 */
describe('the audit trail of every kind of record', () => {
  let ledger: LedgerHarness;
  const scoped = scopedLedger(SOURCE.reference);
  const { record, ask, meeting, eventOf } = scoped;

  const trail = async (entity: AuditEntity, id: string, viewer: Viewer) =>
    (await ask(new GetAuditTrailQuery(entity, id, { limit: 100 }, {}, viewer))).items as Entry[];
  /** The error a trail answers with, its id put as `<id>`: a withheld record must answer as a missing one. */
  const refusal = async (entity: AuditEntity, id: string) => {
    const error = await ask(new GetAuditTrailQuery(entity, id, { limit: 100 }, {}, PUBLIC)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    return { code: (error as NotFoundError).code, message: error?.message.replace(id, '<id>') };
  };
  const correct = async (stream: string, type: string, changes: Record<string, unknown>) => {
    const original = await eventOf(stream, type);
    await record(
      {
        type: 'CorrectEvent',
        stream,
        data: { eventId: original.id, reason: `spec: ${type} misrecorded`, changes },
      },
      '2013-04-01T09:00:00Z',
    );
  };
  const document = (documentId: string, visibility: 'public' | 'exempt'): RecordableCommand => ({
    type: 'RecordDocument',
    data: {
      documentId,
      title: `Document ${documentId}`,
      kind: 'report',
      mediaType: 'application/pdf',
      sha256: 'c'.repeat(64),
      size: 10,
      publishedAt: '2013-03-01',
      visibility,
      ...(visibility === 'exempt' ? { exemptParagraph: 3 } : {}),
      meetingId: 'ae-public',
    },
  });
  const question = (questionId: string, meetingId: string): RecordableCommand => ({
    type: 'AskPublicQuestion',
    data: {
      questionId,
      meetingId,
      askedBy: 'A resident',
      askedOn: '2013-02-28',
      toBodyId: 'pcc-hertfordshire',
      question: `Question ${questionId}`,
    },
  });
  const review = (reviewId: string, meetingId: string): RecordableCommand => ({
    type: 'ReviewDecision',
    data: {
      reviewId,
      panelBodyId: 'pcc-bedfordshire',
      proposalId: HERTS_PROPOSAL,
      decisionId: 'ae-decision',
      meetingId,
      findings: `Findings of ${reviewId}`,
    },
  });

  beforeAll(async () => {
    ledger = await scoped.start();
    await meeting('ae-public', true, '2013-03-02');
    await meeting('ae-private', false, '2013-03-03');
    await record(
      {
        type: 'RecordDecision',
        data: {
          proposalId: HERTS_PROPOSAL,
          decisionId: 'ae-decision',
          bodyId: 'pcc-hertfordshire',
          postId: 'commissioner',
          personId: 'david-lloyd',
          outcome: 'defer',
          inPublic: true,
          rationale: 'Awaiting bids',
        },
      },
      '2013-03-02T12:00:00Z',
    );
    await record(document('ae-doc', 'public'), '2013-03-01T09:00:00Z');
    await record(document('ae-exempt-doc', 'exempt'), '2013-03-01T09:00:00Z');
    await record(question('ae-question', 'ae-public'), '2013-03-02T10:00:00Z');
    await record(
      {
        type: 'AnswerPublicQuestion',
        data: { questionId: 'ae-question', answeredBy: 'david-lloyd', answer: 'Next month.' },
      },
      '2013-03-02T10:30:00Z',
    );
    await record(question('ae-private-question', 'ae-private'), '2013-03-03T10:00:00Z');
    await record(review('ae-review', 'ae-public'), '2013-03-02T11:00:00Z');
    await record(
      {
        type: 'MakeScrutinyRecommendation',
        data: { reviewId: 'ae-review', recommendationId: 'ae-rec', text: 'Publish the bids' },
      },
      '2013-03-02T11:30:00Z',
    );
    await record(review('ae-private-review', 'ae-private'), '2013-03-03T11:00:00Z');
    await correct('document-ae-doc', 'DocumentRecorded', { title: 'The bids report' });
    await correct('question-ae-question', 'PublicQuestionAsked', { question: 'When are the bids due?' });
    await correct('review-ae-review', 'DecisionReviewed', { findings: 'The deferral was reasonable' });
    await ledger.settle();
  });
  afterAll(async () => scoped.close());

  it("takes every kind of aggregate in the domain's registry, and no register", () => {
    expect([...AUDIT_ENTITIES].sort()).toEqual(Object.keys(DECIDERS).sort());
    for (const register of Object.keys(REGISTERS)) expect(AUDIT_ENTITIES).not.toContain(register);
  });

  it.each([
    ['document', 'ae-doc', ['DocumentRecorded', 'EventCorrected'], { title: 'The bids report' }],
    [
      'question',
      'ae-question',
      ['PublicQuestionAsked', 'PublicQuestionAnswered', 'EventCorrected'],
      { question: 'When are the bids due?' },
    ],
    [
      'review',
      'ae-review',
      ['DecisionReviewed', 'ScrutinyRecommendationMade', 'EventCorrected'],
      { findings: 'The deferral was reasonable' },
    ],
  ] as const)(
    'shows an auditor the whole trail of a %s: who recorded it, on what source, and what corrected it',
    async (entity, id, types, changes) => {
      const entries = await trail(entity, id, AUDITOR);
      expect(entries.map((e) => e.type)).toEqual(types);
      for (const e of entries) {
        expect(e.recordedBy).toBe('clerk:spec');
        expect(e.source).toMatchObject(SOURCE);
      }
      const correction = entries[entries.length - 1];
      expect(entries[0].correctedBy).toEqual([
        expect.objectContaining({
          eventId: correction.eventId,
          type: 'EventCorrected',
          recordedBy: 'clerk:spec',
          data: expect.objectContaining({ eventId: entries[0].eventId, changes }),
        }),
      ]);
    },
  );

  it.each([
    ['document', 'ae-doc', 2],
    ['question', 'ae-question', 3],
    ['review', 'ae-review', 3],
  ] as const)(
    'shows the public a public %s, its correction too, never who recorded it',
    async (entity, id, n) => {
      const entries = await trail(entity, id, PUBLIC);
      expect(entries).toHaveLength(n);
      expect(entries[0].correctedBy).toHaveLength(1);
      expect(entries.map((e) => e.recordedBy)).toEqual(entries.map(() => undefined));
    },
  );

  it.each([
    ['document', 'ae-exempt-doc'],
    ['question', 'ae-private-question'],
    ['review', 'ae-private-review'],
  ] as const)(
    'answers the public for an exempt or private %s as for one never recorded, and shows it to auditors',
    async (entity, id) => {
      expect(await refusal(entity, id)).toEqual(await refusal(entity, 'never-recorded'));
      expect((await trail(entity, id, AUDITOR)).length).toBeGreaterThan(0);
    },
  );

  it('withholds a public document from the public once a correction finds it exempt', async () => {
    await record(document('ae-later-exempt', 'public'), '2013-03-01T09:00:00Z');
    await correct('document-ae-later-exempt', 'DocumentRecorded', {
      visibility: 'exempt',
      exemptParagraph: 3,
    });
    await ledger.settle();
    expect(await refusal('document', 'ae-later-exempt')).toEqual(await refusal('document', 'never-recorded'));
    const audited = await trail('document', 'ae-later-exempt', AUDITOR);
    expect(audited.map((e) => e.type)).toEqual(['DocumentRecorded', 'EventCorrected']);
    expect(audited[0].data).toMatchObject({ visibility: 'public' });
  });
});
