import { allianceDecider } from '../alliances/alliance.decider';
import { bodyDecider } from '../bodies/body.decider';
import { documentDecider } from '../documents/document.decider';
import { meetingDecider } from '../meetings/meeting.decider';
import { proposalDecider } from '../proposals/proposal.decider';
import {
  allianceFormed,
  bodyRegistered,
  decisionRecorded,
  meetingScheduled,
  proposalTabled,
} from '../testing/builders';
import { CLAIM_ID, correct, correctable, corrected, DECISION_ID } from '../testing/corrections.fixtures';
import { spec } from '../testing/given-when-then';

/*
 * A corrected event is still a valid event of its type: each field a correction changes holds a
 * value that type allows. Given events are ids 'given-0', 'given-1', … in order (see spec()).
 */
const proposal = () => correctable({ inPublic: undefined });

describe('a correction leaves a valid event of its type (correction-invalid-value)', () => {
  it('refuses an outcome no decision can have, saying which are allowed', () => {
    proposal()
      .when(correct(DECISION_ID, { outcome: 'maybe' }))
      .thenFails(
        'correction-invalid-value',
        /DecisionRecorded\.outcome cannot be "maybe": it must be one of approve, reject, defer, award-contract, sign-contract, rescind, revoke/,
      );
  });

  // Optional on a body, a founding date is required on an alliance: its members' terms start there.
  it("refuses to take out an alliance's founding date, which a body may leave unstated", () => {
    spec(allianceDecider)
      .given([allianceFormed({ memberIds: ['pa', 'pb'] })])
      .when(correct('given-0', { foundingDate: null }))
      .thenFails('correction-invalid-value', /AllianceFormed\.foundingDate cannot be null/);
  });

  it('refuses a rationale that is not a text', () => {
    proposal()
      .when(correct(DECISION_ID, { rationale: 42 }))
      .thenFails('correction-invalid-value', /DecisionRecorded\.rationale cannot be 42: it must be a text/);
  });

  it('names every bad field at once', () => {
    proposal()
      .when(correct(DECISION_ID, { outcome: 'maybe', rationale: 42 }))
      .thenFails('correction-invalid-value', /outcome cannot be "maybe".*rationale cannot be 42/);
  });

  it('checks an optional field the original left out as that field is checked when recorded', () => {
    proposal()
      .when(correct(DECISION_ID, { inPublic: 'yes' }))
      .thenFails('correction-invalid-value', /inPublic cannot be "yes": it must be true or false/);
    proposal()
      .when(correct(DECISION_ID, { reference: 7 }))
      .thenFails('correction-invalid-value', /reference cannot be 7: it must be a text/);
  });

  it('takes null back out of an optional field, never out of a required one', () => {
    proposal()
      .when(correct(DECISION_ID, { inPublic: null }))
      .then(corrected(DECISION_ID, { inPublic: null }));
    proposal()
      .when(correct(DECISION_ID, { rationale: null }))
      .thenFails('correction-invalid-value', /rationale cannot be null: it must be a text/);
    proposal()
      .when(correct(DECISION_ID, { outcome: null }))
      .thenFails('correction-invalid-value', /outcome cannot be null/);
  });

  it('takes out an optional field recorded by mistake (a chair, a time, a publication date), as its rule allows', () => {
    const held = {
      type: 'MeetingHeld' as const,
      data: {
        meetingId: 'm',
        attendees: [],
        chair: { personId: 'p', bodyId: 'pa', capacity: 'chair' },
        startedAt: '2013-02-01T10:00:00Z',
      },
    };
    const out = { chair: null, startedAt: null };
    spec(meetingDecider)
      .given([meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] }), held])
      .when(correct('given-1', out))
      .then(corrected('given-1', out));
    spec(proposalDecider)
      .given([
        proposalTabled(),
        decisionRecorded({ decisionId: 'd', bodyId: 'pa', publishedOn: '2013-02-01' }),
      ])
      .when(correct('given-1', { publishedOn: null }))
      .then(corrected('given-1', { publishedOn: null }));
  });

  it.each([
    [{ amount: 'lots' }, /amount cannot be "lots": it must be a number, 0 or more/],
    [{ amount: -1 }, /amount cannot be -1/],
    [
      { qualifier: 'roughly' },
      /qualifier cannot be "roughly": it must be one of exactly, about, up-to, more-than/,
    ],
    [{ statement: '   ' }, /statement cannot be " {3}": it must be a text, not blank/],
    [{ statement: null }, /statement cannot be null/],
  ])('refuses a claim corrected to %j', (changes, message) => {
    proposal().when(correct(CLAIM_ID, changes)).thenFails('correction-invalid-value', message);
  });

  it('still takes a correction whose values are allowed', () => {
    const changes = { outcome: 'reject', rationale: 'As the minutes say.', inPublic: false };
    proposal().when(correct(DECISION_ID, changes)).then(corrected(DECISION_ID, changes));
  });

  it('checks dates, and the values inside a list of attendees', () => {
    const meeting = () => spec(meetingDecider).given([meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] })]);
    meeting()
      .when(correct('given-0', { scheduledFor: 'next Tuesday' }))
      .thenFails(
        'correction-invalid-value',
        /MeetingScheduled\.scheduledFor cannot be "next Tuesday": it must be a year/,
      );
    meeting()
      .when(correct('given-0', { scheduledFor: '2013-02' }))
      .then(corrected('given-0', { scheduledFor: '2013-02' }));
    spec(meetingDecider)
      .given([
        meetingScheduled({ meetingId: 'm', bodyIds: ['pa'] }),
        { type: 'MeetingHeld', data: { meetingId: 'm', attendees: [{ capacity: 'chair' }] } },
      ])
      .when(correct('given-1', { attendees: [{ capacity: 'chair', attendance: 'asleep' }] }))
      .thenFails('correction-invalid-value', /MeetingHeld\.attendees cannot be .*present, absent, recused/);
  });

  it('checks a body’s classification and a document’s visibility against their lists', () => {
    spec(bodyDecider)
      .given([bodyRegistered('pa')])
      .when(correct('given-0', { powers: 'rules' }))
      .thenFails(
        'correction-invalid-value',
        /BodyRegistered\.powers cannot be "rules": it must be one of decides, advises, none/,
      );
    spec(documentDecider)
      .given([
        {
          type: 'DocumentRecorded',
          data: {
            documentId: 'report',
            title: 'The report',
            kind: 'report',
            mediaType: 'application/pdf',
            sha256: 'a'.repeat(64),
            size: 1024,
            publishedAt: '2013-01-30',
            visibility: 'public',
          },
        },
      ])
      .when(correct('given-0', { visibility: 'secret' }))
      .thenFails(
        'correction-invalid-value',
        /DocumentRecorded\.visibility cannot be "secret": it must be one of public, exempt/,
      );
  });
});
