import { COMMAND_TYPES, STRATEGIC_ALLIANCE_STORY } from '@ledger/domain';
import {
  ALWAYS_PUBLIC_KINDS,
  AUDITOR,
  carryingVoteOf,
  dataFor,
  PUBLIC,
  scopeChangeOf,
  scopesOf,
  type ScopedEvent,
} from './visibility';

const event = (
  type: string,
  stream: string,
  data: Record<string, unknown>,
  id = `${type}-id`,
): ScopedEvent => ({ id, type, stream, data });

describe('the visibility rule', () => {
  describe('scopes', () => {
    it('puts an event of a meeting, or one that names a meeting, in that meeting', () => {
      expect(scopesOf(event('MeetingHeld', 'meeting-m1', { meetingId: 'm1' }))).toEqual({
        meetingId: 'm1',
        entryId: undefined,
      });
      expect(scopesOf(event('RecommendationIssued', 'proposal-p', { meetingId: 'm2' }))).toEqual({
        meetingId: 'm2',
        entryId: undefined,
      });
    });

    it("puts a vote's ballots, which do not name it, in the vote's meeting", () => {
      expect(scopesOf(event('VoteCast', 'vote-v', { voteEventId: 'v' }), { voteMeetingId: 'm3' })).toEqual({
        meetingId: 'm3',
        entryId: undefined,
      });
    });

    it('makes an agenda item and a decision entries of their own, which can be withheld', () => {
      expect(scopesOf(event('AgendaItemAdded', 'meeting-m1', { meetingId: 'm1' }, 'e1'))).toEqual({
        meetingId: 'm1',
        entryId: 'e1',
      });
      expect(scopesOf(event('DecisionRecorded', 'proposal-p', { inPublic: false }, 'e2'))).toEqual({
        meetingId: undefined,
        entryId: 'e2',
      });
    });

    it('gives a correction or a retraction the scopes of the event it names', () => {
      const target = event('AgendaItemAdded', 'meeting-m1', { meetingId: 'm1' }, 'e1');
      expect(scopesOf(event('EventCorrected', 'meeting-m1', { eventId: 'e1' }), { target })).toEqual({
        meetingId: 'm1',
        entryId: 'e1',
      });
      expect(
        scopesOf(event('EventRetracted', 'proposal-p', { eventId: 'e2' }), {
          target: event('DecisionRecorded', 'proposal-p', {}, 'e2'),
        }),
      ).toEqual({ meetingId: undefined, entryId: 'e2' });
    });

    it('puts a document, an interest or a review in the scope of the agenda item or decision it names', () => {
      expect(
        scopesOf(
          event(
            'DocumentRecorded',
            'document-d',
            {
              meetingId: 'm1',
              itemId: 'i1',
              proposalId: 'p',
              decisionId: 'd1',
            },
            'e1',
          ),
        ),
      ).toEqual({ meetingId: 'm1', entryId: 'e1', item: 'm1/i1', decision: 'p/d1' });
      expect(scopesOf(event('MeetingInterestDeclared', 'meeting-m1', { itemId: 'i1' }, 'e2'))).toEqual({
        meetingId: 'm1',
        entryId: 'e2',
        item: 'm1/i1',
      });
      expect(scopesOf(event('DecisionReviewed', 'review-r', { proposalId: 'p', decisionId: 'd1' }))).toEqual({
        decision: 'p/d1',
      });
      // A review's later events do not name the decision: the review's stream gives it.
      expect(
        scopesOf(event('ScrutinyRecommendationMade', 'review-r', { reviewId: 'r' }), {
          reviewedDecision: 'p/d1',
        }),
      ).toEqual({ decision: 'p/d1' });
      // The item and the decision themselves are entries of their own.
      expect(scopesOf(event('AgendaItemAdded', 'meeting-m1', { itemId: 'i1' }, 'e3'))).toEqual({
        meetingId: 'm1',
        entryId: 'e3',
      });
    });

    it('puts a decision, and its corrections, in the meeting of the vote that carried it too', () => {
      const decided = event('DecisionRecorded', 'proposal-p', { voteEventId: 'v', meetingId: 'm1' }, 'e1');
      expect(carryingVoteOf(decided)).toBe('v');
      expect(scopesOf(decided, { carryingVoteMeetingId: 'm2' })).toEqual({
        meetingId: 'm1',
        carryingVoteMeetingId: 'm2',
        entryId: 'e1',
      });
      const corrected = event('EventCorrected', 'proposal-p', { eventId: 'e1', changes: { rationale: 'r' } });
      expect(carryingVoteOf(corrected, decided)).toBe('v');
      expect(scopesOf(corrected, { carryingVoteMeetingId: 'm2', target: decided })).toMatchObject({
        carryingVoteMeetingId: 'm2',
        entryId: 'e1',
      });
      // Only a decision is carried by a vote: a ballot names its vote, and is in its meeting already.
      expect(carryingVoteOf(event('VoteCast', 'vote-v', { voteEventId: 'v' }))).toBeUndefined();
    });

    it('hides the events that name an item or a decision with it, by its other name', () => {
      expect(
        scopeChangeOf(event('AgendaItemAdded', 'meeting-m1', { itemId: 'i1', exempt: true }, 'e1')),
      ).toEqual({ scope: 'entry:e1', hidden: true, entryId: 'e1', alias: 'item:m1/i1', item: 'm1/i1' });
      const decided = event('DecisionRecorded', 'proposal-p', { proposalId: 'p', decisionId: 'd1' }, 'e2');
      expect(
        scopeChangeOf(
          event('EventCorrected', 'proposal-p', { eventId: 'e2', changes: { inPublic: false } }),
          decided,
        ),
      ).toEqual({ scope: 'entry:e2', hidden: true, entryId: 'e2', alias: 'decision:p/d1', decision: 'p/d1' });
    });

    it('finds no scope in any event of the story of the kinds read as always public', () => {
      let checked = 0;
      for (const step of STRATEGIC_ALLIANCE_STORY) {
        const kind = COMMAND_TYPES[step.command.type as keyof typeof COMMAND_TYPES];
        if (!ALWAYS_PUBLIC_KINDS.has(kind)) continue;
        const data = step.command.data as Record<string, unknown>;
        expect(scopesOf(event(step.command.type, `${kind}-${String(data[`${kind}Id`])}`, data))).toEqual({
          meetingId: undefined,
          entryId: undefined,
        });
        checked += 1;
      }
      expect(checked).toBeGreaterThan(10);
    });
  });

  describe('hiding and showing', () => {
    it('hides a meeting scheduled in private, an exempt item and a decision taken in private', () => {
      expect(scopeChangeOf(event('MeetingScheduled', 'meeting-m1', { public: false }))).toEqual({
        scope: 'meeting:m1',
        hidden: true,
        meetingId: 'm1',
      });
      expect(scopeChangeOf(event('AgendaItemAdded', 'meeting-m1', { exempt: true }, 'e1'))).toEqual({
        scope: 'entry:e1',
        hidden: true,
        entryId: 'e1',
      });
      expect(scopeChangeOf(event('DecisionRecorded', 'proposal-p', { inPublic: false }, 'e2'))).toEqual({
        scope: 'entry:e2',
        hidden: true,
        entryId: 'e2',
      });
      expect(scopeChangeOf(event('DecisionRecorded', 'proposal-p', { inPublic: true }, 'e2'))).toEqual({
        scope: 'entry:e2',
        hidden: false,
        entryId: 'e2',
      });
    });

    it('shows a decision whose publicity the source does not state: not stated is not private', () => {
      const notStated = event('DecisionRecorded', 'proposal-p', { rationale: 'r' }, 'e3');
      // No scope is hidden (the public sees it), yet it is an entry a later correction can withhold.
      expect(scopeChangeOf(notStated)).toBeUndefined();
      expect(scopesOf(notStated)).toEqual({ meetingId: undefined, entryId: 'e3' });
      expect(
        scopeChangeOf(
          event('EventCorrected', 'proposal-p', { eventId: 'e3', changes: { inPublic: false } }),
          notStated,
        ),
      ).toEqual({ scope: 'entry:e3', hidden: true, entryId: 'e3' });
    });

    it('takes a correction of the field as the latest word, either way', () => {
      const scheduled = event('MeetingScheduled', 'meeting-m1', { public: true }, 's');
      expect(
        scopeChangeOf(
          event('EventCorrected', 'meeting-m1', { eventId: 's', changes: { public: false } }),
          scheduled,
        ),
      ).toEqual({ scope: 'meeting:m1', hidden: true, meetingId: 'm1' });
      const item = event('AgendaItemAdded', 'meeting-m1', { exempt: true }, 'i');
      expect(
        scopeChangeOf(
          event('EventCorrected', 'meeting-m1', { eventId: 'i', changes: { exempt: false } }),
          item,
        ),
      ).toEqual({ scope: 'entry:i', hidden: false, entryId: 'i' });
    });

    it('leaves the scopes alone for a correction of another field, and for a retraction', () => {
      const item = event('AgendaItemAdded', 'meeting-m1', { exempt: true }, 'i');
      expect(
        scopeChangeOf(event('EventCorrected', 'meeting-m1', { eventId: 'i', changes: { title: 'x' } }), item),
      ).toBeUndefined();
      expect(scopeChangeOf(event('EventRetracted', 'meeting-m1', { eventId: 'i' }), item)).toBeUndefined();
    });
  });

  describe('fields withheld on a public event', () => {
    it('tells the public how many items a resolution excluding it covers, never which', () => {
      const resolution = { meetingId: 'm1', itemIds: ['i1', 'i2'], paragraph: 3, publicInterestReason: 'r' };
      expect(dataFor(PUBLIC, 'PublicExcluded', resolution)).toEqual({
        meetingId: 'm1',
        itemCount: 2,
        paragraph: 3,
        publicInterestReason: 'r',
      });
      expect(dataFor(AUDITOR, 'PublicExcluded', resolution)).toBe(resolution);
      expect(
        dataFor(PUBLIC, 'EventCorrected', { eventId: 'x', changes: { itemIds: ['i3'], paragraph: 4 } }),
      ).toEqual({ eventId: 'x', changes: { paragraph: 4 } });
    });

    it('shows the public only the ids of decisions it may see, and how many a list withheld', () => {
      // The read models judge each id (PublicEvents.decisionsNamedIn); here, only `d1` is shown.
      const shown = (decisionId: string) => decisionId === 'd1';
      const discontinued = { proposalId: 'p', decisionIds: ['d1', 'd2', 'd3'], reason: 'r' };
      expect(dataFor(PUBLIC, 'ProposalDiscontinued', discontinued, shown)).toEqual({
        proposalId: 'p',
        decisionIds: ['d1'],
        withheldDecisionCount: 2,
        reason: 'r',
      });
      expect(dataFor(AUDITOR, 'ProposalDiscontinued', discontinued, shown)).toBe(discontinued);
      const undoing = (undoesDecisionId: string | null) => ({
        decisionId: 'd4',
        outcome: 'rescind',
        undoesDecisionId,
      });
      expect(dataFor(PUBLIC, 'DecisionRecorded', undoing('d1'), shown)).toEqual(undoing('d1'));
      expect(dataFor(PUBLIC, 'DecisionRecorded', undoing('d2'), shown)).toEqual({
        decisionId: 'd4',
        outcome: 'rescind',
      });
      // A correction restating them is judged alike; its null names nothing, so it stays.
      expect(
        dataFor(
          PUBLIC,
          'EventCorrected',
          { eventId: 'x', changes: { decisionIds: ['d2'], undoesDecisionId: 'd2' } },
          shown,
        ),
      ).toEqual({ eventId: 'x', changes: { decisionIds: [], withheldDecisionCount: 1 } });
      expect(
        dataFor(PUBLIC, 'EventCorrected', { eventId: 'x', changes: { undoesDecisionId: null } }, shown),
      ).toEqual({
        eventId: 'x',
        changes: { undoesDecisionId: null },
      });
      // Without a judge, none is shown: a read that forgets one withholds, it does not leak.
      expect(dataFor(PUBLIC, 'ProposalDiscontinued', discontinued)).toMatchObject({
        decisionIds: [],
        withheldDecisionCount: 3,
      });
    });
  });
});
