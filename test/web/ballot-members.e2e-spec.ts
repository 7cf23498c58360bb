import type { Page } from 'playwright-core';
import type { WebFixture } from '../support/web-fixture';
import { startJourney } from '../support/web-journey';

/*
 * The ballot screen and the meeting console list the members of the meeting's day. A clerk who
 * records a meeting of 2012 long after sees who held a post then, not who holds one today.
 * Bug (fixed): both listed whoever held a post on the day the page was drawn (every term without
 * an end), so a 2012 vote listed a member appointed in 2014 and left out one who had gone since.
 */
describe("the ballot screen of a past meeting, in a real browser: the members of the meeting's day", () => {
  let web: WebFixture;
  let page: Page;
  startJourney('clerk', (journey) => {
    ({ web, page } = journey);
  });

  const source = { kind: 'test', reference: 'not from the reports: a browser test' };
  const body = 'ballot-members-council';

  /** A meeting of the council held on `day`, with a vote opened at it. */
  async function heldMeetingWithVote(meetingId: string, voteEventId: string, day: string) {
    await web.record(
      'scheduleMeeting',
      {},
      { meetingId, title: `Council meeting of ${day}`, bodyIds: [body], scheduledFor: day, occurredAt: day },
      source,
    );
    await web.record('recordMeetingHeld', { meetingId }, { attendees: [], occurredAt: day }, source);
    await web.record(
      'openVote',
      {},
      {
        voteEventId,
        proposalId: 'ballot-members-proposal',
        meetingId,
        question: `The question of ${day}`,
        bodyId: body,
        occurredAt: day,
      },
      source,
    );
  }

  const listed = async (path: string) => {
    await page.goto(path);
    return (await page.textContent('main')) ?? '';
  };

  it('lists the member who has since left and not the one appointed later; and the other way round today', async () => {
    await web.record(
      'registerBody',
      {},
      {
        bodyId: body,
        name: 'Ballot Members Council',
        classification: 'committee',
        powers: 'decides',
        foundingDate: '2010-01-01',
        occurredAt: '2010-01-01',
      },
      source,
    );
    await web.record(
      'createPost',
      { bodyId: body },
      { postId: 'member', label: 'Member of the council', role: 'member', occurredAt: '2010-01-01' },
      source,
    );
    const appoint = (personId: string, startDate: string) =>
      web.record(
        'appointOfficeHolder',
        { bodyId: body },
        { membershipId: `${personId}-term`, postId: 'member', personId, startDate, occurredAt: startDate },
        source,
      );
    await web.record(
      'registerPerson',
      {},
      { personId: 'ada-earlier', name: 'Ada Earlier', occurredAt: '2010-01-01' },
      source,
    );
    await web.record(
      'registerPerson',
      {},
      { personId: 'bea-later', name: 'Bea Later', occurredAt: '2010-01-01' },
      source,
    );
    // In the order they happened: Ada serves until April 2014, Bea from May.
    await appoint('ada-earlier', '2010-01-01');
    await web.record(
      'recordOfficeHolderLeft',
      { bodyId: body, membershipId: 'ada-earlier-term' },
      { endDate: '2014-04-30', occurredAt: '2014-04-30' },
      source,
    );
    await appoint('bea-later', '2014-05-01');
    await web.record(
      'tableProposal',
      {},
      {
        proposalId: 'ballot-members-proposal',
        title: 'A proposal voted on in 2012 and in 2015',
        description: 'For the ballot screen test.',
        scope: ['test'],
        tabledBy: body,
        bodyId: body,
        occurredAt: '2011-01-01',
      },
      source,
    );
    await heldMeetingWithVote('ballot-members-2012', 'ballot-members-vote-2012', '2012-06-01');
    await heldMeetingWithVote('ballot-members-2015', 'ballot-members-vote-2015', '2015-06-01');
    await web.ctx.settle();

    // Not held yet: its console offers the members of its day as attendees.
    await web.record(
      'scheduleMeeting',
      {},
      {
        meetingId: 'ballot-members-2013',
        title: 'Council meeting of 2013',
        bodyIds: [body],
        scheduledFor: '2013-03-01',
        occurredAt: '2013-01-01',
      },
      source,
    );
    await web.ctx.settle();
    const names = async (path: string) => {
      const text = await listed(path);
      return { path, ada: text.includes('Ada Earlier'), bea: text.includes('Bea Later') };
    };
    for (const path of [
      '/console/meetings/ballot-members-2012/votes/ballot-members-vote-2012',
      '/console/meetings/ballot-members-2013',
    ])
      expect(await names(path)).toEqual({ path, ada: true, bea: false });
    const today = '/console/meetings/ballot-members-2015/votes/ballot-members-vote-2015';
    expect(await names(today)).toEqual({ path: today, ada: false, bea: true });
    // Ada's ballot in 2012 is taken from the screen and recorded: the decider agrees she was a member.
    await page.goto('/console/meetings/ballot-members-2012/votes/ballot-members-vote-2012');
    await page.check(`input[name="option:ada-earlier:${body}"][value="yes"]`);
    // The form offers the meeting's day as the date each ballot is checked on.
    expect(await page.inputValue('[name=occurredAt]')).toBe('2012-06-01');
    expect(await page.textContent('[data-testid=members-on]')).toContain('1 June 2012');
    await page.fill('[name="source.kind"]', source.kind);
    await page.fill('[name="source.reference"]', source.reference);
    await Promise.all([
      page.waitForURL('**/console/meetings/ballot-members-2012?recorded=CastVote'),
      page.click('button:has-text("Record the ballots")'),
    ]);
    const vote = await web.json('/votes/ballot-members-vote-2012');
    expect(
      vote.votes.map((v: { person: { id: string }; option: string }) => [v.person.id, v.option]),
    ).toEqual([['ada-earlier', 'yes']]);
  });
});
