import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, type Caller, type SessionCredential } from '@ledger/http';
import { SESSION_COOKIE, SESSION_HOURS, SessionStore } from './session.store';

/** The page's reader: whoever the session cookie names, or the public. */
@Injectable()
export class WebCaller {
  constructor(private readonly sessions: SessionStore) {}

  of(request: FastifyRequest): Caller {
    return this.sessions.callerOf(request.cookies?.[SESSION_COOKIE]) ?? ANONYMOUS;
  }

  signIn(credential: SessionCredential, request: FastifyRequest, reply: FastifyReply): void {
    this.sessions.close(request.cookies?.[SESSION_COOKIE]);
    const id = this.sessions.open(credential);
    // HttpOnly: no script reads it; SameSite=Strict: no other site's form or link carries it;
    // Secure when the page came over https (behind a proxy, x-forwarded-proto with trustProxy).
    void reply.setCookie(SESSION_COOKIE, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      maxAge: SESSION_HOURS * 3600,
    });
  }

  signOut(request: FastifyRequest, reply: FastifyReply): void {
    this.sessions.close(request.cookies?.[SESSION_COOKIE]);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
