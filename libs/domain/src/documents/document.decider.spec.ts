import { meetingDecider } from '../meetings/meeting.decider';
import type { MeetingEvent } from '../meetings/meeting.events';
import { aProposal, decisionRecorded, folded, meetingScheduled, proposalTabled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { documentDecider } from './document.decider';
import type { DocumentEvent } from './document.events';

const item = (itemId: string, exempt: boolean): MeetingEvent => ({
  type: 'AgendaItemAdded',
  data: { meetingId: 'pcp', itemId, title: itemId, exempt, ...(exempt ? { exemptionReason: 'para 3' } : {}) },
});
const pcp = folded(meetingDecider, [
  meetingScheduled({ meetingId: 'pcp', bodyIds: ['panel'] }),
  item('open', false),
  item('closed', true),
]);
const proposal = aProposal(
  proposalTabled({ proposalId: 'precept' }),
  decisionRecorded({ proposalId: 'precept', decisionId: 'in-public', bodyId: 'panel' }),
  decisionRecorded(
    { proposalId: 'precept', decisionId: 'in-private', bodyId: 'panel', inPublic: false },
    '2012-06-02T00:00:00.000Z',
  ),
  // Taken at a private meeting, its own publicity not stated: the meeting makes it private.
  decisionRecorded(
    {
      proposalId: 'precept',
      decisionId: 'at-closed',
      bodyId: 'panel',
      inPublic: undefined,
      meetingId: 'closed',
    },
    '2012-06-03T00:00:00.000Z',
  ),
);
const closed = folded(meetingDecider, [
  meetingScheduled({ meetingId: 'closed', bodyIds: ['panel'], public: false }),
]);
const refs = refsOf({ meeting: { pcp, closed }, proposal: { precept: proposal } });
const at = { at: '2013-01-30T00:00:00.000Z', refs };

const report: DocumentEvent['data'] = {
  documentId: 'report',
  title: 'The precept report',
  kind: 'report',
  mediaType: 'application/pdf',
  sha256: 'a'.repeat(64),
  size: 1024,
  publishedAt: '2013-01-30',
  visibility: 'public',
  meetingId: 'pcp',
  itemId: 'open',
};
const record = (data: Partial<DocumentEvent['data']>) =>
  spec(documentDecider)
    .given([])
    .when({ type: 'RecordDocument', data: { ...report, ...data } }, at);

describe('document decider: RecordDocument', () => {
  it('records a public report of a public agenda item', () => {
    record({}).then([{ type: 'DocumentRecorded', data: report }]);
  });

  it('records an exempt annex of an exempt item with its Schedule 12A paragraph', () => {
    const annex = {
      ...report,
      kind: 'annex' as const,
      itemId: 'closed',
      visibility: 'exempt' as const,
      exemptParagraph: 3,
    };
    record(annex).then([{ type: 'DocumentRecorded', data: annex }]);
  });

  it('refuses to record it twice (already-exists)', () => {
    spec(documentDecider)
      .given([{ type: 'DocumentRecorded', data: report }])
      .when({ type: 'RecordDocument', data: report }, at)
      .thenFails('already-exists');
  });

  it('refuses a public document of an exempt item (document-must-be-exempt)', () => {
    record({ itemId: 'closed' }).thenFails('document-must-be-exempt', /item closed is exempt/);
  });

  it('refuses a public document of a decision taken in private (document-must-be-exempt)', () => {
    record({ proposalId: 'precept', decisionId: 'in-private' }).thenFails(
      'document-must-be-exempt',
      /taken in private/,
    );
  });

  it('refuses a public document of a decision taken at a private meeting, its own publicity not stated (document-must-be-exempt)', () => {
    record({ proposalId: 'precept', decisionId: 'at-closed' }).thenFails(
      'document-must-be-exempt',
      /at-closed was taken in private/,
    );
    const exempt = {
      ...report,
      kind: 'decision-notice' as const,
      proposalId: 'precept',
      decisionId: 'at-closed',
      visibility: 'exempt' as const,
      exemptParagraph: 3,
    };
    record(exempt).then([{ type: 'DocumentRecorded', data: exempt }]);
  });

  it('records a decision notice of a decision taken in public', () => {
    const notice = {
      ...report,
      kind: 'decision-notice' as const,
      proposalId: 'precept',
      decisionId: 'in-public',
    };
    record(notice).then([{ type: 'DocumentRecorded', data: notice }]);
  });

  it.each([undefined, 0, 8])(
    'refuses an exempt document with paragraph %s (schedule-12a-paragraph)',
    (exemptParagraph) => {
      record({ visibility: 'exempt', exemptParagraph }).thenFails(
        'schedule-12a-paragraph',
        /Schedule 12A has paragraphs 1 to 7/,
      );
    },
  );

  it('refuses a public document that names an exempt paragraph (invalid-value)', () => {
    record({ exemptParagraph: 3 }).thenFails('invalid-value', /cannot name an exempt paragraph/);
  });

  it('refuses links to what is not recorded (not-found)', () => {
    record({ meetingId: 'ghost', itemId: undefined }).thenFails('not-found', /Meeting ghost/);
    record({ itemId: 'ghost' }).thenFails('not-found', /no agenda item ghost/);
    record({ proposalId: 'precept', decisionId: 'ghost' }).thenFails('not-found', /no decision ghost/);
  });

  it('refuses an item without its meeting, or a decision without its proposal (invalid-value)', () => {
    record({ meetingId: undefined }).thenFails('invalid-value', /with its meeting/);
    record({ decisionId: 'in-public' }).thenFails('invalid-value', /with its proposal/);
  });
});

describe('document decider: corrections', () => {
  // An id ties the document to its item (and so to its item's publicity): correcting it would
  // move the document to another record, not fix a field of this one.
  it.each(['documentId', 'itemId'])('refuses to change the identity field %s (invalid-value)', (field) => {
    spec(documentDecider)
      .given([{ type: 'DocumentRecorded', data: report, id: 'doc-event' }])
      .when(
        { type: 'CorrectEvent', data: { eventId: 'doc-event', reason: 'x', changes: { [field]: 'other' } } },
        at,
      )
      .thenFails('invalid-value', new RegExp(`${field} identifies the record`));
  });

  // Each corrected value is checked alone (fieldValues); the rules that span the fields (an
  // exempt document names its paragraph, a document of an exempt item or of a decision taken in
  // private is exempt) are run again on the document as the correction leaves it.
  const correct = (data: DocumentEvent['data'], changes: Record<string, unknown>) =>
    spec(documentDecider)
      .given([{ type: 'DocumentRecorded', data, id: 'doc-event' }])
      .when({ type: 'CorrectEvent', data: { eventId: 'doc-event', reason: 'x', changes } }, at);
  const annex = {
    ...report,
    kind: 'annex' as const,
    itemId: 'closed',
    visibility: 'exempt' as const,
    exemptParagraph: 3,
  };
  const notice = {
    ...report,
    kind: 'decision-notice' as const,
    proposalId: 'precept',
    decisionId: 'in-public',
  };

  it('corrects a public document to exempt, adding its paragraph, and an exempt one back to public, taking it out', () => {
    const made = { visibility: 'exempt', exemptParagraph: 3 };
    correct(report, made).then([
      { type: 'EventCorrected', data: { eventId: 'doc-event', reason: 'x', changes: made } },
    ]);
    const back = { visibility: 'public', exemptParagraph: null };
    correct({ ...annex, itemId: 'open' }, back).then([
      { type: 'EventCorrected', data: { eventId: 'doc-event', reason: 'x', changes: back } },
    ]);
    correct(report, { visibility: 'exempt', exemptParagraph: 9 }).thenFails(
      'correction-invalid-value',
      /exemptParagraph cannot be 9/,
    );
  });

  it('refuses a document corrected to exempt with no paragraph (schedule-12a-paragraph)', () => {
    correct(report, { visibility: 'exempt' }).thenFails('schedule-12a-paragraph', /names no paragraph/);
  });

  it('refuses a correction that leaves a document of an exempt item public (document-must-be-exempt)', () => {
    const stored = { ...annex, visibility: 'public' as const, exemptParagraph: undefined };
    correct(stored, { title: 'Terms' }).thenFails('document-must-be-exempt', /item closed is exempt/);
  });

  it('refuses an exempt document corrected to public while it names its paragraph (invalid-value)', () => {
    correct({ ...annex, itemId: 'open' }, { visibility: 'public' }).thenFails(
      'invalid-value',
      /cannot name an exempt paragraph/,
    );
  });

  // Public once, its decision's meeting since found private: a correction must make it exempt.
  it('refuses a correction that leaves public the notice of a decision taken in private (document-must-be-exempt)', () => {
    const stored = { ...notice, decisionId: 'at-closed' };
    correct(stored, { title: 'The notice' }).thenFails(
      'document-must-be-exempt',
      /at-closed was taken in private/,
    );
  });

  it('still takes a correction that leaves a valid document', () => {
    correct(notice, { title: 'The notice' }).then([
      {
        type: 'EventCorrected',
        data: { eventId: 'doc-event', reason: 'x', changes: { title: 'The notice' } },
      },
    ]);
    correct(annex, { exemptParagraph: 4 }).then([
      {
        type: 'EventCorrected',
        data: { eventId: 'doc-event', reason: 'x', changes: { exemptParagraph: 4 } },
      },
    ]);
  });
});
