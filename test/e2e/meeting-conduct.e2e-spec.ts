import { OpenApiClient } from '../support/openapi-client';
import { startTestApp, type TestApp } from '../support/test-app';

const source = { kind: 'minutes', reference: 'meeting conduct test' };
const SECRET = 'CANARYexemptinterest';

/**
 * A Police and Crime Panel meeting recorded over HTTP as standing orders run it (quorum, times,
 * webcast, notice, an exclusion resolution, interests) and read back as a clerk and as the public.
 */
describe('meetings as standing orders run them, over HTTP', () => {
  let ctx: TestApp;
  let client: OpenApiClient;
  const record = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    client.call(operationId, { params, body: { ...body, source }, token: ctx.tokens.clerk });
  const ok = async (operationId: string, params: Record<string, string>, body: Record<string, unknown>) => {
    const res = await record(operationId, params, body);
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  };
  const members = ['m-a', 'm-b', 'm-c', 'm-d'];
  const attendee = (personId: string, attendance?: string) => ({
    personId,
    bodyId: 'panel',
    capacity: 'member',
    ...(attendance ? { attendance } : {}),
  });

  beforeAll(async () => {
    ctx = await startTestApp();
    client = await OpenApiClient.generate(ctx.app);
    await ok(
      'registerBody',
      {},
      {
        bodyId: 'panel',
        name: 'Police and Crime Panel',
        classification: 'committee',
        powers: 'decides',
        foundingDate: '2012-11-01',
        occurredAt: '2012-11-01',
      },
    );
    await ok(
      'createPost',
      { bodyId: 'panel' },
      { postId: 'member', label: 'Member', role: 'member', occurredAt: '2012-11-01' },
    );
    for (const personId of members) {
      await ok('registerPerson', {}, { personId, name: `Member ${personId}`, occurredAt: '2012-11-01' });
      await ok(
        'appointOfficeHolder',
        { bodyId: 'panel' },
        {
          membershipId: `${personId}-1`,
          postId: 'member',
          personId,
          startDate: '2012-11-01',
          occurredAt: '2012-11-01',
        },
      );
    }
    await ok(
      'setQuorum',
      { bodyId: 'panel' },
      { fraction: { numerator: 1, denominator: 2 }, occurredAt: '2012-11-02' },
    );
    await ok(
      'tableProposal',
      {},
      {
        proposalId: 'precept',
        title: 'The precept',
        description: 'The proposed precept',
        scope: ['finance'],
        tabledBy: 'panel',
        bodyId: 'panel',
        occurredAt: '2013-01-02',
      },
    );
    for (const [meetingId, day] of [
      ['pcp-feb', '2013-02-07'],
      ['pcp-mar', '2013-03-07'],
    ])
      await ok(
        'scheduleMeeting',
        {},
        {
          meetingId,
          title: `Panel ${day}`,
          bodyIds: ['panel'],
          scheduledFor: day,
          public: true,
          webcastUrl: 'https://example.org/webcast',
          documentsUrl: 'https://example.org/papers',
          occurredAt: '2013-01-10',
        },
      );
    await ok(
      'publishMeetingNotice',
      { meetingId: 'pcp-feb' },
      { publishedOn: '2013-01-31', reference: 'Agenda', occurredAt: '2013-01-31' },
    );
    await ok(
      'addAgendaItem',
      { meetingId: 'pcp-feb' },
      {
        itemId: 'item-5',
        title: 'The precept',
        proposalId: 'precept',
        exempt: false,
        occurredAt: '2013-02-01',
      },
    );
    await ok(
      'addAgendaItem',
      { meetingId: 'pcp-feb' },
      {
        itemId: 'item-7',
        title: `${SECRET}title`,
        exempt: true,
        exemptionReason: 'Paragraph 3',
        occurredAt: '2013-02-01',
      },
    );
    await ok(
      'recordMeetingHeld',
      { meetingId: 'pcp-feb' },
      {
        attendees: [attendee('m-a'), attendee('m-b'), attendee('m-c', 'absent'), attendee('m-d', 'recused')],
        startedAt: '2013-02-07T10:00:00Z',
        endedAt: '2013-02-07T12:00:00Z',
        occurredAt: '2013-02-07T10:00:00Z',
      },
    );
    await ok(
      'excludePublic',
      { meetingId: 'pcp-feb' },
      {
        itemIds: ['item-7'],
        paragraph: 3,
        publicInterestReason: 'Contract negotiations',
        occurredAt: '2013-02-07T11:00:00Z',
      },
    );
    await ok(
      'declareMeetingInterest',
      { meetingId: 'pcp-feb' },
      {
        personId: 'm-a',
        type: 'other',
        description: 'A county councillor',
        occurredAt: '2013-02-07T11:00:00Z',
      },
    );
    await ok(
      'declareMeetingInterest',
      { meetingId: 'pcp-feb' },
      {
        personId: 'm-b',
        itemId: 'item-7',
        type: 'pecuniary',
        description: `${SECRET}shares`,
        occurredAt: '2013-02-07T11:00:00Z',
      },
    );
    await ok(
      'recordMeetingHeld',
      { meetingId: 'pcp-mar' },
      { attendees: [attendee('m-a'), attendee('m-b', 'absent')], occurredAt: '2013-03-07T10:00:00Z' },
    );
    await ctx.settle();
  });
  afterAll(async () => ctx.stop());

  it('shows a clerk the quorum from the attendance, the times, the links, the notice, the resolution and every interest', async () => {
    const res = await client.call('getMeeting', {
      params: { meetingId: 'pcp-feb' },
      token: ctx.tokens.clerk,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      startedAt: '2013-02-07T10:00:00Z',
      endedAt: '2013-02-07T12:00:00Z',
      webcastUrl: 'https://example.org/webcast',
      documentsUrl: 'https://example.org/papers',
      quorum: {
        quorate: true,
        bodies: [{ bodyId: 'panel', required: 2, present: 2, quorate: true }],
        inquorateItems: ['item-7'],
      },
      notice: { publishedOn: '2013-01-31', clearDays: 6, clearWorkingDays: 4, met: false },
      exclusions: [
        { paragraph: 3, publicInterestReason: 'Contract negotiations', itemCount: 1, itemIds: ['item-7'] },
      ],
    });
    expect(res.body.interests).toHaveLength(2);
    const panel = await client.call('getBody', { params: { bodyId: 'panel' } });
    expect(panel.body.quorum).toEqual({ fraction: { numerator: 1, denominator: 2 } });
  });

  it('shows the public the resolution but not the items it covers, nor an interest declared on one', async () => {
    const res = await client.call('getMeeting', { params: { meetingId: 'pcp-feb' } });
    expect(res.status).toBe(200);
    expect(res.body.exclusions).toEqual([
      { paragraph: 3, publicInterestReason: 'Contract negotiations', itemCount: 1 },
    ]);
    expect(res.body.interests).toEqual([
      { personId: 'm-a', type: 'other', description: 'A county councillor' },
    ]);
    expect(res.body.quorum.inquorateItems).toEqual([]);
    const trail = await client.call('getAuditTrail', { params: { entity: 'meeting', id: 'pcp-feb' } });
    expect(trail.status).toBe(200);
    expect(trail.text).toContain('PublicExcluded');
    expect(JSON.stringify(res.body) + trail.text).not.toContain(SECRET);
    const clerkTrail = await client.call('getAuditTrail', {
      params: { entity: 'meeting', id: 'pcp-feb' },
      token: ctx.tokens.auditor,
    });
    expect(clerkTrail.text).toContain(SECRET);
  });

  it('refuses a vote at an inquorate meeting, naming who was missing, and writes nothing', async () => {
    const meeting = await client.call('getMeeting', { params: { meetingId: 'pcp-mar' } });
    expect(meeting.body.quorum).toMatchObject({ quorate: false, bodies: [{ required: 2, present: 1 }] });
    const res = await record(
      'openVote',
      {},
      {
        voteEventId: 'v-mar',
        proposalId: 'precept',
        meetingId: 'pcp-mar',
        question: 'That the precept be approved',
        bodyId: 'panel',
        occurredAt: '2013-03-07T11:00:00Z',
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.type).toBe('/problems/meeting-inquorate');
    expect(res.body.detail).toMatch(/1 of the 2 members of panel needed were present/);
    expect(
      (await client.call('getVote', { params: { voteEventId: 'v-mar' }, token: ctx.tokens.clerk })).status,
    ).toBe(404);
  });

  it('refuses a Schedule 12A paragraph outside 1 to 7 with a clear error', async () => {
    const res = await record(
      'excludePublic',
      { meetingId: 'pcp-feb' },
      { itemIds: ['item-7'], paragraph: 8, publicInterestReason: 'x', occurredAt: '2013-02-07T11:30:00Z' },
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/paragraph must not be greater than 7/);
  });

  it('reads a meeting recorded without any of this as before', async () => {
    await ok(
      'scheduleMeeting',
      {},
      {
        meetingId: 'plain',
        title: 'Plain',
        bodyIds: ['panel'],
        scheduledFor: '2013-04-01',
        public: true,
        occurredAt: '2013-03-20',
      },
    );
    await ctx.settle();
    const res = await client.call('getMeeting', { params: { meetingId: 'plain' } });
    // How its date is known and its publicity (issue 16) are part of every meeting's read.
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'agenda',
        'attendees',
        'bodies',
        'meetingId',
        'public',
        'publicity',
        'scheduledFor',
        'scheduledForApproximate',
        'scheduledForPrecision',
        'status',
        'title',
      ].sort(),
    );
    expect(res.body).toMatchObject({ public: true, publicity: 'public', scheduledForPrecision: 'day' });
  });
});
