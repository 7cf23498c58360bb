import {
  EVENT_ID,
  VALID,
  fieldsOf,
  messagesFor,
  problemsOf,
  valid,
  without,
} from './testing/command-problems';
import { CommandValidationError, validateCommandData } from './validate-command';

describe('validateCommandData: which fields a refusal names, and how', () => {
  describe('a missing required field', () => {
    it.each([
      ['RegisterBody', 'name'],
      ['CastVote', 'option'],
      ['RecordMeetingHeld', 'attendees'],
      ['FormAlliance', 'decisionRule'],
      ['CorrectEvent', 'stream'],
      ['RecordDecision', 'rationale'],
    ] as const)('%s without %s', (type, field) => {
      const problems = problemsOf(type, without(type, field));
      expect(fieldsOf(problems)).toEqual([field]);
    });

    it('is reported inside a nested object too', () => {
      const problems = problemsOf(
        'RecordMeetingHeld',
        valid('RecordMeetingHeld', { chair: { personId: 'graham-bright' } }),
      );
      expect(problems).toEqual([{ field: 'chair.capacity', messages: ['capacity must be a string'] }]);
    });
  });

  describe('a wrong type', () => {
    it.each([
      ['RecordClaim', 'amount', '77000000', 'amount must be a number, not text'],
      ['RecordClaim', 'amount', true, 'amount must be a number, not true'],
      ['RecordClaim', 'amount', [1], 'amount must be a number, not a list'],
      ['ExcludePublic', 'paragraph', '3', 'paragraph must be a whole number, not text'],
      ['ExcludePublic', 'paragraph', 3.5, 'paragraph must be a whole number'],
      ['ScheduleMeeting', 'public', 'yes', 'public must be a boolean value'],
      ['TableProposal', 'scope', 'HR', 'scope must be an array'],
      ['RegisterBody', 'name', 42, 'name must be a string'],
      ['FormAlliance', 'decisionRule', 'unanimity', 'decisionRule must be an object'],
      ['RecordMeetingHeld', 'chair', [{ capacity: 'chair' }], 'chair must be an object'],
      ['CorrectEvent', 'changes', ['amount'], 'changes must be an object'],
    ] as const)('%s.%s = %j', (type, field, value, message) => {
      const problems = problemsOf(type, valid(type, { [field]: value }));
      expect(fieldsOf(problems)).toEqual([field]);
      expect(messagesFor(problems, field)).toContain(message);
    });

    it('refuses null for an optional field (optional means absent)', () => {
      const problems = problemsOf('RegisterBody', valid('RegisterBody', { area: null }));
      expect(problems).toEqual([{ field: 'area', messages: ['area must be a string'] }]);
    });

    it('says a number of the wrong kind once, not with every range rule besides', () => {
      expect(problemsOf('RecordClaim', valid('RecordClaim', { amount: '1000' }))).toEqual([
        { field: 'amount', messages: ['amount must be a number, not text'] },
      ]);
      expect(problemsOf('ExcludePublic', valid('ExcludePublic', { paragraph: 'abc' }))).toEqual([
        { field: 'paragraph', messages: ['paragraph must be a whole number, not text'] },
      ]);
    });

    it('refuses NaN and Infinity and negative amounts', () => {
      for (const amount of [Number.NaN, Number.POSITIVE_INFINITY])
        expect(problemsOf('RecordClaim', valid('RecordClaim', { amount }))).toEqual([
          { field: 'amount', messages: [`amount must be a number, not ${amount}`] },
        ]);
      expect(messagesFor(problemsOf('RecordClaim', valid('RecordClaim', { amount: -1 })), 'amount')).toEqual([
        'amount must not be less than 0',
      ]);
    });
  });

  describe('an unknown field', () => {
    it('is refused at the top level, named', () => {
      const problems = problemsOf('RegisterPerson', valid('RegisterPerson', { nickname: 'Olly' }));
      expect(problems).toEqual([{ field: 'nickname', messages: ['property nickname should not exist'] }]);
    });

    it('is refused in nested objects and array items, with its path', () => {
      const meeting = valid('RecordMeetingHeld');
      (meeting.attendees as Array<Record<string, unknown>>)[2].role = 'x';
      expect(problemsOf('RecordMeetingHeld', meeting)).toEqual([
        { field: 'attendees[2].role', messages: ['property role should not exist'] },
      ]);
      expect(problemsOf('AmendProposal', valid('AmendProposal', { changes: { owner: 'x' } }))).toEqual([
        { field: 'changes.owner', messages: ['property owner should not exist'] },
      ]);
      expect(
        problemsOf(
          'FormAlliance',
          valid('FormAlliance', { decisionRule: { kind: 'unanimity', veto: true } }),
        ),
      ).toEqual([{ field: 'decisionRule.veto', messages: ['property veto should not exist'] }]);
    });

    it('quotes a key that is not an identifier', () => {
      expect(fieldsOf(problemsOf('CreatePost', valid('CreatePost', { 'a.b': 1, '': 2 })))).toEqual([
        '[""]',
        '["a.b"]',
      ]);
    });

    it('refuses keys that would reach a prototype, wherever they are', () => {
      const payload = JSON.parse(
        `{"__proto__":{"polluted":true},"constructor":{"name":"x"},"stream":"proposal-p","eventId":"${EVENT_ID}","reason":"r","changes":{"amount":1,"__proto__":{"x":1},"prototype":{}}}`,
      );
      expect(fieldsOf(problemsOf('CorrectEvent', payload))).toEqual([
        '__proto__',
        'changes.__proto__',
        'changes.prototype',
        'constructor',
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it("refuses fields named like Object.prototype's members (class-transformer would drop them silently)", () => {
      const payload = { ...VALID.RecordOfficeHolderLeft[0], hasOwnProperty: {}, toString: 'x', valueOf: 1 };
      expect(fieldsOf(problemsOf('RecordOfficeHolderLeft', payload))).toEqual([
        'hasOwnProperty',
        'toString',
        'valueOf',
      ]);
      const meeting = valid('RecordMeetingHeld', {
        attendees: [{ capacity: 'observer', isPrototypeOf: true }],
      });
      expect(problemsOf('RecordMeetingHeld', meeting)).toEqual([
        { field: 'attendees[0].isPrototypeOf', messages: ['property isPrototypeOf should not exist'] },
      ]);
    });
  });

  describe('a bad enum value', () => {
    it.each([
      ['RegisterBody', 'classification', 'council'],
      ['RegisterBody', 'powers', 'rules'],
      ['CastVote', 'option', 'maybe'],
      ['RecordClaim', 'unit', 'EUR'],
      ['RecordClaim', 'subject', 'Savings'],
      ['IssueRecommendation', 'content', 'reject'],
      ['RecordDecision', 'outcome', 'agree'],
    ] as const)('%s.%s = %s', (type, field, value) => {
      const problems = problemsOf(type, valid(type, { [field]: value }));
      expect(fieldsOf(problems)).toEqual([field]);
      expect(messagesFor(problems, field)[0]).toMatch(new RegExp(`^${field} must be one of: `));
    });

    it('is reported with its nested path', () => {
      expect(
        fieldsOf(problemsOf('FormAlliance', valid('FormAlliance', { decisionRule: { kind: 'plurality' } }))),
      ).toEqual(['decisionRule.kind']);
      expect(
        fieldsOf(
          problemsOf(
            'CloseVote',
            valid('CloseVote', { castingVote: { personId: 'graham-bright', option: 'abstain' } }),
          ),
        ),
      ).toEqual(['castingVote.option']);
    });
  });

  describe('a bad nested item', () => {
    it('reports the item and field', () => {
      const problems = problemsOf(
        'RecordMeetingHeld',
        valid('RecordMeetingHeld', {
          attendees: [{ personId: '-bad', capacity: 'PCC' }, { personId: 'ok' }, 'graham-bright', null],
        }),
      );
      expect(fieldsOf(problems)).toEqual([
        'attendees',
        'attendees[0].personId',
        'attendees[1].capacity',
        'attendees[2]',
        'attendees[3]',
      ]);
      expect(messagesFor(problems, 'attendees[0].personId')[0]).toMatch(/^personId must be an id/);
      expect(messagesFor(problems, 'attendees')).toEqual(['each value in attendees must be an object']);
    });

    it('reports bad values in a list of ids against the list', () => {
      const problems = problemsOf(
        'ScheduleMeeting',
        valid('ScheduleMeeting', { bodyIds: ['pcc-a', 'pcc-a', 'no spaces', 7] }),
      );
      expect(fieldsOf(problems)).toEqual(['bodyIds']);
      expect(messagesFor(problems, 'bodyIds')).toEqual(['each value in bodyIds must be a string']);
      expect(
        messagesFor(
          problemsOf('ScheduleMeeting', valid('ScheduleMeeting', { bodyIds: ['pcc-a', 'pcc-a'] })),
          'bodyIds',
        ),
      ).toEqual(["All bodyIds's elements must be unique"]);
    });
  });

  describe('several bad fields at once', () => {
    it('lists every one of them', () => {
      const problems = problemsOf('RecordDecision', {
        proposalId: '',
        decisionId: 'd'.repeat(200),
        bodyId: 7,
        outcome: 'maybe',
        inPublic: 'yes',
        meetingId: null,
        rationale: '   ',
        extra: 1,
      });
      expect(fieldsOf(problems)).toEqual([
        'bodyId',
        'decisionId',
        'extra',
        'inPublic',
        'meetingId',
        'outcome',
        'proposalId',
        'rationale',
      ]);
    });

    it('names them all in the error message', () => {
      try {
        validateCommandData('CastVote', { voteEventId: 'v', personId: 1, option: 'x' });
        throw new Error('accepted');
      } catch (error) {
        expect(error).toBeInstanceOf(CommandValidationError);
        expect(error).toBeInstanceOf(Error);
        const e = error as CommandValidationError;
        expect(e.name).toBe('CommandValidationError');
        expect(e.commandType).toBe('CastVote');
        expect(fieldsOf(e.problems)).toEqual(['bodyId', 'option', 'personId']);
        expect(e.message).toMatch(/^Invalid CastVote data: /);
        for (const field of ['bodyId', 'option', 'personId']) expect(e.message).toContain(`${field}:`);
      }
    });
  });
});
