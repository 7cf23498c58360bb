import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Over HTTP, a clerk's retraction of a meeting's record of attendance (its holding) while a vote
 * opened at the meeting still stands in its own record is refused: a 422 problem with the rule's
 * code (`retraction-leaves-dependent`) whose detail names the vote's opening (its type, event id
 * and stream), so the clerk knows what to retract first; and nothing is written.
 */
describe('a retraction that would leave an entry of another record resting on it, over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const source = { kind: 'minutes', reference: 'Minutes of the authority' };
  const write = async (operationId: string, body: object, params: Record<string, string> = {}) => {
    const res = await client.call(operationId, {
      params,
      body: { source, ...body },
      token: ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.events as Array<{ id: string }>).map((e) => e.id);
  };
  const retract = (stream: string, eventId: string) =>
    client.call('retractEvent', {
      body: {
        source,
        stream,
        eventId,
        reason: 'Recorded against the wrong meeting',
        occurredAt: '2012-12-01',
      },
      token: ctx.tokens.clerk,
    });
  let held: string;
  let opening: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await write('registerBody', {
      bodyId: 'pa',
      name: 'Police Authority',
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '2010-01-01',
      occurredAt: '2010-01-01',
    });
    await write('scheduleMeeting', {
      meetingId: 'm',
      title: 'Authority meeting',
      bodyIds: ['pa'],
      scheduledFor: '2012-06-01',
      occurredAt: '2012-05-01',
    });
    [held] = await write(
      'recordMeetingHeld',
      { attendees: [], occurredAt: '2012-06-01' },
      { meetingId: 'm' },
    );
    await write('tableProposal', {
      proposalId: 'p',
      title: 'Outsource the back office',
      description: 'Support services to a contractor.',
      scope: ['HR'],
      tabledBy: 'pa',
      bodyId: 'pa',
      occurredAt: '2012-03-01',
    });
    [opening] = await write('openVote', {
      voteEventId: 'v',
      proposalId: 'p',
      meetingId: 'm',
      question: 'Proceed?',
      bodyId: 'pa',
      occurredAt: '2012-06-01',
    });
  });
  afterAll(async () => ctx.stop());

  it('answers 422 with the rule and the vote’s opening named, and writes nothing', async () => {
    const head = await ctx.store.head();
    const res = await retract('meeting-m', held);
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'retraction-leaves-dependent',
      rule: 'retraction-leaves-dependent',
    });
    expect(res.body.detail).toContain(`MeetingHeld ${held} of 2012-06-01 cannot be retracted`);
    expect(res.body.detail).toContain(`VoteOpened ${opening} of 2012-06-01 in vote-v was taken at meeting m`);
    expect(await ctx.store.head()).toBe(head);
    const meeting = [];
    for await (const e of ctx.store.readStream('meeting-m')) meeting.push(e.type);
    expect(meeting).toEqual(['MeetingScheduled', 'MeetingHeld']);
  });

  it('takes it once the vote’s opening is retracted first', async () => {
    expect((await retract('vote-v', opening)).status).toBe(201);
    expect((await retract('meeting-m', held)).status).toBe(201);
  });
});
