import { consoleSession, csrfOf } from '../support/console-session';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A console form with several things wrong names every one of them at once: a blank required field
 * and, in the same page, what the API finds wrong with the fields the clerk did fill in (a month 13,
 * a value not among a field's choices). Nothing is recorded.
 */
describe('console forms name every problem in one round', () => {
  let ctx: TestApp;
  beforeAll(async () => (ctx = await startTestApp()));
  afterAll(async () => ctx.stop());

  it('given a blank name, a month 13 and an unlisted classification, then the page names all three and nothing is written', async () => {
    const { agent } = await consoleSession(ctx.app, ctx.tokens.clerk);
    const form = await agent.get('/console/record/registerBody');
    expect(form.status).toBe(200);
    const head = await ctx.store.head();
    const res = await agent
      .post('/console/record/registerBody')
      .type('form')
      .send({
        _csrf: csrfOf(form.text),
        bodyId: 'new-authority',
        name: '',
        classification: 'not-a-classification',
        powers: 'decides',
        foundingDate: '2012-13-01',
        occurredAt: '2012-11-22',
        'source.kind': 'minutes',
        'source.reference': 'Console test',
      });
    expect(res.status).toBe(400);
    const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
    expect(summary).toContain('href="#field-name"');
    expect(summary).toContain('href="#field-foundingDate"');
    expect(summary).toContain('href="#field-classification"');
    // The values the clerk gave are kept in the form, to be mended rather than typed again.
    expect(res.text).toContain('value="new-authority"');
    expect(await ctx.store.head()).toBe(head);
  });

  it('given a form sent, then sent again from Back with other values, then the page says so and gives a fresh form that records them', async () => {
    const { agent } = await consoleSession(ctx.app, ctx.tokens.clerk);
    const form = await agent.get('/console/record/registerPerson');
    const keyOf = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)?.[1];
    const first = keyOf(form.text);
    const send = (personId: string, idempotencyKey: string | undefined) =>
      agent
        .post('/console/record/registerPerson')
        .type('form')
        .send({
          _csrf: csrfOf(form.text),
          idempotencyKey,
          personId,
          name: `Person ${personId}`,
          occurredAt: '2012-11-22',
          'source.kind': 'minutes',
          'source.reference': 'Console test',
        });
    expect((await send('first-person', first)).status).toBe(201);
    const head = await ctx.store.head();
    const again = await send('second-person', first);
    expect(again.status).toBe(422);
    expect(again.text).toContain('sent before and recorded an entry with other values');
    expect(await ctx.store.head()).toBe(head);
    const fresh = keyOf(again.text);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(first);
    expect((await send('second-person', fresh)).status).toBe(201);
    expect(await ctx.store.head()).toBe(head + 1);
  });
});
