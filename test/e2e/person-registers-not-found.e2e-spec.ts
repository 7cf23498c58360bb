import request from 'supertest';
import { recordAllianceVote } from '../support/alliance-vote';
import { OpenApiClient } from '../support/openapi-client';
import { recordStoryOverHttp } from '../support/story-over-http';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A person's registers (their votes, the decisions they are named on, as JSON and as CSV) answer
 * 404 for a person not registered, as GET /people/{id} does, with the same problem: an empty
 * register would read a mistyped id as someone who never voted. The 404 is /people/{id}'s own, so
 * it follows the cut asked (a person registered on 22 November 2012 is not found as of the day
 * before, nor as known before the registration was recorded) and holds for the public and for an
 * auditor alike. A person registered who never voted still answers 200 with no rows.
 */
describe("a person's votes and decisions, for a person not registered", () => {
  let ctx: TestApp;
  const get = (url: string, token?: string) => {
    const req = request(ctx.app.getHttpServer()).get(url);
    return token ? req.set('authorization', `Bearer ${token}`) : req;
  };
  const REGISTERS = ['votes', 'votes.csv', 'decisions', 'decisions.csv'];
  const SOURCE = { kind: 'test', reference: 'person registers spec' };
  // David Lloyd's registration: dated 22 November 2012, recorded on the 23rd at 09:00 (the story).
  const CUTS = {
    'as of the day before': 'asOf=2012-11-21',
    'as known before': 'knownAt=2012-11-23T08:00:00Z',
  };

  beforeAll(async () => {
    ctx = await startTestApp();
    const client = await OpenApiClient.generate(ctx.app);
    await recordStoryOverHttp(client, ctx);
    // The story holds no ballot: the alliance's vote gives David Lloyd one.
    await recordAllianceVote(client, ctx);
    const registered = await client.call('registerPerson', {
      body: { personId: 'never-voted', name: 'Never Voted', occurredAt: '2013-01-01', source: SOURCE },
      token: ctx.tokens.clerk,
    });
    expect(registered.status).toBe(201);
    await ctx.settle();
  });
  afterAll(async () => ctx?.stop());

  /** Expects the problem GET /people/{id} answers at the same cut, to the same caller, of each register. */
  async function expectPersonNotFound(personId: string, cut: string, token?: string, registerQuery = '') {
    const person = await get(`/people/${personId}${cut ? `?${cut}` : ''}`, token);
    expect(person.status).toBe(404);
    for (const register of REGISTERS) {
      const query = [cut, registerQuery].filter(Boolean).join('&');
      const res = await get(`/people/${personId}/${register}${query ? `?${query}` : ''}`, token);
      expect({ register, status: res.status }).toEqual({ register, status: 404 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      // The same problem, but for the path asked.
      const { instance, ...problem } = res.body as { instance: string };
      expect(problem).toEqual({ ...person.body, instance: undefined });
      expect(instance).toMatch(new RegExp(`^/people/${personId}/${register.replace('.', '\\.')}`));
    }
  }

  it.each([
    ['the public', undefined],
    ['an auditor', 'auditor' as const],
  ])('answers 404 to %s for an id no one is registered under, JSON and CSV', async (_, who) => {
    const token = who && ctx.tokens[who];
    await expectPersonNotFound('nobody', '', token);
    // A page asked of a register (its own query) is still of no one.
    await expectPersonNotFound('nobody', '', token, 'limit=10');
  });

  it.each(Object.entries(CUTS))(
    'answers 404 %s the person was registered, to the public and to an auditor',
    async (_, cut) => {
      await expectPersonNotFound('david-lloyd', cut);
      await expectPersonNotFound('david-lloyd', cut, ctx.tokens.auditor);
    },
  );

  it('lists a registered person’s votes and decisions, and none for one registered who never voted', async () => {
    for (const token of [undefined, ctx.tokens.auditor]) {
      const votes = await get('/people/david-lloyd/votes', token);
      expect(votes.status).toBe(200);
      expect(votes.body.items.map((v: { voteEventId: string }) => v.voteEventId)).toContain(
        'vote-shared-ict',
      );
      const decisions = await get('/people/david-lloyd/decisions', token);
      expect(decisions.status).toBe(200);
      expect(decisions.body.items.length).toBeGreaterThan(0);
      const csv = await get('/people/david-lloyd/votes.csv', token);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain('vote-shared-ict');
      // Registered on the 22nd: his register is there as of that day, though nothing is in it yet.
      const then = await get('/people/david-lloyd/votes?asOf=2012-11-22', token);
      expect({ status: then.status, items: then.body.items }).toEqual({ status: 200, items: [] });
    }
    for (const register of ['votes', 'decisions']) {
      const none = await get(`/people/never-voted/${register}`);
      expect({ register, status: none.status, items: none.body.items }).toEqual({
        register,
        status: 200,
        items: [],
      });
    }
  });
});
