import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * A correction is held to the text rules of the field it changes, as the field's own command is:
 * a title corrected to two lines, or to one holding a control character or a lone surrogate, is
 * refused naming the field and what is wrong, and nothing is written. The edge refuses a control
 * character or a lone surrogate anywhere in `changes` (400 validation-failed); only the domain
 * knows a changed field is a title, so a line break in it is its refusal (422
 * correction-invalid-value). Free text keeps its line breaks when corrected, as when recorded.
 */
describe('corrections over HTTP: the text rules of the field changed', () => {
  let ctx: TestApp;
  const server = () => ctx.app.getHttpServer();
  const source = { kind: 'minutes', reference: 'Minutes, item 1' };
  /** Sends the body as written: a string is sent as raw JSON text (escapes kept). */
  const post = (path: string, body: unknown) =>
    request(server())
      .post(path)
      .set('authorization', `Bearer ${ctx.tokens.clerk}`)
      .set('content-type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  let stream: string;
  let tabled: string;
  const correction = (changes: Record<string, unknown>) => ({
    stream,
    eventId: tabled,
    reason: 'The title as the report gives it',
    changes,
    occurredAt: '2012-04-01',
    source,
  });

  type Answer = { status: number; body: any };
  /** Refused with `status` and `code`, the head of the ledger where it was. */
  async function expectRefused(send: () => Promise<Answer>, status: number, code: string): Promise<Answer> {
    const head = await ctx.store.head();
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(await ctx.store.head()).toBe(head);
    return res;
  }

  beforeAll(async () => {
    ctx = await startTestApp();
    const body = await post('/bodies', {
      bodyId: 'pa',
      name: 'PA',
      classification: 'police-authority',
      powers: 'decides',
      foundingDate: '2000-01-01',
      occurredAt: '2012-03-01',
      source,
    });
    expect(body.status).toBe(201);
    const proposal = await post('/proposals', {
      proposalId: 'p',
      title: 'Outsourcing',
      description: 'A plan.',
      scope: ['HR'],
      tabledBy: 'pa',
      bodyId: 'pa',
      occurredAt: '2012-03-01',
      source,
    });
    expect(proposal.status).toBe(201);
    stream = proposal.body.stream;
    tabled = proposal.body.events[0].id;
  });
  afterAll(async () => ctx.stop());

  it('refuses a line break in a corrected title (422), naming the field and the character', async () => {
    const res = await expectRefused(
      () => post('/corrections', correction({ title: 'Outsourcing\nof the back office' })),
      422,
      'correction-invalid-value',
    );
    expect(res.body.detail).toMatch(
      /ProposalTabled\.title must be one line: it has a line feed \(U\+000A\) at character 12/,
    );
  });

  it('refuses a control character in a corrected title (400), naming the field', async () => {
    const res = await expectRefused(
      () => post('/corrections', correction({ title: 'Out\u0007sourcing' })),
      400,
      'validation-failed',
    );
    expect(res.body.errors).toEqual([
      {
        field: 'changes.title',
        messages: [expect.stringMatching(/^changes\.title has the control character U\+0007/)],
      },
    ]);
  });

  it('refuses a lone surrogate in a corrected title (400), naming the field', async () => {
    const text = JSON.stringify(correction({ title: 'PLACEHOLDER' })).replace(
      'PLACEHOLDER',
      'Out\\ud800sourcing',
    );
    const res = await expectRefused(() => post('/corrections', text), 400, 'validation-failed');
    expect(res.body.errors).toEqual([
      {
        field: 'changes.title',
        messages: [
          expect.stringMatching(
            /^changes\.title is not well-formed Unicode: it has a lone surrogate \(U\+D800\)/,
          ),
        ],
      },
    ]);
  });

  it('takes a line break in corrected free text, and a clean corrected title', async () => {
    const head = await ctx.store.head();
    const res = await post(
      '/corrections',
      correction({ title: 'Outsourcing the back office', description: 'A plan.\n\nIn two paragraphs.' }),
    );
    expect(res.status).toBe(201);
    expect(await ctx.store.head()).toBe(head + 1);
  });
});
