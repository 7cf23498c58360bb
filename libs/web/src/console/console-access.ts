import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemException, type Caller } from '@ledger/http';

/** A local path to return to after a form: never another site. */
export function safeReturnTo(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(register|console)(?:[/?][A-Za-z0-9/_.:%?=&-]*)?$/.test(value) && !value.includes('//') ? value : undefined;
}

/**
 * The console is for clerks: the public is sent to sign in (and back here after), a signed-in
 * auditor is told the role it needs, as the API answers 403.
 */
export function requireRole(caller: Caller, roles: Array<'clerk' | 'auditor'>, request: FastifyRequest, reply: FastifyReply): boolean {
  if (roles.includes(caller.role as 'clerk')) return true;
  if (caller.role === 'public') {
    const back = safeReturnTo(request.url);
    void reply.redirect(`/console/sign-in${back ? `?returnTo=${encodeURIComponent(back)}` : ''}`, 303);
    return false;
  }
  throw new ProblemException('forbidden', `Role ${caller.role} may not do this; it needs ${roles.join(' or ')}`);
}
