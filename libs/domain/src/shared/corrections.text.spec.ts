import { meetingDecider } from '../meetings/meeting.decider';
import { meetingScheduled } from '../testing/builders';
import { correct, correctable, corrected, DECISION_ID } from '../testing/corrections.fixtures';
import { spec } from '../testing/given-when-then';
import { voteDecider } from '../votes/vote.decider';
import { holdsOneLine } from './field-values';

/*
 * A correction's changed values are held to the text rules the field's own command is held to at
 * the edge (text-hygiene.ts): well-formed Unicode, no control or bidi override characters, and one
 * line in a field that holds one (ids, names, titles, labels). The edge cannot judge the last for
 * `changes`, a free-form object whose fields are those of whatever event is corrected: the domain
 * knows the event. Given events are ids 'given-0', 'given-1', … in order (see spec()).
 */
const TABLED = 'given-0';
const proposal = () => correctable();

describe("a correction's changed text is held to the rules of the field's command (correction-invalid-value)", () => {
  it('refuses a line break in a title, naming the field, the character and where it is', () => {
    proposal()
      .when(correct(TABLED, { title: 'Outsource\nthe back office' }))
      .thenFails(
        'correction-invalid-value',
        /ProposalTabled\.title must be one line: it has a line feed \(U\+000A\) at character 10/,
      );
  });

  it.each([
    ['a carriage return', 'Outsource\r\nit', /a carriage return \(U\+000D\)/],
    ['a tab', 'Outsource\tit', /a tab \(U\+0009\)/],
    ['a line separator', 'Outsource\u2028it', /a line separator \(U\+2028\)/],
  ])('refuses %s in a title', (_, title, message) => {
    proposal()
      .when(correct(TABLED, { title }))
      .thenFails(
        'correction-invalid-value',
        new RegExp(`ProposalTabled\\.title must be one line: it has ${message.source}`),
      );
  });

  it('refuses a control character in a title', () => {
    proposal()
      .when(correct(TABLED, { title: 'Out\u0007source' }))
      .thenFails(
        'correction-invalid-value',
        /ProposalTabled\.title has the control character U\+0007 at character 4; text may hold no control characters but tab, line feed and carriage return/,
      );
  });

  it('refuses a lone surrogate in a title', () => {
    proposal()
      .when(correct(TABLED, { title: 'Out\ud800source' }))
      .thenFails(
        'correction-invalid-value',
        /ProposalTabled\.title is not well-formed Unicode: it has a lone surrogate \(U\+D800\) at character 4/,
      );
  });

  it('refuses a control character or a bidi override in free text, which keeps its line breaks', () => {
    proposal()
      .when(correct(DECISION_ID, { rationale: 'As the minutes say\u0000' }))
      .thenFails('correction-invalid-value', /DecisionRecorded\.rationale has the control character U\+0000/);
    proposal()
      .when(correct(DECISION_ID, { rationale: 'As the \u202eminutes say' }))
      .thenFails(
        'correction-invalid-value',
        /DecisionRecorded\.rationale has U\+202E RIGHT-TO-LEFT OVERRIDE at character 8, which reorders what a reader sees/,
      );
    const changes = { rationale: 'As the minutes say.\r\n\r\n\tThe second paragraph.' };
    proposal().when(correct(DECISION_ID, changes)).then(corrected(DECISION_ID, changes));
  });

  it('judges a list item and a nested field by the field that holds them, naming each by its path', () => {
    proposal()
      .when(correct(TABLED, { scope: ['HR', 'I\tCT'] }))
      .thenFails('correction-invalid-value', /ProposalTabled\.scope\[1\] must be one line: it has a tab/);
    const held = {
      type: 'MeetingHeld' as const,
      data: { meetingId: 'm', attendees: [], chair: { personId: 'p', bodyId: 'pa', capacity: 'chair' } },
    };
    spec(meetingDecider)
      .given([meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] }), held])
      .when(correct('given-1', { chair: { personId: 'p', bodyId: 'pa', capacity: 'chair\nof the day' } }))
      .thenFails(
        'correction-invalid-value',
        /MeetingHeld\.chair\.capacity must be one line: it has a line feed/,
      );
  });

  it('names every bad field at once, with those of the wrong kind', () => {
    spec(meetingDecider)
      .given([meetingScheduled({ meetingId: 'm', bodyIds: ['pa'], title: 'The meeting' })])
      .when(correct('given-0', { title: 'The\nmeeting', place: 'Hall\u0007', public: 'yes' }))
      .thenFails(
        'correction-invalid-value',
        /MeetingScheduled\.title must be one line.*; MeetingScheduled\.place has the control character U\+0007.*; MeetingScheduled\.public cannot be "yes"/,
      );
  });

  it('takes a line break where the command takes one: a meeting’s place, written as an address', () => {
    const changes = { place: 'Shire Hall\nCastle Hill\nCambridge' };
    spec(meetingDecider)
      .given([meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] })])
      .when(correct('given-0', changes))
      .then(corrected('given-0', changes));
  });

  it("judges a field by the event it is in: a vote's question is one line, a public question free text", () => {
    const opened = {
      type: 'VoteOpened' as const,
      data: {
        voteEventId: 'v',
        proposalId: 'proposal',
        meetingId: 'm',
        question: 'Approve the outsourcing?',
        bodyId: 'pa',
        rule: { kind: 'majority' as const, quorum: 1, chairHasCastingVote: true },
        votingBodyIds: ['pa'],
      },
    };
    spec(voteDecider)
      .given([opened])
      .when(correct('given-0', { question: 'Approve\nthe outsourcing?' }))
      .thenFails('correction-invalid-value', /VoteOpened\.question must be one line/);
    expect(holdsOneLine('VoteOpened', 'question')).toBe(true);
    expect(holdsOneLine('PublicQuestionAsked', 'question')).toBe(false);
  });

  it('still takes a clean correction of a one-line field', () => {
    const changes = { title: 'Outsource the back office and ICT' };
    proposal().when(correct(TABLED, changes)).then(corrected(TABLED, changes));
  });
});
