type RecordStep = (
  operationId: string,
  params: Record<string, string>,
  body: Record<string, unknown>,
  occurredAt?: string,
) => Promise<{ eventIds: string[] }>;

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Late-found meeting facts (issue 16), for the time-travel and leak properties: a public meeting
 * held on a day given approximately, an agenda item added forty days on, then minutes found
 * later and dated twenty days after the meeting, then its notice recorded last, dated the day it
 * was scheduled. Both are dated before the meeting's latest entry; every as-of view must count
 * each from its own date. Followed up, the minutes are corrected or the notice retracted, after
 * the meeting's latest entry (a correction keeps the order of the entries that change state).
 */
export async function recordLateMeetingEpisode(
  record: RecordStep,
  ledger: { meetings: string[] },
  at: { day: number; meetingId: string; proposalId: string; followUp: 'none' | 'correct' | 'retract' },
): Promise<void> {
  const { day, meetingId, proposalId } = at;
  ledger.meetings.push(meetingId);
  await record(
    'scheduleMeeting',
    {},
    {
      meetingId,
      title: `Minuted late ${meetingId}`,
      bodyIds: ['pa-a'],
      scheduledFor: dayOf(day + DAY),
      public: true,
    },
  );
  await record(
    'recordMeetingHeld',
    { meetingId },
    { attendees: [], heldOnApproximate: true },
    dayOf(day + DAY),
  );
  await record(
    'addAgendaItem',
    { meetingId },
    { itemId: 'later', title: `Added later ${meetingId}`, proposalId, exempt: false },
    new Date(day + 40 * DAY).toISOString(),
  );
  const minutes = await record(
    'approveMinutes',
    { meetingId },
    { minutesReference: `Minutes of ${meetingId}, found later` },
    dayOf(day + 20 * DAY),
  );
  const notice = await record(
    'publishMeetingNotice',
    { meetingId },
    { publishedOn: dayOf(day), reference: `Notice of ${meetingId}` },
    new Date(day).toISOString(),
  );
  const after = new Date(day + 41 * DAY).toISOString();
  const stream = `meeting-${meetingId}`;
  if (at.followUp === 'correct' && minutes.eventIds.length > 0)
    await record(
      'correctEvent',
      {},
      {
        stream,
        eventId: minutes.eventIds[0],
        reason: 'The reference was mistyped',
        changes: { minutesReference: `Minutes of ${meetingId}` },
      },
      after,
    );
  if (at.followUp === 'retract' && notice.eventIds.length > 0)
    await record(
      'retractEvent',
      {},
      { stream, eventId: notice.eventIds[0], reason: 'Another meeting’s notice' },
      after,
    );
}
