import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Authenticator, type Caller, type SessionCredential } from '@ledger/http';

/** How long a signed-in session lasts without a new sign-in: a working day. */
export const SESSION_HOURS = 8;
export const SESSION_COOKIE = 'ledger_session';

interface Session {
  credential: SessionCredential;
  expiresAt: number;
}

/**
 * Signed-in sessions, kept on the server so that signing out ends them: the cookie holds only a
 * random id, and the store keeps its hash, never the token the clerk signed in with. Sessions
 * live in this process: a restart signs everyone out, which for a clerk's console is safe.
 *
 * A session is only as good as the credential it was signed in with, checked again at every use as
 * a request bearing it would be: once the API key is revoked (or its role changed), or the JWT has
 * expired, the session is over, and its reader is the public again.
 */
@Injectable()
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly authenticator: Authenticator) {}

  open(credential: SessionCredential): string {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    // A working day at most, and never past the JWT's own expiry.
    const expiresAt = Math.min(Date.now() + SESSION_HOURS * 3_600_000, credential.expiresAt ?? Infinity);
    this.sessions.set(digest(id), { credential, expiresAt });
    return id;
  }

  callerOf(id: string | undefined): Caller | undefined {
    if (!id) return undefined;
    const session = this.sessions.get(digest(id));
    if (!session) return undefined;
    if (session.expiresAt <= Date.now() || !this.authenticator.stillHolds(session.credential)) {
      this.sessions.delete(digest(id));
      return undefined;
    }
    return session.credential.caller;
  }

  close(id: string | undefined): void {
    if (id) this.sessions.delete(digest(id));
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, session] of this.sessions) if (session.expiresAt <= now) this.sessions.delete(key);
  }
}

function digest(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
