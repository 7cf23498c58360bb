import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * What an outside tester sent as a clerk and the service took, or refused late or unclearly: text
 * that is not well-formed Unicode or holds control or bidi override characters, duplicate keys,
 * impossible date-times, class-validator's stock messages and an over-long path id. Each is
 * refused 400 validation-failed, naming the field and the problem, and nothing is written.
 */
describe('input hygiene over HTTP', () => {
  let ctx: TestApp;
  const server = () => ctx.app.getHttpServer();
  const source = { kind: 'minutes', reference: 'Minutes, item 1' };
  let n = 0;
  const person = (extra: Record<string, unknown> = {}) => ({
    personId: `person-${++n}`,
    name: 'Graham Bright',
    occurredAt: '2012-11-22',
    source,
    ...extra,
  });
  /** Sends the body as written: a string is sent as raw JSON text (escapes and duplicate keys kept). */
  const post = (path: string, body: unknown) =>
    request(server())
      .post(path)
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  type Answer = { status: number; body: any };
  const messagesOf = (res: Answer, field: string): string[] =>
    (res.body.errors ?? []).find((e: { field: string }) => e.field === field)?.messages ?? [];

  /** Refused 400 validation-failed naming `field`, with nothing written. */
  async function expectRefused(send: () => Promise<Answer>, field: string): Promise<string[]> {
    const head = await ctx.store.head();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation-failed' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await ctx.store.head()).toBe(head);
    return messagesOf(res, field);
  }

  beforeAll(async () => {
    ctx = await startTestApp();
    for (const [path, body] of [
      [
        '/bodies',
        {
          bodyId: 'pa',
          name: 'PA',
          classification: 'police-authority',
          powers: 'decides',
          foundingDate: '2000-01-01',
        },
      ],
      [
        '/proposals',
        {
          proposalId: 'p',
          title: 'Outsourcing',
          description: 'A plan.',
          scope: ['HR'],
          tabledBy: 'pa',
          bodyId: 'pa',
        },
      ],
    ] as const) {
      const res = await post(path, { ...body, occurredAt: '2012-03-01', source });
      expect(res.status).toBe(201);
    }
  });
  afterAll(async () => ctx.stop());

  describe('text is well-formed Unicode, without control or bidi override characters', () => {
    it('refuses a lone surrogate in a name, naming the field', async () => {
      const text = JSON.stringify(person()).replace('"Graham Bright"', '"lone \\ud800 surrogate"');
      const messages = await expectRefused(() => post('/people', text), 'name');
      expect(messages.join(' ')).toMatch(/well-formed Unicode.*U\+D800/);
    });

    it.each([
      ['NUL', '\u0000'],
      ['BEL', '\u0007'],
      ['DEL', '\u007f'],
      ['a C1 control (NEL)', '\u0085'],
    ])('refuses %s in a name', async (_, char) => {
      const messages = await expectRefused(
        () => post('/people', person({ name: `Graham${char}Bright` })),
        'name',
      );
      expect(messages.join(' ')).toMatch(/control character/);
    });

    it('refuses a control character anywhere in the body: in a source, in free text', async () => {
      await expectRefused(
        () => post('/people', person({ source: { kind: 'minutes', reference: 'item\u00071' } })),
        'source.reference',
      );
      await expectRefused(
        () =>
          post('/proposals/p/withdrawal', {
            reason: 'Abandoned\u0000',
            occurredAt: '2012-04-01',
            source,
          }),
        'reason',
      );
    });

    it('refuses a line break or a tab in a single-line field, and takes them in free text', async () => {
      for (const name of ['Graham\nBright', 'Graham\tBright', 'Graham\r\nBright']) {
        const messages = await expectRefused(() => post('/people', person({ name })), 'name');
        expect(messages.join(' ')).toMatch(/one line/);
      }
      const res = await post('/proposals/p/claims', {
        claimId: 'multi-line',
        subject: 'funding-gap',
        amount: 1,
        unit: 'GBP',
        qualifier: 'exactly',
        claimant: 'news report',
        statement: 'First paragraph.\r\n\r\n\tSecond paragraph.',
        occurredAt: '2012-04-01',
        source,
      });
      expect(res.status).toBe(201);
    });

    it.each([
      ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
      ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
      ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
      ['POP DIRECTIONAL ISOLATE', '\u2069'],
    ])('refuses the bidi control %s in a name and in free text', async (_, char) => {
      const messages = await expectRefused(
        () => post('/people', person({ name: `Graham ${char}thgirB` })),
        'name',
      );
      expect(messages.join(' ')).toMatch(/reorders/);
      await expectRefused(
        () => post('/proposals/p/withdrawal', { reason: `x ${char}y`, occurredAt: '2012-04-01', source }),
        'reason',
      );
    });

    it('takes real names and quotes: accents, Welsh, curly quotes, dashes, a right-to-left mark, an emoji', async () => {
      for (const name of ['Siân Ŵyn-Jones', '‘Bob’ O’Neill — “Chair”', 'אבי\u200fכהן', 'Ali 👍🏽 Khan']) {
        const res = await post('/people', person({ name }));
        expect(res.status).toBe(201);
      }
    });
  });

  describe('a JSON body names each key once', () => {
    it('refuses a duplicate key, naming it, rather than keeping the last', async () => {
      const text = JSON.stringify(person()).replace(
        '"name":"Graham Bright"',
        '"name":"First","name":"Second"',
      );
      const messages = await expectRefused(() => post('/people', text), 'name');
      expect(messages.join(' ')).toMatch(/twice/);
    });

    it('refuses a duplicate key inside a nested object, and one written with an escape', async () => {
      const nested = JSON.stringify(person()).replace('"kind":"minutes"', '"kind":"minutes","kind":"report"');
      await expectRefused(() => post('/people', nested), 'source.kind');
      const escaped = JSON.stringify(person()).replace(
        '"name":"Graham Bright"',
        '"name":"A","na\\u006de":"B"',
      );
      await expectRefused(() => post('/people', escaped), 'name');
    });
  });

  describe('date-times are real, caught early on their own field', () => {
    it.each([
      ['2013-02-30T10:00:00Z', /not a real date/],
      ['2013-02-28T24:00:00Z', /not a real time/],
      ['2013-02-28T10:00:00+14:30', /UTC offset/],
      ['2013-02-28T10:00:00-12:30', /UTC offset/],
      ['2013-02-28T10:00:00+05:17', /UTC offset/],
    ])('refuses occurredAt %s on occurredAt itself', async (occurredAt, message) => {
      const messages = await expectRefused(() => post('/people', person({ occurredAt })), 'occurredAt');
      expect(messages).toEqual([expect.stringMatching(message)]);
    });

    it('refuses an impossible date-time in a command field and in a read cut', async () => {
      const messages = await expectRefused(
        () =>
          post('/bodies', {
            bodyId: 'pb',
            name: 'PB',
            classification: 'police-authority',
            powers: 'decides',
            foundingDate: '2013-02-30T10:00:00Z',
            occurredAt: '2013-03-01',
            source,
          }),
        'foundingDate',
      );
      expect(messages).toEqual([expect.stringMatching(/^foundingDate is not a real date/)]);
      const read = await request(server()).get('/proposals?asOf=2013-02-28T24:00:00Z');
      expect(read.status).toBe(400);
      expect(read.body.errors).toEqual([
        { field: 'asOf', messages: [expect.stringMatching(/not a real time/)] },
      ]);
    });

    it('takes the real offsets at the ends of the range and a quarter-hour one', async () => {
      for (const occurredAt of [
        '2012-11-22T10:00:00+14:00',
        '2012-11-22T10:00:00-12:00',
        '2012-11-22T10:00:00+05:45',
      ]) {
        const res = await post('/people', person({ occurredAt }));
        expect(res.status).toBe(201);
      }
    });
  });

  describe('one clear message per problem', () => {
    it.each(['abc', '0', '101', '1.5'])('answers ?limit=%s with one message', async (limit) => {
      const res = await request(server()).get(`/proposals?limit=${limit}`);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { field: 'limit', messages: ['limit must be a whole number from 1 to 100'] },
      ]);
    });

    it('says an amount sent as text is text', async () => {
      const res = await post('/proposals/p/claims', {
        claimId: 'as-text',
        subject: 'funding-gap',
        amount: '1000',
        unit: 'GBP',
        qualifier: 'exactly',
        claimant: 'news report',
        statement: 'a figure',
        occurredAt: '2012-04-01',
        source,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'amount', messages: ['amount must be a number, not text'] }]);
    });
  });

  describe('a path id of any length is the same problem, naming the parameter', () => {
    it.each([129, 1500, 5000])('answers a %i-character person id 400 naming personId', async (length) => {
      const res = await request(server()).get(`/people/${'a'.repeat(length)}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'personId' }] });
      // `instance` is the request's own URL, as on every problem; what is wrong is not echoed.
      expect(JSON.stringify({ ...res.body, instance: undefined })).not.toMatch(/a{129}/);
    });

    it('names the id of a route with two parameters, and echoes no over-long problem code', async () => {
      const audit = await request(server())
        .get(`/audit/proposal/${'a'.repeat(1500)}`)
        .set('authorization', `Bearer ${ctx.tokens.clerk}`);
      expect(audit.status).toBe(400);
      expect(audit.body).toMatchObject({ code: 'validation-failed', errors: [{ field: 'id' }] });
      const problem = await request(server()).get(`/problems/${'a'.repeat(1500)}`);
      expect(problem.status).toBe(404);
      expect(problem.body).toMatchObject({ code: 'not-found', detail: 'No problem type has that code' });
    });
  });
});
