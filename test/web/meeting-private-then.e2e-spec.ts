import type { Page } from 'playwright-core';
import type { WebFixture } from '../support/web-fixture';
import { axeCheck, startJourney } from '../support/web-journey';

/*
 * A meeting recorded as held in private, then corrected to public: the register said it was
 * private until the correction was recorded. Drawn as the ledger knew it before then (`knownAt`),
 * its page shows the public what the JSON read at that cut shows (that a private meeting took
 * place: "Private meeting", its bodies and dates) and withholds what the read withholds (its
 * title, agenda, attendance, chair and record); drawn now, it shows the meeting whole.
 */
const MEETING = 'private-then-herts-2013-07';
const BASE = `/register/meetings/${MEETING}`;
const TITLE = 'PRIVATE-THEN-CANARY Hertfordshire PCC: July meeting';
const ITEM = 'PRIVATE-THEN-CANARY The control room';
const DAY = 86_400_000;
const SOURCE = { kind: 'test', reference: 'not from the reports: a browser test' };

describe('a meeting private as the ledger knew it then, public now', () => {
  let web: WebFixture;
  let page: Page;
  /** Between the recording of the meeting and of its correction. */
  let knownBefore: string;
  startJourney('the public', (journey) => {
    ({ web, page } = journey);
  });
  const check = axeCheck(() => web);
  const text = async (selector: string) => (await page.innerText(selector)).trim();
  const record = async (
    operationId: string,
    params: Record<string, string>,
    body: Record<string, unknown>,
  ) => {
    const res = await web.client.call(operationId, {
      params,
      body: { ...body, source: SOURCE },
      token: web.ctx.tokens.clerk,
    });
    if (res.status !== 201) throw new Error(`${operationId}: ${res.status} ${JSON.stringify(res.body)}`);
    return (res.body.events as Array<{ id: string }>).map((e) => e.id);
  };

  beforeAll(async () => {
    // Recorded on the register's own days, after the story: the correction two days after the meeting.
    const now = Date.now();
    web.ctx.setClock(new Date(now + DAY).toISOString());
    const [scheduled] = await record(
      'scheduleMeeting',
      {},
      {
        meetingId: MEETING,
        title: TITLE,
        bodyIds: ['pcc-hertfordshire'],
        scheduledFor: '2013-07-01',
        public: false,
        occurredAt: '2013-06-15',
      },
    );
    await record(
      'addAgendaItem',
      { meetingId: MEETING },
      { itemId: 'item-1', title: ITEM, exempt: false, occurredAt: '2013-06-16' },
    );
    await record(
      'recordMeetingHeld',
      { meetingId: MEETING },
      {
        attendees: [{ personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'chair' }],
        chair: { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'chair' },
        occurredAt: '2013-07-01',
      },
    );
    knownBefore = new Date(now + 2 * DAY).toISOString().slice(0, 10);
    web.ctx.setClock(new Date(now + 3 * DAY).toISOString());
    await record(
      'correctEvent',
      {},
      {
        stream: `meeting-${MEETING}`,
        eventId: scheduled,
        reason: 'The minutes show it was held in public',
        changes: { public: true },
        occurredAt: '2013-09-01',
      },
    );
    web.ctx.setClock(undefined);
    await web.ctx.settle();
  });

  it('reads as the JSON API reads it then: a private meeting, and nothing more', async () => {
    const then = await web.json(`/meetings/${MEETING}?knownAt=${knownBefore}`);
    expect([then.title, then.publicity]).toEqual(['Private meeting', 'private']);
    expect(then.agenda).toBeUndefined();
    expect(then.attendees).toBeUndefined();
    expect(then.chair).toBeUndefined();
    expect((await page.goto(`${BASE}?knownAt=${knownBefore}`))?.status()).toBe(200);
    expect(await text('h1')).toBe('Private meeting');
    expect(await page.title()).toContain('Private meeting');
    expect(await text('[data-testid=publicity]')).toBe('No: held in private');
    expect(await text('[data-testid=private-notice]')).toContain('This meeting was held in private.');
    const html = await page.content();
    expect(html).not.toContain('PRIVATE-THEN-CANARY');
    // Nor who was there: the read gives no attendance and no chair.
    expect(await text('main')).not.toMatch(/David Lloyd|Chair/);
    expect(
      await page.locator('[data-testid=agenda], [data-testid=attendance], [data-testid=timeline]').count(),
    ).toBe(0);
    await check(page, 'meeting-private-then');
  });

  it('reads whole now, as the JSON API reads it', async () => {
    const now = await web.json(`/meetings/${MEETING}`);
    expect([now.title, now.publicity]).toEqual([TITLE, 'public']);
    await page.goto(BASE);
    expect(await text('h1')).toBe(TITLE);
    expect(await text('[data-testid=agenda]')).toContain(ITEM);
    expect(await text('[data-testid=publicity]')).toBe('Yes');
  });
});
