import { EVENT_ID, fieldsOf, messagesFor, problemsOf, valid } from './testing/command-problems';
import { validateCommandData } from './validate-command';

describe('validateCommandData: the rules for decision rules, dates, ids, text, lists and corrections', () => {
  describe('the decision rule (a union on kind)', () => {
    it('requires quorum and chairHasCastingVote for a majority', () => {
      expect(
        problemsOf('FormAlliance', valid('FormAlliance', { decisionRule: { kind: 'majority' } })),
      ).toEqual([
        { field: 'decisionRule.quorum', messages: ['quorum is required for a majority rule'] },
        {
          field: 'decisionRule.chairHasCastingVote',
          messages: ['chairHasCastingVote is required for a majority rule'],
        },
      ]);
      expect(
        fieldsOf(
          problemsOf(
            'FormAlliance',
            valid('FormAlliance', {
              decisionRule: { kind: 'majority', quorum: 1.5, chairHasCastingVote: 'no' },
            }),
          ),
        ),
      ).toEqual(['decisionRule.chairHasCastingVote', 'decisionRule.quorum']);
    });

    it('refuses the majority fields for other kinds', () => {
      expect(
        problemsOf('FormAlliance', valid('FormAlliance', { decisionRule: { kind: 'unanimity', quorum: 2 } })),
      ).toEqual([
        { field: 'decisionRule.quorum', messages: ['quorum is allowed only when kind is majority'] },
      ]);
    });
  });

  describe('dates', () => {
    it.each([
      '2012-11-22',
      '2012-11-22T10:00Z',
      '2012-11-22T10:00:00.123Z',
      '2012-11-22T10:00:00+01:00',
      '2012-02-29',
    ])('accepts %s', (date) => {
      expect(
        validateCommandData('RecordOfficeHolderLeft', valid('RecordOfficeHolderLeft', { endDate: date })),
      ).toMatchObject({ endDate: date });
    });

    it.each([
      '2012-W01',
      '2012-123',
      '20121122',
      '2012-11-22T10:00:00',
      '2012-11-22 10:00:00Z',
      '2013-02-29',
      '2012-11',
      'yesterday',
      '',
    ])('refuses %j', (date) => {
      expect(
        fieldsOf(problemsOf('RecordOfficeHolderLeft', valid('RecordOfficeHolderLeft', { endDate: date }))),
      ).toEqual(['endDate']);
    });
  });

  describe('dates a source gives at reduced precision (issue 16)', () => {
    it.each(['2013', '2013-01', '2013-01-31', '2013-01-31T10:00:00Z', '2012-02-29'])(
      'takes %s as a meeting is scheduled for and a body was founded, kept as given',
      (date) => {
        expect(
          validateCommandData('ScheduleMeeting', valid('ScheduleMeeting', { scheduledFor: date })),
        ).toMatchObject({ scheduledFor: date });
        expect(
          validateCommandData('RegisterBody', valid('RegisterBody', { foundingDate: date })),
        ).toMatchObject({
          foundingDate: date,
        });
        expect(
          validateCommandData('FormAlliance', valid('FormAlliance', { foundingDate: date })),
        ).toMatchObject({
          foundingDate: date,
        });
      },
    );

    it.each(['2013-13', '2013-02-29', '13', '2013-1', 'early 2013', ''])('refuses %j', (date) => {
      expect(
        fieldsOf(problemsOf('ScheduleMeeting', valid('ScheduleMeeting', { scheduledFor: date }))),
      ).toEqual(['scheduledFor']);
      expect(fieldsOf(problemsOf('RegisterBody', valid('RegisterBody', { foundingDate: date })))).toEqual([
        'foundingDate',
      ]);
    });

    it('leaves publicity and a founding date out when not stated, and takes the approximate flags as booleans', () => {
      const { public: _p, ...notStated } = valid('ScheduleMeeting');
      expect(validateCommandData('ScheduleMeeting', notStated)).not.toHaveProperty('public');
      const { foundingDate: _f, foundingDateApproximate: _a, ...undated } = valid('RegisterBody');
      expect(validateCommandData('RegisterBody', undated)).not.toHaveProperty('foundingDate');
      expect(
        fieldsOf(problemsOf('ScheduleMeeting', valid('ScheduleMeeting', { scheduledForApproximate: 'yes' }))),
      ).toEqual(['scheduledForApproximate']);
      expect(fieldsOf(problemsOf('ScheduleMeeting', valid('ScheduleMeeting', { public: null })))).toEqual([
        'public',
      ]);
    });
  });

  describe('ids, text and lists', () => {
    it('takes ids of 1 to 128 characters from the allowed set', () => {
      for (const id of ['a', 'A9', '0_a.b:c-d', 'x'.repeat(128)])
        expect(() => validateCommandData('CancelMeeting', { meetingId: id, reason: 'r' })).not.toThrow();
      for (const id of ['', '-a', '.a', 'a b', 'a/b', 'é', 'x'.repeat(129)])
        expect(fieldsOf(problemsOf('CancelMeeting', { meetingId: id, reason: 'r' }))).toEqual(['meetingId']);
    });

    it('refuses blank and over-long text', () => {
      expect(fieldsOf(problemsOf('CancelMeeting', { meetingId: 'm', reason: ' \n\t' }))).toEqual(['reason']);
      // Invisible characters only (zero-width space, joiner, BOM, soft hyphen) are blank too.
      for (const reason of ['\u200b\u200b', '\u200d', '\ufeff \u00ad'])
        expect(fieldsOf(problemsOf('CancelMeeting', { meetingId: 'm', reason }))).toEqual(['reason']);
      expect(() => validateCommandData('CancelMeeting', { meetingId: 'm', reason: '\u200bx' })).not.toThrow();
      expect(fieldsOf(problemsOf('CreatePost', valid('CreatePost', { label: 'x'.repeat(501) })))).toEqual([
        'label',
      ]);
      expect(() =>
        validateCommandData('CancelMeeting', { meetingId: 'm', reason: 'x'.repeat(10_000) }),
      ).not.toThrow();
      expect(fieldsOf(problemsOf('CancelMeeting', { meetingId: 'm', reason: 'x'.repeat(10_001) }))).toEqual([
        'reason',
      ]);
    });

    it('bounds lists', () => {
      const ids = (n: number) => Array.from({ length: n }, (_, i) => `b${i}`);
      expect(() =>
        validateCommandData('ReferProposal', valid('ReferProposal', { toBodyIds: ids(64) })),
      ).not.toThrow();
      expect(
        messagesFor(problemsOf('ReferProposal', valid('ReferProposal', { toBodyIds: ids(65) })), 'toBodyIds'),
      ).toEqual(['toBodyIds must contain no more than 64 elements']);
      expect(
        messagesFor(problemsOf('ReferProposal', valid('ReferProposal', { toBodyIds: [] })), 'toBodyIds'),
      ).toEqual(['toBodyIds must contain at least 1 elements']);
      expect(
        fieldsOf(problemsOf('DiscontinueProposal', valid('DiscontinueProposal', { decisionIds: [] }))),
      ).toEqual(['decisionIds']);
      expect(fieldsOf(problemsOf('TableProposal', valid('TableProposal', { scope: ['HR', 'HR'] })))).toEqual([
        'scope',
      ]);
    });

    it('requires an amendment to change something', () => {
      expect(problemsOf('AmendProposal', valid('AmendProposal', { changes: {} }))).toEqual([
        { field: 'changes', messages: ['changes must change at least one term'] },
      ]);
    });
  });

  describe('corrections', () => {
    it('requires a stream of a known aggregate', () => {
      for (const stream of ['proposal', 'proposals-x', 'widget-x', 'proposal-', 'proposal--x'])
        expect(fieldsOf(problemsOf('RetractEvent', valid('RetractEvent', { stream })))).toEqual(['stream']);
      for (const stream of ['body-pa-herts', 'person-x', 'alliance-a', 'meeting-m', 'vote-v', 'proposal-p'])
        expect(() => validateCommandData('RetractEvent', valid('RetractEvent', { stream }))).not.toThrow();
    });

    it('requires the event id to be a UUID', () => {
      for (const eventId of ['$claim:gap-73m', 'not-a-uuid', `${EVENT_ID}0`])
        expect(fieldsOf(problemsOf('CorrectEvent', valid('CorrectEvent', { eventId })))).toEqual(['eventId']);
    });

    it('requires changes with at least one field, and keeps their values as given', () => {
      expect(fieldsOf(problemsOf('CorrectEvent', valid('CorrectEvent', { changes: {} })))).toEqual([
        'changes',
      ]);
      expect(
        validateCommandData('CorrectEvent', valid('CorrectEvent', { changes: { amount: 1, place: null } }))
          .changes,
      ).toStrictEqual({ amount: 1, place: null });
    });
  });
});
