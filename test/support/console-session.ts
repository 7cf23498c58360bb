import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';

/** The CSRF token a console page's form carries. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('the page has no form with a CSRF token');
  return token;
}

/**
 * A browser's session on the console over HTTP (supertest's agent keeps its cookies): signed in
 * with `token` when one is given, and a CSRF token from a page with a form, to post with.
 */
export async function consoleSession(app: NestFastifyApplication, token?: string) {
  const agent = request.agent(app.getHttpServer());
  const signInForm = async () => csrfOf((await agent.get('/console/sign-in')).text);
  if (token) {
    // Asked before the post is made: the agent gives a request the cookies it holds when made.
    const csrf = await signInForm();
    const signedIn = await agent.post('/console/sign-in').type('form').send({ _csrf: csrf, token });
    if (signedIn.status !== 303) throw new Error(`signing in answered ${signedIn.status}, not 303`);
  }
  return { agent, csrf: await signInForm() };
}

/**
 * The same, for `app.inject` (no socket): the cookies of a session signed in with `token`, as one
 * Cookie header.
 */
export async function consoleCookies(app: NestFastifyApplication, token: string): Promise<string> {
  const form = await app.inject({ method: 'GET', url: '/console/sign-in' });
  const csrfCookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const signedIn = await app.inject({
    method: 'POST',
    url: '/console/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    payload: new URLSearchParams({ _csrf: csrfOf(form.body), token }).toString(),
  });
  const session = signedIn.cookies.find((c) => c.name === 'ledger_session');
  if (signedIn.statusCode !== 303 || !session)
    throw new Error(`signing in answered ${signedIn.statusCode} without a session cookie`);
  return `${csrfCookie}; ledger_session=${session.value}`;
}
