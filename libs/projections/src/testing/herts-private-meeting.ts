import type { RecordableCommand } from '@ledger/recording';

/** The id of a private meeting of Hertfordshire's PCC, held on 2 March 2013, that specs add to the story. */
export const HERTS_PRIVATE_MEETING = 'herts-private';

/**
 * Schedules and holds HERTS_PRIVATE_MEETING (David Lloyd attending): what a spec records at it is
 * withheld from the public.
 */
export async function recordHertsPrivateMeeting(
  record: (command: RecordableCommand, occurredAt: string) => Promise<unknown>,
): Promise<void> {
  await record(
    {
      type: 'ScheduleMeeting',
      data: {
        meetingId: HERTS_PRIVATE_MEETING,
        title: 'Hertfordshire PCC: support services (private)',
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-03-02',
        public: false,
      },
    },
    '2013-02-20T09:00:00Z',
  );
  await record(
    {
      type: 'RecordMeetingHeld',
      data: {
        meetingId: HERTS_PRIVATE_MEETING,
        attendees: [
          { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'Police and Crime Commissioner' },
        ],
      },
    },
    '2013-03-02T10:00:00Z',
  );
}
