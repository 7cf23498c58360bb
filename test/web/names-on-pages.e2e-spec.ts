import type { Page } from 'playwright-core';
import { HERTS_PROPOSAL } from '@ledger/domain';
import { PRIVATE_FIXTURE_MEETING } from '@ledger/recording/testing';
import { recordStagedDecisions } from '../support/staged-decisions';
import { recordHertsPublicMeeting } from '../support/herts-public-meeting';
import { decisionsRegisterRows, startWebFixture, type WebFixture } from '../support/web-fixture';

/*
 * Names, not ids, where the pages named people, bodies, posts, meetings and decisions by the ids
 * their events give: a question's addressee and who answered it, who declared an interest (at a
 * meeting and on a decision record), the officer who decided under delegation, the vote that
 * carried a decision, the decision a rescission undoes, and the posts a person held. Each name is
 * read as the page's reader may read it: the public learns no one's name from an interest declared
 * on an exempt item.
 */
const MEETING = 'names-herts-2013-07';
const PROPOSAL = 'names-control-room';
const DECISION = 'names-control-room-approval';
const VOTE = 'names-control-room-vote';
/** Named only on an interest in an exempt item: the public must never see this name. */
const EXEMPT_DECLARER = 'EXEMPT-DECLARER-CANARY Ivy Exempt';

describe('names, not ids, on the meeting, decision and person pages', () => {
  let web: WebFixture;
  const call = (operationId: string, params: Record<string, string>, body: Record<string, unknown>) =>
    web.record(operationId, params, body, { kind: 'minutes', reference: 'names browser test' });

  beforeAll(async () => {
    web = await startWebFixture();
    // The staged decisions: herts-final decided by Hannah Executive (herts-ceo) under delegation.
    await recordStagedDecisions(web.client, web.ctx);
    await call(
      'registerPerson',
      {},
      { personId: 'names-exempt', name: EXEMPT_DECLARER, occurredAt: '2013-06-01' },
    );
    await call(
      'createPost',
      { bodyId: 'pcc-hertfordshire' },
      {
        postId: 'chief-executive',
        label: 'Chief Executive of the OPCC',
        role: 'Chief Executive',
        occurredAt: '2013-02-01',
      },
    );
    await call(
      'appointOfficeHolder',
      { bodyId: 'pcc-hertfordshire' },
      {
        membershipId: 'herts-ceo-2013',
        postId: 'chief-executive',
        personId: 'herts-ceo',
        startDate: '2013-02-01',
        occurredAt: '2013-02-01',
      },
    );
    await call(
      'tableProposal',
      {},
      {
        proposalId: PROPOSAL,
        title: 'Keeping the control room in the county',
        description: 'A control room for Hertfordshire alone.',
        scope: ['control room'],
        tabledBy: 'pcc-hertfordshire',
        bodyId: 'pcc-hertfordshire',
        occurredAt: '2013-06-10',
      },
    );
    await recordHertsPublicMeeting(call, {
      meetingId: MEETING,
      title: 'Hertfordshire PCC: July decision meeting',
      questionId: 'names-q1',
      proposalId: PROPOSAL,
      attendees: [
        { personId: 'david-lloyd', bodyId: 'pcc-hertfordshire', capacity: 'PCC' },
        { capacity: 'observer' },
      ],
      exemptDeclarer: 'names-exempt',
      exemptInterest: 'A relative on the staff',
      answeredBy: 'herts-ceo',
      answer: 'Yes.',
    });
    await call(
      'openVote',
      {},
      {
        voteEventId: VOTE,
        proposalId: PROPOSAL,
        meetingId: MEETING,
        question: 'That the control room stays',
        bodyId: 'pcc-hertfordshire',
        occurredAt: '2013-07-01T10:20:00Z',
      },
    );
    await call(
      'castVote',
      { voteEventId: VOTE },
      {
        personId: 'david-lloyd',
        bodyId: 'pcc-hertfordshire',
        option: 'yes',
        occurredAt: '2013-07-01T10:21:00Z',
      },
    );
    await call('closeVote', { voteEventId: VOTE }, { occurredAt: '2013-07-01T10:22:00Z' });
    await call(
      'recordDecision',
      { proposalId: PROPOSAL },
      {
        decisionId: DECISION,
        bodyId: 'pcc-hertfordshire',
        postId: 'commissioner',
        personId: 'david-lloyd',
        outcome: 'approve',
        inPublic: true,
        meetingId: MEETING,
        voteEventId: VOTE,
        rationale: 'The county keeps its own control room.',
        interests: [{ personId: 'david-lloyd', type: 'other', description: 'Lives in the county' }],
        occurredAt: '2013-07-01T10:30:00Z',
      },
    );
    await web.ctx.settle();
  }, 180_000);
  afterAll(async () => web?.stop());

  /** A page as the public (no token) or signed in, closed after `look`. */
  async function as<T>(
    token: string | undefined,
    path: string,
    look: (page: Page) => Promise<T>,
  ): Promise<T> {
    const context = await web.context(token);
    try {
      const page = await context.newPage();
      await page.goto(path);
      return await look(page);
    } finally {
      await context.close();
    }
  }
  /** Each link in the element as its text and where it goes. */
  const linksIn = (page: Page, selector: string) =>
    page
      .locator(`${selector} a`)
      .evaluateAll((as) => as.map((a) => `${a.textContent?.trim()} -> ${a.getAttribute('href')}`));

  it('names who declared an interest at a meeting, linked to their page, and no one the public may not see', async () => {
    await as(undefined, `/register/meetings/${MEETING}`, async (page) => {
      expect(await page.innerText('[data-testid=interests]')).toBe(
        'David Lloyd: Other interest in item item-1 – Lives in the county (dispensation by Standards Committee: Shared by every resident)',
      );
      expect(await linksIn(page, '[data-testid=interests]')).toEqual([
        'David Lloyd -> /register/people/david-lloyd',
      ]);
      // The interest in the exempt item is not the public's, nor is the name of who declared it.
      expect(await page.content()).not.toContain('EXEMPT-DECLARER-CANARY');
      expect(await page.content()).not.toContain('names-exempt');
      expect(await web.audit(page, 'names-meeting')).toEqual([]);
    });
  });

  it('names whom a question from the public was put to, and who answered it', async () => {
    await as(undefined, `/register/meetings/${MEETING}`, async (page) => {
      expect(await page.innerText('[data-testid=questions] dt')).toBe(
        'A resident of Hitchin asked the Police and Crime Commissioner for Hertfordshire (David Lloyd)',
      );
      expect(await page.innerText('[data-testid=questions] dd')).toContain('Answer (Hannah Executive): Yes.');
      expect(await linksIn(page, '[data-testid=questions]')).toEqual([
        'Police and Crime Commissioner for Hertfordshire -> /register/bodies/pcc-hertfordshire',
        'David Lloyd -> /register/people/david-lloyd',
        'Hannah Executive -> /register/people/herts-ceo',
      ]);
    });
  });

  it('names who declared an interest in an exempt item to an auditor', async () => {
    await as(web.ctx.tokens.auditor, `/register/meetings/${MEETING}`, async (page) => {
      expect(await page.innerText('[data-testid=interests]')).toContain(
        `${EXEMPT_DECLARER}: Pecuniary interest in item item-2 – A relative on the staff (withdrew)`,
      );
      expect(await page.innerText('[data-testid=interests]')).not.toContain('names-exempt:');
    });
  });

  it('lists an attendee without a person, or without a body, in plain words', async () => {
    await as(undefined, `/register/meetings/${MEETING}`, async (page) => {
      expect(await page.locator('[data-testid=attendance] li').allInnerTexts()).toEqual([
        'David Lloyd for Police and Crime Commissioner for Hertfordshire, PCC',
        'Observer',
      ]);
    });
    await as(web.ctx.tokens.auditor, `/register/meetings/${PRIVATE_FIXTURE_MEETING}`, async (page) => {
      expect(await page.locator('[data-testid=attendance] li').first().innerText()).toBe(
        'Chief Constable of Bedfordshire Police, chief constable',
      );
    });
  });

  it("links the body that made a recommendation at a meeting to the body's page", async () => {
    await as(undefined, '/register/meetings/jwg-g4s-meeting', async (page) => {
      const recommendation = page.locator('li:has-text("recommended “")');
      expect(await recommendation.innerText()).toMatch(
        /^Strategic Alliance Joint Collaboration Working Group recommended “do not proceed” on /,
      );
      expect((await linksIn(page, 'li:has-text("recommended “")'))[0]).toBe(
        'Strategic Alliance Joint Collaboration Working Group -> /register/bodies/jwg',
      );
    });
  });

  it('names the officer who decided under delegation on the decision record, linked to her page', async () => {
    await as(undefined, `/register/proposals/${HERTS_PROPOSAL}/decisions/herts-final`, async (page) => {
      expect(await page.innerText('[data-testid=row-delegation]')).toBe(
        'Decided by Chief Executive (Hannah Executive) under Scheme of Delegation, para 4.2, on behalf of the post holder',
      );
      expect(await linksIn(page, '[data-testid=row-delegation]')).toEqual([
        'Hannah Executive -> /register/people/herts-ceo',
      ]);
      expect(await web.audit(page, 'names-decision-delegated')).toEqual([]);
    });
  });

  it('names who declared an interest on a decision record, linked to their page', async () => {
    await as(undefined, `/register/proposals/${PROPOSAL}/decisions/${DECISION}`, async (page) => {
      expect(await page.innerText('[data-testid=row-interests]')).toBe(
        'David Lloyd: Other interest, Lives in the county',
      );
      expect(await linksIn(page, '[data-testid=row-interests]')).toEqual([
        'David Lloyd -> /register/people/david-lloyd',
      ]);
      expect(await web.audit(page, 'names-decision')).toEqual([]);
    });
  });

  it('names the vote that carried a decision by its question, linked to its meeting', async () => {
    await as(undefined, `/register/proposals/${PROPOSAL}/decisions/${DECISION}`, async (page) => {
      expect(await page.innerText('[data-testid=row-vote]')).toBe(
        '“That the control room stays” – Passed, at Hertfordshire PCC: July decision meeting',
      );
      expect(await linksIn(page, '[data-testid=row-vote]')).toEqual([
        `Hertfordshire PCC: July decision meeting -> /register/meetings/${MEETING}`,
      ]);
    });
  });

  const meetingLink = `Hertfordshire PCC: July decision meeting -> /register/meetings/${MEETING}`;

  it('names the meeting a decision was taken at on its record, where it said "the meeting"', async () => {
    await as(undefined, `/register/proposals/${PROPOSAL}/decisions/${DECISION}`, async (page) => {
      expect(await page.innerText('[data-testid=row-in-public]')).toBe(
        'Yes, at Hertfordshire PCC: July decision meeting',
      );
      expect(await linksIn(page, '[data-testid=row-in-public]')).toEqual([meetingLink]);
    });
  });

  it("names the meeting behind a member's position on the proposal page", async () => {
    await as(undefined, `/register/proposals/${PROPOSAL}`, async (page) => {
      const position = page.locator('[data-testid=positions] tbody tr').first().locator('td').nth(2);
      expect(await position.innerText()).toBe(
        'Approve on 1 July 2013, 10:30 UTC by David Lloyd, at Hertfordshire PCC: July decision meeting',
      );
    });
  });

  it('names the meeting each vote was cast at on the person page', async () => {
    await as(undefined, '/register/people/david-lloyd', async (page) => {
      const votes = 'h2:has-text("Votes cast") + ul';
      expect(await page.innerText(votes)).toBe(
        '1 July 2013, 10:21 UTC: Yes on “That the control room stays” at Hertfordshire PCC: July decision meeting',
      );
      expect(await linksIn(page, votes)).toEqual([meetingLink]);
    });
  });

  it('names the decision a rescission undoes, on its record and in the register', async () => {
    const undone = 'PCC/H/2013/03, Policing support services: contract signed';
    const href = `/register/proposals/${HERTS_PROPOSAL}/decisions/herts-contract`;
    await as(undefined, `/register/proposals/${HERTS_PROPOSAL}/decisions/herts-rescind`, async (page) => {
      expect(await page.innerText('[data-testid=row-outcome]')).toBe(`Rescind: undoes ${undone}`);
      expect(await linksIn(page, '[data-testid=row-outcome]')).toEqual([`${undone} -> ${href}`]);
    });
    const context = await web.context();
    const page = await context.newPage();
    for (const path of ['/register/bodies/pcc-hertfordshire', '/register/people/david-lloyd'])
      expect([path, (await decisionsRegisterRows(page, path))['herts-rescind'].outcome]).toEqual([
        path,
        `Rescind: undoes ${undone}`,
      ]);
    await context.close();
  });

  it("names the posts a person held by the post's own label, linked to its body", async () => {
    const postsOf = (page: Page) =>
      page
        .locator('h2:has-text("Posts held") + ul li')
        .evaluateAll((lis) =>
          lis.map((li) => `${li.textContent?.trim()} | ${li.querySelector('a')?.getAttribute('href')}`),
        );
    await as(undefined, '/register/people/david-lloyd', async (page) => {
      // The post's label is its body's name (a corporation sole): said once.
      expect(await postsOf(page)).toEqual([
        'Police and Crime Commissioner for Hertfordshire, from 22 November 2012 | /register/bodies/pcc-hertfordshire',
      ]);
    });
    await as(undefined, '/register/people/herts-ceo', async (page) => {
      expect(await postsOf(page)).toEqual([
        'Chief Executive of the OPCC, Police and Crime Commissioner for Hertfordshire, from 1 February 2013 | /register/bodies/pcc-hertfordshire',
      ]);
      expect(await web.audit(page, 'names-person-posts')).toEqual([]);
    });
  });
});
