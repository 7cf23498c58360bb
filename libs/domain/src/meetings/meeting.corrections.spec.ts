import { aBody, aPerson, bodiesById, meetingScheduled } from '../testing/builders';
import { refsOf, spec } from '../testing/given-when-then';
import { meetingDecider } from './meeting.decider';
import type { MeetingEvent } from './meeting.events';
import { correct, corrected } from '../testing/corrections.fixtures';

/*
 * A meeting's corrected entries keep the rules their commands keep: its chair held an office in
 * one of its bodies on the day, it ended after it started, its bodies existed when it was
 * scheduled, and what the ledger works out when it records an entry is not set by hand. The PCCs
 * were established on 22 November 2012; 'later' in 2013. Given events are 'given-0' (scheduled),
 * 'given-1', … in order.
 */
const pcc = aBody({
  bodyId: 'pcc',
  name: 'PCC',
  foundingDate: '2012-11-22',
  holders: [{ personId: 'olly', postId: 'commissioner', startDate: '2012-11-22' }],
});
const later = aBody({ bodyId: 'later', name: 'Later Body', foundingDate: '2013-06-01' });
const refs = refsOf({ body: bodiesById(pcc, later), person: { olly: aPerson('olly'), zed: aPerson('zed') } });

const DAY = '2013-01-31T00:00:00.000Z';
const scheduled = meetingScheduled({
  meetingId: 'm',
  bodyIds: ['pcc'],
  heldOn: '2013-01-31',
  scheduledAt: '2013-01-20',
});
const chair = { personId: 'olly', bodyId: 'pcc', capacity: 'chair' };
const held: MeetingEvent & { occurredAt: string } = {
  type: 'MeetingHeld',
  data: {
    meetingId: 'm',
    chair,
    attendees: [],
    startedAt: '2013-01-31T10:00:00Z',
    endedAt: '2013-01-31T12:00:00Z',
  },
  occurredAt: DAY,
};
const item = (exempt: boolean): MeetingEvent & { occurredAt: string } => ({
  type: 'AgendaItemAdded',
  data: {
    meetingId: 'm',
    itemId: 'i1',
    title: 'Terms',
    exempt,
    ...(exempt ? { exemptionReason: 'Para 3' } : {}),
  },
  occurredAt: DAY,
});
const meeting = (...events: Array<MeetingEvent & { occurredAt?: string }>) =>
  spec(meetingDecider).given([scheduled, ...events]);
const at = { at: '2013-03-01', refs };

describe('a corrected meeting', () => {
  it('refuses a chair corrected to someone who held no office in its bodies that day (not-office-holder)', () => {
    meeting(held)
      .when(correct('given-1', { chair: { ...chair, personId: 'zed' } }), at)
      .thenFails('not-office-holder', /MeetingHeld\.chair as corrected: zed held no post on PCC/);
  });

  it('refuses an end corrected to before its start (invalid-value)', () => {
    meeting(held)
      .when(correct('given-1', { endedAt: '2013-01-31T09:00:00Z' }), at)
      .thenFails('invalid-value', /cannot end .* before it started/);
  });

  it('refuses its bodies corrected to one not established when it was scheduled (body-not-established)', () => {
    meeting()
      .when(correct('given-0', { bodyIds: ['pcc', 'later'] }), at)
      .thenFails('body-not-established', /MeetingScheduled\.bodyIds as corrected: Later Body/);
  });

  it('refuses an item corrected to exempt without the ground for it, and takes it with one', () => {
    meeting(item(false))
      .when(correct('given-1', { exempt: true }), at)
      .thenFails('exemption-needs-reason', /AgendaItemAdded\.exempt as corrected/);
    meeting(item(false))
      .when(correct('given-1', { exempt: true, exemptionReason: 'Paragraph 3' }), at)
      .then(corrected('given-1', { exempt: true, exemptionReason: 'Paragraph 3' }));
  });

  it('refuses whether a declaration is on an exempt item set by hand (correction-invalid-value)', () => {
    const declared: MeetingEvent & { occurredAt: string } = {
      type: 'MeetingInterestDeclared',
      data: {
        meetingId: 'm',
        personId: 'olly',
        type: 'other',
        description: 'x',
        itemId: 'i1',
        onExemptItem: true,
      },
      occurredAt: DAY,
    };
    meeting(item(true), declared)
      .when(correct('given-2', { onExemptItem: false }), at)
      .thenFails('correction-invalid-value', /MeetingInterestDeclared\.onExemptItem cannot be false/);
  });
});
