/** How a spec records a command over HTTP (WebFixture.record with the spec's own source). */
export type RecordCall = (
  operationId: string,
  params: Record<string, string>,
  body: Record<string, unknown>,
) => Promise<unknown>;

export interface HertsPublicMeeting {
  meetingId: string;
  title: string;
  questionId: string;
  /** The proposal the public item is about, if any. */
  proposalId?: string;
  attendees: Array<Record<string, unknown>>;
  /** Who declares an interest in the exempt item, and what it is: the public must see neither. */
  exemptDeclarer: string;
  exemptInterest: string;
  /** Who answers the question, and the answer. */
  answeredBy: string;
  answer: string;
}

/**
 * A public meeting of the Hertfordshire PCC on 1 July 2013, held: a public item and an exempt
 * one, David Lloyd's interest in the public item and `exemptDeclarer`'s in the exempt one, and a
 * resident's question put to the PCC and to David Lloyd, answered by `answeredBy`. The pages'
 * specs read what it names (whom a question was put to, who answered, who declared what) as the
 * public and as auditors.
 */
export async function recordHertsPublicMeeting(call: RecordCall, m: HertsPublicMeeting): Promise<void> {
  const meeting = { meetingId: m.meetingId };
  await call(
    'scheduleMeeting',
    {},
    {
      meetingId: m.meetingId,
      title: m.title,
      bodyIds: ['pcc-hertfordshire'],
      scheduledFor: '2013-07-01',
      public: true,
      occurredAt: '2013-06-15',
    },
  );
  await call('addAgendaItem', meeting, {
    itemId: 'item-1',
    title: 'The control room',
    ...(m.proposalId ? { proposalId: m.proposalId } : {}),
    exempt: false,
    occurredAt: '2013-06-16',
  });
  await call('addAgendaItem', meeting, {
    itemId: 'item-2',
    title: 'Staffing terms',
    exempt: true,
    exemptionReason: 'Paragraph 1',
    occurredAt: '2013-06-16',
  });
  await call('recordMeetingHeld', meeting, { attendees: m.attendees, occurredAt: '2013-07-01T10:00:00Z' });
  await call('declareMeetingInterest', meeting, {
    itemId: 'item-1',
    personId: 'david-lloyd',
    type: 'other',
    description: 'Lives in the county',
    dispensation: { grantedBy: 'Standards Committee', reason: 'Shared by every resident' },
    occurredAt: '2013-07-01T10:05:00Z',
  });
  await call('declareMeetingInterest', meeting, {
    itemId: 'item-2',
    personId: m.exemptDeclarer,
    type: 'pecuniary',
    description: m.exemptInterest,
    occurredAt: '2013-07-01T10:06:00Z',
  });
  await call(
    'askPublicQuestion',
    {},
    {
      questionId: m.questionId,
      meetingId: m.meetingId,
      askedBy: 'A resident of Hitchin',
      askedOn: '2013-06-20',
      toBodyId: 'pcc-hertfordshire',
      toPersonId: 'david-lloyd',
      question: 'Will the control room stay?',
      occurredAt: '2013-07-01T10:10:00Z',
    },
  );
  await call(
    'answerPublicQuestion',
    { questionId: m.questionId },
    { answeredBy: m.answeredBy, answer: m.answer, occurredAt: '2013-07-01T10:15:00Z' },
  );
}
