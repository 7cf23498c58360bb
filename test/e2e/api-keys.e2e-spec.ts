import { PassThrough } from 'node:stream';
import request from 'supertest';
import { runCli } from '@ledger/cli';
import { consoleSession } from '../support/console-session';
import { startTestApp, type TestApp } from '../support/test-app';

/** Runs `ledger keys …` on the service's own ledger folder; the keys commands open no store. */
async function ledgerKeys(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const code = await runCli(['node', 'ledger', 'keys', ...args], {
    io: { stdout, stderr, stdin: new PassThrough() },
    withStore: () => Promise.reject(new Error('no store')),
  });
  return { code, out, err };
}

const statusWith = async (ctx: TestApp, token: string) =>
  (await request(ctx.app.getHttpServer()).get('/ledger/checkpoint').set('authorization', `Bearer ${token}`))
    .status;

describe('API keys without a restart', () => {
  let ctx: TestApp;
  // No LEDGER_API_KEYS_FILE: the service reads api-keys.json beside its ledger, which does not exist yet.
  beforeAll(async () => (ctx = await startTestApp({ LEDGER_API_KEYS_FILE: '' })));
  afterAll(async () => ctx.stop());

  it('accepts a key added with `ledger keys add` while it runs, and refuses it once revoked, at the next request', async () => {
    const added = await ledgerKeys([
      'add',
      '--name',
      'town-clerk',
      '--role',
      'clerk',
      '--db',
      ctx.config.LEDGER_DB_PATH,
    ]);
    expect(added.code).toBe(0);
    const token = added.out.trim();
    expect(await statusWith(ctx, token)).toBe(200);
    const listed = await ledgerKeys(['list', '--db', ctx.config.LEDGER_DB_PATH]);
    expect(listed.out).toBe('town-clerk\tclerk\n');
    expect(
      (await ledgerKeys(['revoke', '--name', 'town-clerk', '--db', ctx.config.LEDGER_DB_PATH])).code,
    ).toBe(0);
    expect(await statusWith(ctx, token)).toBe(401);
  });

  it('ends a console session signed in with a key once the key is revoked: its next page is the sign-in, and its next form is not recorded', async () => {
    const db = ['--db', ctx.config.LEDGER_DB_PATH];
    const token = (await ledgerKeys(['add', '--name', 'desk-clerk', '--role', 'clerk', ...db])).out.trim();
    const { agent, csrf } = await consoleSession(ctx.app, token);
    expect((await agent.get('/console')).status).toBe(200);
    expect((await ledgerKeys(['revoke', '--name', 'desk-clerk', ...db])).code).toBe(0);
    const console = await agent.get('/console');
    expect(console.status).toBe(303);
    expect(console.headers.location).toMatch(/^\/console\/sign-in/);
    const head = await ctx.store.head();
    const posted = await agent.post('/console/record/registerPerson').type('form').send({
      _csrf: csrf,
      personId: 'after-revoking',
      name: 'Recorded after revoking',
      occurredAt: '2012-01-01',
      'source.kind': 'minutes',
      'source.reference': 'minutes 1',
    });
    expect(posted.status).not.toBe(201);
    expect(posted.status).toBeLessThan(500);
    expect(await ctx.store.head()).toBe(head);
  });
});
