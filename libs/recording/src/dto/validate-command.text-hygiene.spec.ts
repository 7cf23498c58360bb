import { fieldsOf, messagesFor, problemsOf, valid } from './testing/command-problems';
import { validateCommandData } from './validate-command';

/**
 * Every string of a command, whatever its field (ids, names, free text, a correction's free-form
 * changes, keys), is well-formed Unicode with no control or bidi control characters; one-line
 * fields hold no line break or tab. The CLI, the HTTP API and the web console all come here.
 */
describe('validateCommandData: the text of a command', () => {
  it('refuses a lone surrogate in a name, naming the field', () => {
    const problems = problemsOf('RegisterPerson', valid('RegisterPerson', { name: 'lone \ud800 surrogate' }));
    expect(problems).toEqual([
      {
        field: 'name',
        messages: ['name is not well-formed Unicode: it has a lone surrogate (U+D800) at character 6'],
      },
    ]);
  });

  it.each([
    ['NUL', '\u0000'],
    ['BEL', '\u0007'],
    ['DEL', '\u007f'],
    ['NEL', '\u0085'],
  ])('refuses %s in a name', (_, char) => {
    const problems = problemsOf('RegisterPerson', valid('RegisterPerson', { name: `Graham${char}Bright` }));
    expect(fieldsOf(problems)).toEqual(['name']);
    expect(messagesFor(problems, 'name')).toEqual([expect.stringMatching(/^name has the control character/)]);
  });

  it('refuses bad text at any depth: a nested object, a list item, free text, an id', () => {
    const nested = problemsOf(
      'RecordMeetingHeld',
      valid('RecordMeetingHeld', {
        chair: { personId: 'graham-bright', bodyId: 'pcc-cambridgeshire', capacity: 'chair\u0000' },
      }),
    );
    expect(fieldsOf(nested)).toEqual(['chair.capacity']);
    expect(
      fieldsOf(problemsOf('TableProposal', valid('TableProposal', { scope: ['HR', 'ICT\u202e'] }))),
    ).toEqual(['scope[1]']);
    expect(
      fieldsOf(problemsOf('WithdrawProposal', valid('WithdrawProposal', { reason: 'Abandoned\u0007' }))),
    ).toEqual(['reason']);
    // An id is also refused by its pattern: both are said, on the one field.
    expect(fieldsOf(problemsOf('RegisterPerson', valid('RegisterPerson', { personId: 'a\u0000' })))).toEqual([
      'personId',
    ]);
  });

  it("refuses bad text in a correction's free-form changes, in a value and in a key", () => {
    const value = problemsOf(
      'CorrectEvent',
      valid('CorrectEvent', { changes: { note: { nested: ['x\ud800'] } } }),
    );
    expect(fieldsOf(value)).toEqual(['changes.note.nested[0]']);
    const key = problemsOf(
      'CorrectEvent',
      valid('CorrectEvent', { changes: { 'na\u202eme': 'x', amount: 1 } }),
    );
    expect(key).toEqual([
      {
        field: 'changes["na\u202eme"]',
        messages: [expect.stringMatching(/^the key "na\u202eme" has U\+202E RIGHT-TO-LEFT OVERRIDE/)],
      },
    ]);
  });

  it.each([
    ['RegisterPerson', 'name'],
    ['RegisterBody', 'name'],
    ['TableProposal', 'title'],
    ['ApproveMinutes', 'minutesReference'],
    ['RecordClaim', 'claimant'],
  ] as const)('refuses a line break or a tab in the one-line %s.%s', (type, field) => {
    for (const text of ['a\nb', 'a\r\nb', 'a\tb', 'a\u2028b']) {
      const problems = problemsOf(type, valid(type, { [field]: text }));
      expect(fieldsOf(problems)).toEqual([field]);
      expect(messagesFor(problems, field)).toEqual([
        expect.stringMatching(new RegExp(`^${field} must be one line`)),
      ]);
    }
  });

  it('refuses a line break in a one-line list item, naming the item', () => {
    const problems = problemsOf('TableProposal', valid('TableProposal', { scope: ['HR', 'ICT\nand more'] }));
    expect(problems).toEqual([
      {
        field: 'scope',
        messages: [expect.stringMatching(/^scope\[1\] must be one line: it has a line feed/)],
      },
    ]);
  });

  it.each([
    ['WithdrawProposal', 'reason'],
    ['RecordClaim', 'statement'],
    ['TableProposal', 'description'],
    ['ScheduleMeeting', 'place'],
    ['RecordMeetingHeld', 'place'],
  ] as const)('keeps line breaks and tabs in the free text (and in an address) %s.%s', (type, field) => {
    const text = 'First paragraph.\r\n\r\n\tSecond paragraph.\nThird.';
    expect(validateCommandData(type, valid(type, { [field]: text }))).toMatchObject({ [field]: text });
  });

  it('refuses the bidi controls in free text as in names', () => {
    for (const char of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(fieldsOf(problemsOf('RecordClaim', valid('RecordClaim', { statement: `x${char}y` })))).toEqual([
        'statement',
      ]);
      expect(fieldsOf(problemsOf('RegisterPerson', valid('RegisterPerson', { name: `x${char}y` })))).toEqual([
        'name',
      ]);
    }
  });

  it('takes real names and quotes: accents, Welsh, curly quotes, dashes, right-to-left text with its marks, emoji', () => {
    for (const name of ['Siân Ŵyn-Jones', '‘Bob’ O’Neill — “Chair”', 'אבי\u200fכהן', 'Ali 👍🏽 Khan'])
      expect(validateCommandData('RegisterPerson', valid('RegisterPerson', { name }))).toMatchObject({
        name,
      });
  });
});
